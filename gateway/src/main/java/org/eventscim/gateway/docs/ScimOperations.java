package org.eventscim.gateway.docs;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.DELETE;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.GET;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PATCH;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;

import java.util.List;

/**
 * The SCIM API as the query-service and command-service answer it behind the gateway. Written down here
 * because those services are not reachable by clients: their controllers are the truth, this table must
 * follow them.
 */
final class ScimOperations {

    private static final String RESOURCE = "ScimResource";
    private static final String LIST = "ListResponse";
    private static final List<String> LISTING = List.of("filter", "startIndex", "count", "cursor", "sortBy",
            "sortOrder", "attributes", "excludedAttributes");
    private static final List<String> READING = List.of("attributes", "excludedAttributes", "If-None-Match");
    private static final List<String> GUARDED = List.of("If-Match");
    /** A write answers with the resource, narrowed like a read. */
    private static final List<String> WRITING = List.of("attributes", "excludedAttributes");
    private static final List<String> GUARDED_WRITING = List.of("If-Match", "attributes", "excludedAttributes");

    static final List<ScimOperation> ALL = List.of(
            new ScimOperation(GET, "/Users", "List or filter users", 200, LIST, null, LISTING, List.of(400, 414)),
            new ScimOperation(POST, "/Users", "Create a user", 201, RESOURCE, RESOURCE, WRITING, List.of(400, 409, 413)),
            new ScimOperation(POST, "/Users/.search", "Search users", 200, LIST, "SearchRequest", List.of(), List.of(400, 413)),
            new ScimOperation(GET, "/Users/{id}", "Get a user", 200, RESOURCE, null, READING, List.of(304, 400, 404)),
            new ScimOperation(PUT, "/Users/{id}", "Replace a user", 200, RESOURCE, RESOURCE, GUARDED_WRITING, List.of(400, 404, 409, 412, 413)),
            new ScimOperation(PATCH, "/Users/{id}", "Modify a user", 200, RESOURCE, "PatchOp", GUARDED_WRITING, List.of(400, 404, 409, 412, 413)),
            new ScimOperation(DELETE, "/Users/{id}", "Delete a user", 204, null, null, GUARDED, List.of(404, 412)),
            new ScimOperation(GET, "/Groups", "List or filter groups", 200, LIST, null, LISTING, List.of(400, 414)),
            new ScimOperation(POST, "/Groups", "Create a group", 201, RESOURCE, RESOURCE, WRITING, List.of(400, 409, 413)),
            new ScimOperation(POST, "/Groups/.search", "Search groups", 200, LIST, "SearchRequest", List.of(), List.of(400, 413)),
            new ScimOperation(GET, "/Groups/{id}", "Get a group", 200, RESOURCE, null, READING, List.of(304, 400, 404)),
            new ScimOperation(PUT, "/Groups/{id}", "Replace a group", 200, RESOURCE, RESOURCE, GUARDED_WRITING, List.of(400, 404, 409, 412, 413)),
            new ScimOperation(PATCH, "/Groups/{id}",
                    "Modify a group's attributes or members (200 with the group when attributes or excludedAttributes is given)",
                    204, null, "PatchOp", GUARDED_WRITING, List.of(400, 404, 409, 412, 413)),
            new ScimOperation(DELETE, "/Groups/{id}", "Delete a group", 204, null, null, GUARDED, List.of(404, 412)),
            new ScimOperation(POST, "/Bulk", "Many writes in one request", 200, "BulkResponse", "BulkRequest", List.of(), List.of(400, 413)),
            new ScimOperation(GET, "/ServiceProviderConfig", "What this service supports", 200, RESOURCE, null, List.of(), List.of()),
            new ScimOperation(GET, "/Schemas", "Every schema", 200, LIST, null, List.of(), List.of()),
            new ScimOperation(GET, "/Schemas/{id}", "One schema, by its URN", 200, RESOURCE, null, List.of(), List.of(404)),
            new ScimOperation(GET, "/ResourceTypes", "Every resource type", 200, LIST, null, List.of(), List.of()),
            new ScimOperation(GET, "/ResourceTypes/{name}", "One resource type", 200, RESOURCE, null, List.of(), List.of(404)));

    /** The audit API (scope audit:read, the token's tenant only), with full paths: it lives beside the SCIM API. */
    static final List<ScimOperation> AUDIT = List.of(
            new ScimOperation(GET, "/audit/v1/Users/{id}/history", "Every event of a user, oldest first", 200,
                    "AuditHistory", null, List.of(), List.of(404)),
            new ScimOperation(GET, "/audit/v1/Groups/{id}/history", "Every event of a group, oldest first", 200,
                    "AuditHistory", null, List.of(), List.of(404)),
            new ScimOperation(GET, "/audit/v1/Users/{id}", "A user as it was at an instant", 200, RESOURCE, null,
                    List.of("asOf"), List.of(400, 404)),
            new ScimOperation(GET, "/audit/v1/Groups/{id}", "A group as it was at an instant", 200, RESOURCE, null,
                    List.of("asOf"), List.of(400, 404)),
            new ScimOperation(GET, "/audit/v1/events", "Search the tenant's events, newest first", 200, "AuditEventPage",
                    null, List.of("resourceType", "resourceId", "actorId", "eventType", "from", "to", "count", "cursor"),
                    List.of(400)),
            new ScimOperation(GET, "/audit/v1/export", "Export the tenant's events, oldest first, streamed", 200,
                    "AuditExport", null, List.of("from", "to", "format", "after"), List.of(400)),
            new ScimOperation(GET, "/audit/v1/replay", "The tenant's users and groups at an instant, from the event store",
                    200, "AuditReplay", null, List.of("asOf"), List.of(400, 404)),
            new ScimOperation(GET, "/audit/v1/chain/verify", "Verify the tenant's hash chain", 200, null, null,
                    List.of(), List.of(400)));

    private ScimOperations() {
    }
}
