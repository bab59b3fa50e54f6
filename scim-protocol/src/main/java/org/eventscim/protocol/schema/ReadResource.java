package org.eventscim.protocol.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A request body read against its resource type: the attributes to store, in canonical form, and apart
 * from them the writeOnly ones (RFC 7643 §7), which are handed to whatever keeps them and never stored
 * or returned with the resource.
 */
public record ReadResource(ObjectNode attributes, ObjectNode writeOnly) {

    /** The User's cleartext password, if the body set one. */
    public Optional<String> password() {
        JsonNode password = writeOnly.get("password");
        return password == null ? Optional.empty() : Optional.of(password.textValue());
    }
}
