package org.eventscim.command.resource;

import org.eventscim.protocol.error.ScimException;

/**
 * Which strings can be the id of a stored resource. Ids are made here (UUIDs), so a client's value that
 * could not even be stored (empty, longer than the event store's identifier column, or holding a NUL,
 * which PostgreSQL text cannot) names no resource, and is answered so without asking the database.
 */
public final class ResourceIds {

    private static final int MAX_LENGTH = 255;

    private ResourceIds() {
    }

    public static boolean possible(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.indexOf(0) < 0;
    }

    /** 404, as for any id that names nothing. */
    public static void requireFindable(String resourceType, String id) {
        if (!possible(id)) {
            throw ScimException.notFound(resourceType + " not found.");
        }
    }
}
