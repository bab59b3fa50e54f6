package org.eventscim.events.user;

/** A user was deleted; its history stays in the event store. */
public record UserDeleted(String userId) {
}
