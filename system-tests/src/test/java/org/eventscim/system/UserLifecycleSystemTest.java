package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.eventscim.stack.ScimStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One user travels the whole chain: gateway → command-service → event store → Kafka → query-service →
 * Elasticsearch → gateway, on real servers. Then the stack restarts on the same data directory.
 */
class UserLifecycleSystemTest {

    private ScimStack stack;
    private ScimClient scim;

    @BeforeEach
    void connect() {
        stack = TestStacks.shared();
        scim = TestStacks.client();
    }

    @Test
    void aCreatedUserIsReadableAtOnceByIdAndByFilter() {
        ScimClient.Response created = scim.post("/Users", userBody("Alice.Example@corp.test", "ext-alice"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.header("Location")).isEqualTo(stack.scimBaseUrl() + "/Users/" + id);
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(created.header("Content-Type")).startsWith(ScimClient.SCIM_JSON);
        assertThat(created.body().path("userName").asText()).isEqualTo("Alice.Example@corp.test");
        assertThat(created.body().path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(created.body().path("meta").path("version").asText()).isEqualTo("W/\"1\"");

        // No polling: read-your-writes means the write's response came after the read side had it.
        ScimClient.Response read = scim.get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(read.body().path("userName").asText()).isEqualTo("Alice.Example@corp.test");
        assertThat(read.body().path("externalId").asText()).isEqualTo("ext-alice");
        assertThat(read.body().path("name").path("givenName").asText()).isEqualTo("Alice");
        assertThat(read.body().path("emails").get(0).path("value").asText()).isEqualTo("alice@corp.test");
        assertThat(read.body().path("active").asBoolean()).isTrue();
        assertThat(read.body().path("meta").path("created").asText())
                .isEqualTo(created.body().path("meta").path("created").asText());
        assertThat(read.body().path("meta").path("location").asText()).isEqualTo(stack.scimBaseUrl() + "/Users/" + id);

        ScimClient.Response found = scim.filter("Users", "userName eq \"alice.example@CORP.test\"");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void aDuplicateUserNameInAnyCaseIsAConflictAndWritesNothing() throws Exception {
        assertThat(scim.post("/Users", userBody("bob@corp.test", "ext-bob")).status()).isEqualTo(201);
        long eventsBefore = StoredEvents.count();

        ScimClient.Response duplicate = scim.post("/Users", userBody("BOB@corp.test", "ext-bob-2"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertError(duplicate.body(), "409", "uniqueness");
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
        assertThat(scim.filter("Users", "externalId eq \"ext-bob-2\"").body().path("totalResults").asInt()).isZero();
    }

    @Test
    void aDeletedUserDisappearsFromReadsButItsHistoryStaysAndItsUserNameIsFree() throws Exception {
        String id = scim.post("/Users", userBody("carol@corp.test", "ext-carol")).body().path("id").asText();

        ScimClient.Response deleted = scim.delete("/Users/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        ScimClient.Response gone = scim.get("/Users/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertError(gone.body(), "404", null);
        assertThat(scim.filter("Users", "userName eq \"carol@corp.test\"").body().path("totalResults").asInt()).isZero();
        assertThat(StoredEvents.types(id)).containsExactly("UserCreated", "UserDeleted");
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(404);
        assertThat(scim.post("/Users", userBody("carol@corp.test", "ext-carol-again")).status()).isEqualTo(201);
    }

    @Test
    void requestsWithoutAValidBearerTokenAreRejectedWithAScimError() {
        ScimClient.Response missing = scim.withToken(null).get("/Users");
        ScimClient.Response wrong = scim.withToken("not-a-token").post("/Users", userBody("mallory@corp.test", null));

        assertThat(missing.status()).isEqualTo(401);
        assertError(missing.body(), "401", null);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertError(wrong.body(), "401", null);
        assertThat(scim.filter("Users", "userName eq \"mallory@corp.test\"").body().path("totalResults").asInt()).isZero();
    }

    @Test
    void badInputGetsAScimErrorAndWritesNothing() throws Exception {
        long eventsBefore = StoredEvents.count();

        ScimClient.Response malformed = scim.post("/Users", "{\"schemas\": [");
        ScimClient.Response noUserName = scim.post("/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"x\"}");
        ScimClient.Response wrongType = scim.post("/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":42}");
        ScimClient.Response badFilter = scim.filter("Users", "userName xx \"a\"");
        ScimClient.Response unknownUser = scim.get("/Users/" + UUID.randomUUID());

        assertError(malformed.body(), "400", "invalidSyntax");
        assertError(noUserName.body(), "400", "invalidValue");
        assertError(wrongType.body(), "400", "invalidValue");
        assertError(badFilter.body(), "400", "invalidFilter");
        assertError(unknownUser.body(), "404", null);
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    @Test
    void oversizedBodiesAndUnsupportedMediaTypesAreRefused() throws Exception {
        long eventsBefore = StoredEvents.count();

        ScimClient.Response tooLarge = scim.post("/Users", userBody("huge@corp.test", "x".repeat(2_000_000)));
        ScimClient.Response text = scim.post("/Users", userBody("text@corp.test", null), "text/plain");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertError(tooLarge.body(), "413", null);
        assertThat(text.status()).isEqualTo(415);
        assertError(text.body(), "415", null);
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    @Test
    void overlongRequestTargetsAreAnswered414AndLongFiltersStillWork() throws Exception {
        long eventsBefore = StoredEvents.count();
        String filter = "userName eq \"" + "a".repeat(7_900) + "\"";

        ScimClient.Response longPath = scim.send("DELETE", "/Users/" + "a".repeat(10_000), "{\"schemas\":[]}");
        ScimClient.Response longQuery = scim.get("/Users?filter=" + "b".repeat(9_000));
        ScimClient.Response longFilter = scim.filter("Users", filter);

        assertThat(longPath.status()).isEqualTo(414);
        assertError(longPath.body(), "414", null);
        assertThat(longQuery.status()).isEqualTo(414);
        assertThat(longFilter.status()).as("a filter of %d characters", filter.length()).isEqualTo(200);
        assertThat(longFilter.body().path("totalResults").asInt()).isZero();
        assertThat(StoredEvents.count()).isEqualTo(eventsBefore);
    }

    @Test
    void anAcceptThatRulesOutJsonIs406AndOneThatAllowsItIsServed() {
        String id = scim.post("/Users", userBody("accept@corp.test", null)).body().path("id").asText();

        ScimClient.Response xml = scim.get("/Users/" + id, "Accept", "text/xml");
        ScimClient.Response refusedJson = scim.get("/Users/" + id, "Accept", "application/json;q=0, text/html");

        assertThat(xml.status()).isEqualTo(406);
        assertError(xml.body(), "406", null);
        assertThat(refusedJson.status()).isEqualTo(406);
        for (String accept : List.of("application/json", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
                "application/*", "application/scim+json;charset=utf-8")) {
            assertThat(scim.get("/Users/" + id, "Accept", accept).status()).as(accept).isEqualTo(200);
        }
    }

    @Test
    void plainJsonIsAcceptedLikeScimJson() {
        ScimClient.Response created = scim.post("/Users", userBody("dave@corp.test", null), "application/json");

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void everyEventCarriesTenantActorRequestAndSource() throws Exception {
        String id = scim.post("/Users", userBody("erin@corp.test", null)).body().path("id").asText();

        JsonNode metadata = new ObjectMapper().readTree(StoredEvents.firstMetadata(id));

        assertThat(metadata.path("tenant").asText()).isEqualTo("default");
        assertThat(metadata.path("actorId").asText()).isNotBlank();
        assertThat(metadata.path("actorName").asText()).isEqualTo("bootstrap");
        assertThat(metadata.path("requestId").asText()).isNotBlank();
        assertThat(metadata.path("sourceIp").asText()).isNotBlank();
        assertThat(metadata.path("userAgent").asText()).isEqualTo("system-test-idp/1.0");
    }

    /** Past 100 events a user is loaded from a snapshot, which must hold everything the events told. */
    @Test
    void aUserWithALongHistoryIsLoadedFromASnapshotThatLosesNothing() throws Exception {
        String user = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","title":"%s",
                 "password":"Grace-Secret-1"}""";
        ScimClient.Response created = scim.post("/Users", user.formatted("grace@corp.test", "title 0"));
        String id = created.body().path("id").asText();
        for (int i = 1; i <= 120; i++) {
            assertThat(scim.patch("/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"Replace","path":"title","value":"title %d"}]}""".formatted(i)).status())
                    .isEqualTo(200);
        }
        assertThat(StoredEvents.snapshots(id)).isPositive();

        // Created, password set, 120 changes: version 122. Resending the same password (Okta's PUT) is no change,
        // so the password hash came back from the snapshot.
        ScimClient.Response resent = scim.put("/Users/" + id, user.formatted("grace@corp.test", "title 120"));
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.header("ETag")).isEqualTo("W/\"122\"");
        ScimClient.Response renamed = scim.put("/Users/" + id, user.formatted("grace.hopper@corp.test", "last"),
                "If-Match", "W/\"122\"");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("W/\"123\"");
        assertThat(renamed.body().path("meta").path("created").asText())
                .isEqualTo(created.body().path("meta").path("created").asText());
        // The old userName's claim was released, so it was the snapshot's userName that was compared.
        assertThat(scim.post("/Users", userBody("grace@corp.test", null)).status()).isEqualTo(201);
        assertThat(scim.get("/Users/" + id).body().path("title").asText()).isEqualTo("last");
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
        assertThat(scim.get("/Users/" + id).status()).isEqualTo(404);
    }

    @Test
    void dataSurvivesARestartOfTheWholeStack() throws Exception {
        String id = scim.post("/Users", userBody("frank@corp.test", null)).body().path("id").asText();

        TestStacks.restart();
        connect();

        assertThat(scim.get("/Users/" + id).status()).isEqualTo(200);
        assertThat(scim.filter("Users", "userName eq \"frank@corp.test\"").body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(scim.post("/Users", userBody("FRANK@corp.test", null)).status()).isEqualTo(409);
    }

    static void assertError(JsonNode body, String status, String scimType) {
        assertThat(body).as("SCIM error body").isNotNull();
        assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asText()).isEqualTo(status);
        if (scimType != null) {
            assertThat(body.path("scimType").asText()).isEqualTo(scimType);
        }
        assertThat(body.path("detail").asText()).isNotBlank();
    }

    private static String userBody(String userName, String externalId) {
        String given = userName.substring(0, userName.indexOf('@')).split("\\.")[0];
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s",%s
                 "name":{"givenName":"%s","familyName":"Example"},
                 "displayName":"%s Example",
                 "emails":[{"value":"%s","type":"work","primary":true}],
                 "active":true}""".formatted(userName, externalId == null ? "" : "\"externalId\":\"" + externalId + "\",",
                given, given, given.toLowerCase() + "@corp.test");
    }
}
