package org.eventscim.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class UserRequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsKnownAttributesInCanonicalCaseAndDropsReadOnlyAndUnknownOnes() throws Exception {
        ObjectNode attributes = UserRequestReader.read(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "USERNAME":"alice","id":"client-chosen","meta":{"version":"W/\\"9\\""},
                 "Name":{"GivenName":"Alice","nickname":"ignored"},"favouriteColour":"blue",
                 "emails":[{"Value":"a@x","Primary":true,"TYPE":"work"}]}"""));

        assertThat(attributes).isEqualTo(JSON.readTree("""
                {"userName":"alice","name":{"givenName":"Alice"},
                 "emails":[{"value":"a@x","primary":true,"type":"work"}]}"""));
    }

    @Test
    void acceptsEntraStyleBooleanStringsAndTreatsNullAsAbsent() throws Exception {
        ObjectNode attributes = UserRequestReader.read(JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"alice","active":"False","displayName":null}"""));

        assertThat(attributes.get("active").isBoolean()).isTrue();
        assertThat(attributes.get("active").asBoolean()).isFalse();
        assertThat(attributes.has("displayName")).isFalse();
    }

    @Test
    void rejectsMissingUserNameMissingSchemaAndWrongTypes() {
        assertInvalid("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"x\"}");
        assertInvalid("{\"userName\":\"alice\"}");
        assertInvalid("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":42}");
        assertInvalid("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"active\":\"maybe\"}");
        assertInvalid("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"emails\":{\"value\":\"x\"}}");
    }

    private static void assertInvalid(String body) {
        assertThatThrownBy(() -> UserRequestReader.read(parse(body)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidValue");
                });
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
