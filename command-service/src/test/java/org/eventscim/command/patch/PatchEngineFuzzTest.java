package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ResourceReader;
import org.eventscim.protocol.schema.SchemaRegistry;

/**
 * Coverage-guided fuzzing (Jazzer) of the PATCH engine and its path parser (issue #9): whatever operations
 * a client sends, applying them to a user and validating the result either works or fails with a SCIM
 * error of status 4xx, never with any other exception. {@code ./mvnw verify} replays the committed inputs;
 * {@code JAZZER_FUZZ=1 ./mvnw -pl command-service -am test -Dtest=PatchEngineFuzzTest} fuzzes for
 * {@code maxDuration} and keeps what it finds under src/test/resources.
 */
class PatchEngineFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceReader USERS = new ResourceReader(SchemaRegistry.standard().user());
    private static final String[] OPS = {"add", "remove", "replace", "Add", "Remove", "Replace", "ADD", "move", ""};
    private static final String[] PATHS = {"userName", "name.familyName", "emails", "emails[type eq \"work\"].value",
            "emails[type eq \"work\" and primary eq true]", "phoneNumbers[value co \"555\"]", "addresses[type eq \"home\"].locality",
            "active", "title", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "members", "groups", "id",
            "meta.lastModified", "x509Certificates[value pr]", "roles", "name", "password", "externalId"};
    private static final ObjectNode USER = user();

    @FuzzTest(maxDuration = "60s")
    void anyPatchEitherAppliesOrIsAScimClientError(FuzzedDataProvider data) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("schemas").add(data.consumeBoolean() ? "urn:ietf:params:scim:api:messages:2.0:PatchOp" : data.consumeString(40));
        ArrayNode operations = request.putArray("Operations");
        int count = data.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            ObjectNode operation = operations.addObject();
            operation.put("op", data.consumeBoolean() ? data.pickValue(OPS) : data.consumeString(10));
            if (data.consumeBoolean()) {
                operation.put("path", data.consumeBoolean() ? data.pickValue(PATHS) + data.consumeString(8) : data.consumeString(80));
            }
            if (data.consumeBoolean()) {
                operation.set("value", value(data.consumeString(300)));
            }
        }
        try {
            USERS.validate(ResourcePatch.apply(SchemaRegistry.standard().user(), USER.deepCopy(), request));
        } catch (ScimException refused) {
            assertThat(refused.status().is4xxClientError()).as(refused.getMessage()).isTrue();
        }
    }

    /** The text as JSON when it is JSON (objects, arrays, numbers), else as a string value. */
    private static JsonNode value(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static ObjectNode user() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"userName":"bjensen@example.com","externalId":"ext-1","active":true,"title":"Tour Guide",
                     "name":{"givenName":"Barbara","familyName":"Jensen","formatted":"Ms. Barbara J Jensen"},
                     "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
                     "phoneNumbers":[{"value":"555-555-8377","type":"work"}],
                     "addresses":[{"type":"home","locality":"Hollywood","primary":true}],
                     "roles":[{"value":"admin"}],
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","manager":{"value":"m-1"}}}""");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
