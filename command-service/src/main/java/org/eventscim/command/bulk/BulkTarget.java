package org.eventscim.command.bulk;

import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/**
 * What an operation's path names: a resource type endpoint for POST ({@code /Users}), one resource for
 * PUT, PATCH and DELETE ({@code /Users/<id>}). Only users and groups can be written in bulk.
 */
record BulkTarget(String resourceType, String endpoint, String id) {

    static BulkTarget of(String method, String path) {
        if (path == null || path.isBlank()) {
            throw invalidPath("Every bulk operation needs a \"path\".");
        }
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        String resourceType = switch (segments[0]) {
            case "Users" -> "User";
            case "Groups" -> "Group";
            default -> throw invalidPath("Bulk operations write /Users and /Groups, not " + path + ".");
        };
        boolean post = method.equals("POST");
        if (post && segments.length != 1) {
            throw invalidPath("A POST operation's path is the resource type endpoint (/" + segments[0] + "), not " + path + ".");
        }
        if (!post && segments.length != 2) {
            throw invalidPath("A " + method + " operation's path names one resource (/" + segments[0] + "/<id>), not " + path + ".");
        }
        return new BulkTarget(resourceType, segments[0], post ? null : segments[1]);
    }

    private static ScimException invalidPath(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidPath", detail);
    }
}
