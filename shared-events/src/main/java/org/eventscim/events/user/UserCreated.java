package org.eventscim.events.user;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A user was created in a tenant with these SCIM attributes: core and extension attributes after
 * validation, never {@code id}, {@code meta}, {@code schemas} or a password.
 */
public record UserCreated(String userId, String tenantId, ObjectNode attributes) {
}
