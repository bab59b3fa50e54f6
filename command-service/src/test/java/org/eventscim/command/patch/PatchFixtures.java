package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.SchemaRegistry;
import org.springframework.http.HttpStatus;

/** A stored user to patch, and the assertions the PATCH tests share. */
final class PatchFixtures {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PatchFixtures() {
    }

    /** Barbara Jensen of RFC 7643 §8.2, as stored: no id, meta or schemas. */
    static ObjectNode user() {
        return (ObjectNode) json("""
                {"userName":"bjensen","displayName":"Babs Jensen","title":"Tour Guide",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"type":"work","value":"bjensen@example.com","primary":true},
                           {"type":"home","value":"babs@jensen.org"}],
                 "addresses":[{"type":"work","formatted":"100 Universal City Plaza"}],
                 "%s":{"department":"Tour Operations","manager":{"value":"26118915"}}}""".formatted(ENTERPRISE));
    }

    /** {@link #user()} with {@code changes} merged in at the top level (null removes an attribute). */
    static ObjectNode userWith(String changes) {
        ObjectNode user = user();
        json(changes).properties().forEach(change -> {
            if (change.getValue().isNull()) {
                user.remove(change.getKey());
            } else {
                user.set(change.getKey(), change.getValue());
            }
        });
        return user;
    }

    static ObjectNode patch(ObjectNode current, String request) {
        return ResourcePatch.apply(SchemaRegistry.standard().user(), current, json(request));
    }

    static ObjectNode patch(String request) {
        return patch(user(), request);
    }

    static ScimException rejected(String request, String scimType) {
        ScimException e = catchThrowableOfType(ScimException.class, () -> patch(request));
        assertThat(e).as("a ScimException").isNotNull();
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.scimType()).isEqualTo(scimType);
        return e;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
