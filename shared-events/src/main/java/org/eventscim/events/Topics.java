package org.eventscim.events;

/** Kafka topics. One topic keyed by resource id keeps every resource's events in order. */
public final class Topics {

    public static final String EVENTS = "scim.events";

    private Topics() {
    }
}
