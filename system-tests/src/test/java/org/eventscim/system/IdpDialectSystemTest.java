package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.system.UserLifecycleSystemTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request bodies Entra ID, Okta and authentik really send, through the gateway, and what must be
 * stored and returned for them (issue #3).
 */
class IdpDialectSystemTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimClient scim;

    @BeforeEach
    void connect() {
        scim = TestStacks.client();
    }

    @Test
    void entraCreatesThenPatchesWithCapitalisedOpsValueFiltersAndStringBooleans() throws Exception {
        String userName = "Test_User_" + UUID.randomUUID();
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s@testuser.com"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[]}""".formatted(ENTERPRISE, userName, userName));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();

        ScimClient.Response patched = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"Replace","path":"displayName","value":"Ryan Leenay"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
                 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
                 {"op":"Replace","path":"active","value":"False"}]}""".formatted(PATCH_OP));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("W/\"2\"");
        JsonNode read = scim.get("/Users/" + id).body();
        assertThat(read.path("displayName").asText()).isEqualTo("Ryan Leenay");
        assertThat(read.path("emails").get(0).path("value").asText()).isEqualTo("updatedEmail@microsoft.com");
        assertThat(read.path("emails").get(0).path("primary").asBoolean()).isTrue();
        assertThat(read.path("name").path("familyName").asText()).isEqualTo("updatedFamilyName");
        assertThat(read.path("name").path("givenName").asText()).isEqualTo("givenName");
        assertThat(read.path("active").isBoolean()).isTrue();
        assertThat(read.path("active").asBoolean()).isFalse();
        assertThat(StoredEvents.types(id)).containsExactly("UserCreated", "UserChanged");
        assertThat(filter("active eq false and userName eq \"" + userName + "\"")).isEqualTo(1);
    }

    @Test
    void entraPathlessReplaceExpandsDottedAndUrnKeysAndManagerAsABareString() throws Exception {
        String id = create("entra-pathless");

        ScimClient.Response patched = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[
                 {"op":"Replace","value":{"name.givenName":"Adele","name.familyName":"Vance",
                   "%s:department":"Retail","displayName":"Adele Vance",
                   "emails[type eq \\"work\\"].value":"adele@contoso.com"}},
                 {"op":"Add","path":"%s:manager","value":"26a3c6b9-0b2f-4d1b-9f55-6b0f3c1c4f10"}]}"""
                .formatted(PATCH_OP, ENTERPRISE, ENTERPRISE));

        assertThat(patched.status()).isEqualTo(200);
        JsonNode read = scim.get("/Users/" + id).body();
        assertThat(read.path("name").path("givenName").asText()).isEqualTo("Adele");
        assertThat(read.path("name").path("familyName").asText()).isEqualTo("Vance");
        assertThat(read.has("name.givenName")).isFalse();
        assertThat(read.path("emails").get(0).path("value").asText()).isEqualTo("adele@contoso.com");
        assertThat(read.path("emails").get(0).path("type").asText()).isEqualTo("work");
        assertThat(read.path(ENTERPRISE).path("department").asText()).isEqualTo("Retail");
        assertThat(read.path(ENTERPRISE).path("manager").path("value").asText())
                .isEqualTo("26a3c6b9-0b2f-4d1b-9f55-6b0f3c1c4f10");
        assertThat(read.path("schemas").toString()).contains(ENTERPRISE);
    }

    @Test
    void oktaDeactivatesWithAPathlessReplaceAndPutsBackItsOwnReadOnlyFields() throws Exception {
        String id = create("okta");

        ScimClient.Response deactivated = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":false}}]}""".formatted(PATCH_OP),
                "Content-Type", "application/json");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean()).isFalse();

        ScimClient.Response replaced = scim.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s",
                 "userName":"okta-%s@example.com","name":{"givenName":"Okta","familyName":"User"},
                 "emails":[{"primary":true,"value":"okta@example.com","type":"work"}],
                 "active":true,"groups":[],"meta":{"resourceType":"User","version":"W/\\"7\\""}}"""
                .formatted(id, id));
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode read = scim.get("/Users/" + id).body();
        assertThat(read.path("active").asBoolean()).isTrue();
        assertThat(read.has("title")).as("PUT clears what it omits").isFalse();
        assertThat(read.path("meta").path("version").asText()).isEqualTo("W/\"3\"");
    }

    @Test
    void oktasPasswordIsNeverReturnedNorStoredInTheClearAndResendingItChangesNothing() throws Exception {
        String userName = "okta-password-" + UUID.randomUUID() + "@example.com";
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Pat","familyName":"Word"},"password":"t1meMa$heen","active":true}""".formatted(userName);

        ScimClient.Response created = scim.post("/Users", body);
        String id = created.body().path("id").asText();
        ScimClient.Response resent = scim.put("/Users/" + id, body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("password")).isFalse();
        assertThat(scim.get("/Users/" + id).body().has("password")).isFalse();
        assertThat(resent.status()).isEqualTo(200);
        assertThat(StoredEvents.types(id)).containsExactly("UserCreated", "UserPasswordChanged");
        assertThat(String.join("\n", StoredEvents.payloads(id))).doesNotContain("t1meMa$heen").contains("pbkdf2-sha256$");
        assertThat(resent.header("ETag")).isEqualTo("W/\"2\"");
    }

    @Test
    void authentiksHourlyFullPutOfAnUnchangedUserAppendsNothing() throws Exception {
        String id = create("authentik");
        JsonNode current = scim.get("/Users/" + id).body();
        long eventsBefore = StoredEvents.types(id).size();

        for (int hour = 0; hour < 3; hour++) {
            ScimClient.Response put = scim.put("/Users/" + id, current.toString());
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.header("ETag")).isEqualTo(current.path("meta").path("version").asText());
        }

        assertThat(StoredEvents.types(id)).hasSize((int) eventsBefore);
    }

    @Test
    void ifMatchGuardsWritesAndIfNoneMatchSavesReads() {
        String id = create("etag");

        ScimClient.Response stale = scim.patch("/Users/" + id, replaceTitle("Stale"), "If-Match", "W/\"9\"");
        ScimClient.Response fresh = scim.patch("/Users/" + id, replaceTitle("Fresh"), "If-Match", "W/\"1\"");
        ScimClient.Response unchanged = scim.get("/Users/" + id, "If-None-Match", "W/\"2\"");
        ScimClient.Response outdated = scim.get("/Users/" + id, "If-None-Match", "W/\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        assertError(stale.body(), "412", null);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().path("title").asText()).isEqualTo("Fresh");
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(outdated.status()).isEqualTo(200);
        ScimClient.Response readIfStale = scim.get("/Users/" + id, "If-Match", "W/\"1\"");
        assertThat(readIfStale.status()).isEqualTo(412);
        assertError(readIfStale.body(), "412", null);
        assertThat(scim.get("/Users/" + id, "If-Match", "W/\"2\"").status()).isEqualTo(200);
    }

    @Test
    void badPatchesGetTheRightScimErrorAndChangeNothing() throws Exception {
        String id = create("bad-patch");

        ScimClient.Response badPath = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"emails[type eq","value":"x"}]}""".formatted(PATCH_OP));
        ScimClient.Response noTarget = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"remove"}]}""".formatted(PATCH_OP));
        ScimClient.Response badOp = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"explode","path":"title"}]}""".formatted(PATCH_OP));
        ScimClient.Response partlyBad = scim.patch("/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"T"},
                 {"op":"replace","path":"active","value":"maybe"}]}""".formatted(PATCH_OP));
        ScimClient.Response missing = scim.patch("/Users/" + UUID.randomUUID(), replaceTitle("x"));

        assertError(badPath.body(), "400", "invalidPath");
        assertError(noTarget.body(), "400", "noTarget");
        assertError(badOp.body(), "400", null);
        assertError(partlyBad.body(), "400", "invalidValue");
        assertError(missing.body(), "404", null);
        assertThat(StoredEvents.types(id)).containsExactly("UserCreated");
    }

    @Test
    void everyWriteIsVisibleToTheVeryNextRead() {
        int stale = 0;
        for (int i = 0; i < 100; i++) {
            String id = create("ryw-" + i);
            if (scim.get("/Users/" + id).status() != 200) {
                stale++;
            }
            scim.patch("/Users/" + id, replaceTitle("T" + i));
            if (!scim.get("/Users/" + id).body().path("title").asText().equals("T" + i)
                    || filter("title eq \"T" + i + "\" and id eq \"" + id + "\"") != 1) {
                stale++;
            }
        }
        assertThat(stale).isZero();
    }

    private String create(String prefix) {
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%s@example.com",
                 "title":"Engineer","active":true}""".formatted(prefix, UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private static String replaceTitle(String title) {
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"%s"}]}""".formatted(PATCH_OP, title);
    }

    private int filter(String filter) {
        return scim.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)).body().path("totalResults").asInt();
    }
}
