package org.eventscim.command.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.eventscim.protocol.BulkLimits;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class BulkRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]";

    @Test
    void readsOperationsInOrderWithTheirIndexAndAnUpperCaseMethod() throws Exception {
        BulkRequest request = BulkRequest.read(JSON.readTree("{" + SCHEMAS + ",\"failOnErrors\":2,\"Operations\":["
                + "{\"method\":\"post\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"x\"}},"
                + "{\"method\":\"DELETE\",\"path\":\"/Users/1\",\"version\":\"W/\\\"3\\\"\"}]}"));

        assertThat(request.failOnErrors()).isEqualTo(2);
        assertThat(request.operations()).extracting(BulkOperation::index).containsExactly(0, 1);
        assertThat(request.operations().get(0).method()).isEqualTo("POST");
        assertThat(request.operations().get(1).version()).isEqualTo("W/\"3\"");
        assertThat(request.operations().get(1).data()).isNull();
    }

    @Test
    void withoutFailOnErrorsEveryOperationRuns() throws Exception {
        assertThat(BulkRequest.read(JSON.readTree("{" + SCHEMAS + ",\"Operations\":[]}")).failOnErrors())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void refusesWhatMakesTheWholeRequestUnusable() {
        assertRefused("{\"Operations\":[]}", HttpStatus.BAD_REQUEST, "invalidSyntax");
        assertRefused("{" + SCHEMAS + "}", HttpStatus.BAD_REQUEST, "invalidSyntax");
        assertRefused("{" + SCHEMAS + ",\"Operations\":{}}", HttpStatus.BAD_REQUEST, "invalidSyntax");
        assertRefused("{" + SCHEMAS + ",\"Operations\":[42]}", HttpStatus.BAD_REQUEST, "invalidSyntax");
        assertRefused("{" + SCHEMAS + ",\"Operations\":[{\"method\":7}]}", HttpStatus.BAD_REQUEST, "invalidSyntax");
        assertRefused("{" + SCHEMAS + ",\"failOnErrors\":0,\"Operations\":[]}", HttpStatus.BAD_REQUEST, "invalidValue");
        assertRefused("{" + SCHEMAS + ",\"failOnErrors\":\"1\",\"Operations\":[]}", HttpStatus.BAD_REQUEST, "invalidValue");
        assertRefused("{" + SCHEMAS + ",\"Operations\":[{\"method\":\"POST\",\"bulkId\":\"a\"},{\"method\":\"POST\",\"bulkId\":\"a\"}]}",
                HttpStatus.BAD_REQUEST, "invalidValue");
        assertRefused("[]", HttpStatus.BAD_REQUEST, "invalidSyntax");
    }

    @Test
    void moreThanMaxOperationsIs413() {
        String operations = "{\"method\":\"DELETE\",\"path\":\"/Users/x\"},".repeat(BulkLimits.MAX_OPERATIONS);
        assertRefused("{" + SCHEMAS + ",\"Operations\":[" + operations + "{\"method\":\"DELETE\",\"path\":\"/Users/y\"}]}",
                HttpStatus.PAYLOAD_TOO_LARGE, null);
    }

    @Test
    void findsAndResolvesBulkIdReferencesInDataAndPath() throws Exception {
        BulkOperation operation = new BulkOperation(3, "PATCH", "/Groups/bulkId:team", null, null, JSON.readTree(
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"bulkId:alice\"},{\"value\":\"u-9\"}]}],"
                        + "\"note\":\"bulkId:\"}"));

        assertThat(BulkReferences.of(operation)).containsExactly("team", "alice");

        BulkOperation resolved = BulkReferences.resolved(operation, Map.of("team", "g-1", "alice", "u-1"));
        assertThat(resolved.path()).isEqualTo("/Groups/g-1");
        JsonNode members = resolved.data().path("Operations").get(0).path("value");
        assertThat(members.get(0).path("value").asText()).isEqualTo("u-1");
        assertThat(members.get(1).path("value").asText()).isEqualTo("u-9");
        assertThat(resolved.data().path("note").asText()).isEqualTo("bulkId:");
        assertThat(operation.data().path("Operations").get(0).path("value").get(0).path("value").asText())
                .as("the request itself is left as it was").isEqualTo("bulkId:alice");
    }

    @Test
    void targetsAreUsersAndGroupsWithAnIdExactlyWhenTheMethodNeedsOne() {
        assertThat(BulkTarget.of("POST", "/Users")).isEqualTo(new BulkTarget("User", "Users", null));
        assertThat(BulkTarget.of("PATCH", "/Groups/g-1")).isEqualTo(new BulkTarget("Group", "Groups", "g-1"));
        assertThat(BulkTarget.of("DELETE", "Users/u-1/")).isEqualTo(new BulkTarget("User", "Users", "u-1"));
        for (String[] bad : new String[][] {{"POST", "/Users/u-1"}, {"PUT", "/Users"}, {"DELETE", "/Schemas/x"},
                {"PATCH", "/Users/a/b"}, {"POST", ""}, {"POST", null}}) {
            assertThatThrownBy(() -> BulkTarget.of(bad[0], bad[1]))
                    .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
        }
    }

    private static void assertRefused(String body, HttpStatus status, String scimType) {
        assertThatThrownBy(() -> BulkRequest.read(JSON.readTree(body)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.scimType()).isEqualTo(scimType);
                });
    }
}
