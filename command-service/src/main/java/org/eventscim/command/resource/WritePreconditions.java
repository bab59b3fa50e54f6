package org.eventscim.command.resource;

/** What every write to an existing resource checks first, inside its aggregate. */
public final class WritePreconditions {

    private WritePreconditions() {
    }

    /** The resource belongs to the caller's tenant; another tenant's resource is indistinguishable from none. */
    public static void requireTenant(String resourceTenant, String callerTenant, String resourceType, String id) {
        if (!resourceTenant.equals(callerTenant)) {
            throw new ResourceNotFoundException(resourceType, id);
        }
    }

    /** The client's If-Match, if it named versions, names the current one. */
    public static void requireVersion(IfMatch ifMatch, long version) {
        if (ifMatch != null && !ifMatch.accepts(version)) {
            throw new VersionMismatchException(ifMatch, version);
        }
    }
}
