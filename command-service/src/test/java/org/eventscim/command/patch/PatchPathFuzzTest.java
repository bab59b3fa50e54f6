package org.eventscim.command.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.eventscim.command.group.patch.GroupPatch;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.SchemaRegistry;

/**
 * Coverage-guided fuzzing (Jazzer) of the PATCH path parser (issue #9): {@link TargetPaths} for users and
 * {@link GroupPatch} for groups, both on the SDK's {@code Path} parser. Whatever text a client sends as an
 * operation's {@code path}, an add, replace or remove at it either applies or fails with a SCIM 400 that
 * blames the path, its filter or the value, never with any other exception, and within a bound that rules
 * out super-linear blow-ups. {@code ./mvnw verify} replays the committed inputs (plain path texts);
 * {@code JAZZER_FUZZ=1 ../mvnw test -Dtest=PatchPathFuzzTest} in {@code command-service} fuzzes for
 * {@code maxDuration}.
 */
class PatchPathFuzzTest {

    /**
     * What a PATCH may answer about its path and the value at it (RFC 7644 §3.5.2 and §3.12); the SDK answers
     * an array value at a filtered path with {@code invalidSyntax}.
     */
    private static final Set<String> PATH_ERRORS = Set.of("invalidPath", "invalidFilter", "invalidValue", "invalidSyntax",
            "noTarget", "mutability");
    /** Far beyond any parse of a few kilobytes; a path this slow would be a denial of service. */
    private static final Duration HANG = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode USER = (ObjectNode) json("""
            {"userName":"bjensen@example.com","active":true,"name":{"givenName":"Barbara","familyName":"Jensen"},
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tours","manager":{"value":"m-1"}}}""");
    private static final ObjectNode GROUP = (ObjectNode) json("{\"displayName\":\"Tour Guides\"}");
    private static final JsonNode[] VALUES = {json("{\"value\":\"x\",\"type\":\"work\"}"), json("[{\"value\":\"u-1\"}]"),
            JSON.getNodeFactory().textNode("x")};

    @FuzzTest(maxDuration = "60s")
    void anyPathAppliesOrIsAScimBadRequest(byte[] input) {
        String path = new String(input, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (String op : new String[] {"add", "replace", "remove"}) {
            for (JsonNode value : VALUES) {
                ObjectNode request = request(op, path, value);
                refusedOnlyAsBadRequest(() -> ResourcePatch.apply(SchemaRegistry.standard().user(), USER, request));
                refusedOnlyAsBadRequest(() -> GroupPatch.read(request).applyToAttributes(GROUP));
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to apply at %s", path).isLessThan(HANG);
    }

    private static void refusedOnlyAsBadRequest(Runnable patch) {
        try {
            patch.run();
        } catch (ScimException refused) {
            assertThat(refused.status().value()).as(refused.getMessage()).isEqualTo(400);
            assertThat(refused.scimType()).as(refused.getMessage()).isIn(PATH_ERRORS);
        }
    }

    private static ObjectNode request(String op, String path, JsonNode value) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        ObjectNode operation = request.putArray("Operations").addObject();
        operation.put("op", op).put("path", path).set("value", value);
        return request;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
