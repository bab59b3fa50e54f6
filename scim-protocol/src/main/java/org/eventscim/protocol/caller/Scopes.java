package org.eventscim.protocol.caller;

/** Token scopes. */
public final class Scopes {

    public static final String SCIM_READ = "scim:read";
    public static final String SCIM_WRITE = "scim:write";
    public static final String AUDIT_READ = "audit:read";
    public static final String ADMIN = "admin";

    private Scopes() {
    }
}
