package org.eventscim.events.credential;

/**
 * Someone read audit data: a resource's history or past state, a search over the events, or an export.
 * Reading the audit trail is itself part of it, so an auditor can tell who looked at what.
 *
 * @param what  {@code history}, {@code asOf}, {@code events} or {@code export}
 * @param query what was asked for, as the request's path and query string
 */
public record AuditDataRead(String what, String query) {
}
