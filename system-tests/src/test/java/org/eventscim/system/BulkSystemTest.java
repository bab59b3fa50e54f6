package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.system.UserLifecycleSystemTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /Bulk (RFC 7644 §3.7, issue #10) through the gateway: bulkId references in any order, cycles and
 * unresolvable references refused with 409, failOnErrors, If-Match through {@code version}, the limits,
 * and what the event store records for each operation.
 */
class BulkSystemTest {

    private static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimClient scim;
    private String run;

    @BeforeEach
    void connect() {
        scim = TestStacks.client();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGroupCreatedBeforeItsMembersInTheRequestGetsThemThroughBulkIds() throws Exception {
        long eventsBefore = StoredEvents.count();
        ScimClient.Response response = bulk(null, """
                {"method":"POST","path":"/Groups","bulkId":"team","data":{"schemas":["%s"],"displayName":"Team %s",
                  "members":[{"type":"User","value":"bulkId:alice"},{"type":"User","value":"bulkId:bob"}]}},
                {"method":"POST","path":"/Users","bulkId":"alice","data":{"schemas":["%s"],"userName":"alice-%s@bulk.test"}},
                {"method":"POST","path":"/Users","bulkId":"bob","data":{"schemas":["%s"],"userName":"bob-%s@bulk.test"}}"""
                .formatted(GROUP, run, USER, run, USER, run));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        JsonNode operations = body.path("Operations");
        assertThat(operations).hasSize(3);
        for (JsonNode operation : operations) {
            assertThat(operation.path("status").asText()).isEqualTo("201");
            assertThat(operation.path("method").asText()).isEqualTo("POST");
            assertThat(operation.has("response")).isFalse();
        }
        // The group's creation and its members are two events, so the group is at version 2.
        assertThat(operations.get(0).path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(operations.get(1).path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(operations.get(0).path("bulkId").asText()).isEqualTo("team");
        String groupId = idOf(operations.get(0), "/Groups/");
        String aliceId = idOf(operations.get(1), "/Users/");
        String bobId = idOf(operations.get(2), "/Users/");

        // Visible to the very next read, as after a single write.
        JsonNode group = scim.get("/Groups/" + groupId).body();
        List<String> members = new ArrayList<>();
        group.path("members").forEach(member -> members.add(member.path("value").asText()));
        assertThat(members).containsExactlyInAnyOrder(aliceId, bobId);
        assertThat(scim.filter("Users", "userName eq \"alice-" + run + "@bulk.test\"").body().path("totalResults").asInt()).isEqualTo(1);

        // One command per operation, each with its own events; all share the request id and carry their operation's index.
        assertThat(StoredEvents.count() - eventsBefore).isEqualTo(4);
        assertThat(StoredEvents.types(groupId)).containsExactly("GroupCreated", "GroupMembersAdded");
        String groupMetadata = StoredEvents.firstMetadata(groupId);
        String aliceMetadata = StoredEvents.firstMetadata(aliceId);
        assertThat(groupMetadata).contains("\"bulkOperation\":\"0\"");
        assertThat(aliceMetadata).contains("\"bulkOperation\":\"1\"");
        assertThat(StoredEvents.firstMetadata(bobId)).contains("\"bulkOperation\":\"2\"");
        assertThat(requestId(groupMetadata)).isNotBlank().isEqualTo(requestId(aliceMetadata));
    }

    @Test
    void updatesAndDeletesHonourTheirVersionAndEveryOperationReportsItsOwnStatus() throws Exception {
        String userId = scim.post("/Users", user("carol-" + run)).body().path("id").asText();
        String groupId = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Ops " + run + "\"}")
                .body().path("id").asText();

        ScimClient.Response response = bulk(null, """
                {"method":"PATCH","path":"/Users/%s","version":"W/\\"1\\"","data":{"schemas":["%s"],
                  "Operations":[{"op":"replace","path":"title","value":"Engineer"}]}},
                {"method":"PATCH","path":"/Users/%s","version":"W/\\"1\\"","data":{"schemas":["%s"],
                  "Operations":[{"op":"replace","path":"title","value":"Lost update"}]}},
                {"method":"PUT","path":"/Groups/%s","version":"W/\\"1\\"","data":{"schemas":["%s"],"displayName":"Ops %s",
                  "members":[{"value":"%s"}]}},
                {"method":"DELETE","path":"/Users/%s","version":"W/\\"1\\""},
                {"method":"DELETE","path":"/Groups/%s","version":"W/\\"2\\""},
                {"method":"DELETE","path":"/Users/does-not-exist"}"""
                .formatted(userId, PATCH_OP, userId, PATCH_OP, groupId, GROUP, run, userId, userId, groupId));

        assertThat(response.status()).isEqualTo(200);
        JsonNode operations = response.body().path("Operations");
        assertThat(statuses(operations)).containsExactly("200", "412", "200", "412", "204", "404");
        assertThat(operations.get(0).path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(operations.get(0).path("location").asText()).endsWith("/Users/" + userId);
        assertError(operations.get(1).path("response"), "412", null);
        assertThat(operations.get(2).path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(operations.get(4).has("version")).isFalse();
        assertError(operations.get(5).path("response"), "404", null);

        assertThat(scim.get("/Users/" + userId).body().path("title").asText()).isEqualTo("Engineer");
        assertThat(scim.get("/Groups/" + groupId).status()).isEqualTo(404);
    }

    @Test
    void referencesThatCanNeverResolveFailWith409AndCreateNothing() throws Exception {
        long eventsBefore = StoredEvents.count();
        ScimClient.Response response = bulk(null, """
                {"method":"POST","path":"/Groups","bulkId":"a","data":{"schemas":["%s"],"displayName":"Cycle A %s",
                  "members":[{"value":"bulkId:b"}]}},
                {"method":"POST","path":"/Groups","bulkId":"b","data":{"schemas":["%s"],"displayName":"Cycle B %s",
                  "members":[{"value":"bulkId:a"}]}},
                {"method":"POST","path":"/Groups","bulkId":"c","data":{"schemas":["%s"],"displayName":"Dangling %s",
                  "members":[{"value":"bulkId:nowhere"}]}},
                {"method":"POST","path":"/Users","bulkId":"broken","data":{"schemas":["%s"]}},
                {"method":"POST","path":"/Groups","bulkId":"d","data":{"schemas":["%s"],"displayName":"Needs broken %s",
                  "members":[{"value":"bulkId:broken"}]}}"""
                .formatted(GROUP, run, GROUP, run, GROUP, run, USER, GROUP, run));

        assertThat(response.status()).isEqualTo(200);
        JsonNode operations = response.body().path("Operations");
        assertThat(statuses(operations)).containsExactly("409", "409", "409", "400", "409");
        for (JsonNode operation : operations) {
            assertThat(operation.has("location")).isFalse();
            assertError(operation.path("response"), operation.path("status").asText(), null);
        }
        assertThat(operations.get(0).path("response").path("detail").asText()).contains("cycle");
        assertThat(operations.get(2).path("response").path("detail").asText()).contains("nowhere");
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    @Test
    void failOnErrorsStopsTheRequestAfterThatManyFailures() throws Exception {
        ScimClient.Response response = bulk(1, """
                {"method":"POST","path":"/Users","bulkId":"first","data":{"schemas":["%s"],"userName":"first-%s@bulk.test"}},
                {"method":"POST","path":"/Users","bulkId":"bad","data":{"schemas":["%s"],"userName":"first-%s@bulk.test"}},
                {"method":"POST","path":"/Users","bulkId":"never","data":{"schemas":["%s"],"userName":"never-%s@bulk.test"}}"""
                .formatted(USER, run, USER, run, USER, run));

        assertThat(response.status()).isEqualTo(200);
        JsonNode operations = response.body().path("Operations");
        assertThat(statuses(operations)).containsExactly("201", "409");
        assertError(operations.get(1).path("response"), "409", "uniqueness");
        assertThat(scim.filter("Users", "userName eq \"never-" + run + "@bulk.test\"").body().path("totalResults").asInt()).isZero();
    }

    @Test
    void malformedOperationsFailAloneAndMalformedRequestsFailWhole() throws Exception {
        ScimClient.Response response = bulk(null, """
                {"method":"GET","path":"/Users"},
                {"method":"POST","path":"/Users","data":{"schemas":["%s"],"userName":"no-bulk-id-%s"}},
                {"method":"POST","path":"/Schemas","bulkId":"s","data":{}},
                {"method":"PATCH","path":"/Users","data":{}},
                {"method":"PUT","path":"/Users/x"},
                {"method":"POST","path":"/Users","bulkId":"ok","data":{"schemas":["%s"],"userName":"ok-%s@bulk.test"}}"""
                .formatted(USER, run, USER, run));
        assertThat(statuses(response.body().path("Operations"))).containsExactly("400", "400", "400", "400", "400", "201");

        long eventsBefore = StoredEvents.count();
        assertError(scim.post("/Bulk", "{\"Operations\":[]}").body(), "400", "invalidSyntax");
        assertError(scim.post("/Bulk", "{\"schemas\":[\"" + BULK_REQUEST + "\"]}").body(), "400", "invalidSyntax");
        assertError(scim.post("/Bulk", "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[").body(), "400", "invalidSyntax");
        ScimClient.Response duplicateBulkIds = bulk(null, """
                {"method":"POST","path":"/Users","bulkId":"same","data":{"schemas":["%s"],"userName":"dup1-%s"}},
                {"method":"POST","path":"/Users","bulkId":"same","data":{"schemas":["%s"],"userName":"dup2-%s"}}"""
                .formatted(USER, run, USER, run));
        assertThat(duplicateBulkIds.status()).isEqualTo(400);
        assertError(duplicateBulkIds.body(), "400", "invalidValue");
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    @Test
    void requestsOverTheAdvertisedLimitsAre413AndReadOnlyTokensAre403() throws Exception {
        JsonNode advertised = scim.get("/ServiceProviderConfig").body().path("bulk");
        assertThat(advertised.path("supported").asBoolean()).isTrue();
        int maxOperations = advertised.path("maxOperations").asInt();
        int maxPayloadSize = advertised.path("maxPayloadSize").asInt();
        long eventsBefore = StoredEvents.count();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= maxOperations; i++) {
            tooMany.add("{\"method\":\"DELETE\",\"path\":\"/Users/u" + i + "\"}");
        }
        ScimClient.Response overCount = bulk(null, String.join(",", tooMany));
        assertThat(overCount.status()).isEqualTo(413);
        assertError(overCount.body(), "413", null);

        String padding = "x".repeat(maxPayloadSize);
        ScimClient.Response overSize = bulk(null, """
                {"method":"POST","path":"/Users","bulkId":"big","data":{"schemas":["%s"],"userName":"big-%s","title":"%s"}}"""
                .formatted(USER, run, padding));
        assertThat(overSize.status()).isEqualTo(413);
        assertError(overSize.body(), "413", null);

        ScimClient admin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
        String readOnly = admin.post("/tenants/default/tokens", "{\"name\":\"bulk reader\",\"scopes\":[\"scim:read\"]}")
                .body().path("secret").asText();
        ScimClient.Response refused = scim.withToken(readOnly).post("/Bulk", request(null, """
                {"method":"POST","path":"/Users","bulkId":"r","data":{"schemas":["%s"],"userName":"reader-%s"}}"""
                .formatted(USER, run)));
        assertThat(refused.status()).isEqualTo(403);
        assertError(refused.body(), "403", null);
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    private ScimClient.Response bulk(Integer failOnErrors, String operations) {
        return scim.post("/Bulk", request(failOnErrors, operations));
    }

    private static String request(Integer failOnErrors, String operations) {
        return "{\"schemas\":[\"" + BULK_REQUEST + "\"]," + (failOnErrors == null ? "" : "\"failOnErrors\":" + failOnErrors + ",")
                + "\"Operations\":[" + operations + "]}";
    }

    private static String user(String name) {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "@bulk.test\"}";
    }

    private static String idOf(JsonNode operation, String endpoint) {
        String location = operation.path("location").asText();
        assertThat(location).contains(endpoint);
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static List<String> statuses(JsonNode operations) {
        List<String> statuses = new ArrayList<>();
        operations.forEach(operation -> statuses.add(operation.path("status").asText()));
        return statuses;
    }

    private static String requestId(String metadata) {
        int start = metadata.indexOf("\"requestId\":\"") + "\"requestId\":\"".length();
        return metadata.substring(start, metadata.indexOf('"', start));
    }
}
