package org.eventscim.events;

/** Kafka topics. One topic keyed by resource id keeps every resource's events in order. */
public final class Topics {

    public static final String EVENTS = "scim.events";
    /**
     * Signed audit checkpoints, keyed by tenant: copies outside the database of what the chain looked like,
     * JSON {@code {tenant, position, hash (hex), signedAt, keyId, signature (base64)}}.
     */
    public static final String AUDIT_CHECKPOINTS = "scim.audit-checkpoints";

    private Topics() {
    }
}
