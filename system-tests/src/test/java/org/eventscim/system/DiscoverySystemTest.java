package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventscim.system.UserLifecycleSystemTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Discovery endpoints (RFC 7644 §4) say what the service really does. */
class DiscoverySystemTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private final ScimClient scim = TestStacks.client();

    @Test
    void serviceProviderConfigAdvertisesOnlyWhatWorks() {
        ScimClient.Response response = scim.get("/ServiceProviderConfig");

        assertThat(response.status()).isEqualTo(200);
        JsonNode config = response.body();
        assertThat(config.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
        assertThat(config.path("changePassword").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
        assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(1000);
        assertThat(config.path("bulk").path("supported").asBoolean()).isTrue();
        assertThat(config.path("bulk").path("maxOperations").asInt()).isEqualTo(1000);
        assertThat(config.path("bulk").path("maxPayloadSize").asInt()).isEqualTo(1_048_576);
        assertThat(config.path("sort").path("supported").asBoolean()).isTrue();
        assertThat(config.path("pagination").path("cursor").asBoolean()).isTrue();
        assertThat(config.path("pagination").path("index").asBoolean()).isTrue();
        assertThat(config.path("authenticationSchemes").get(0).path("type").asText()).isEqualTo("oauthbearertoken");
        assertThat(config.path("meta").path("resourceType").asText()).isEqualTo("ServiceProviderConfig");
    }

    @Test
    void schemasListTheUserSchemaItsEnterpriseExtensionAndTheGroupSchema() {
        JsonNode list = scim.get("/Schemas").body();
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(schema -> ids.add(schema.path("id").asText()));

        assertThat(ids).containsExactlyInAnyOrder(USER, ENTERPRISE, GROUP);
        assertThat(list.path("totalResults").asInt()).isEqualTo(3);

        JsonNode user = scim.get("/Schemas/" + USER).body();
        JsonNode userName = null;
        for (JsonNode attribute : user.path("attributes")) {
            if (attribute.path("name").asText().equals("userName")) {
                userName = attribute;
            }
        }
        assertThat(userName).isNotNull();
        assertThat(userName.path("required").asBoolean()).isTrue();
        assertThat(userName.path("uniqueness").asText()).isEqualTo("server");
        assertThat(userName.path("caseExact").asBoolean()).isFalse();
        assertThat(user.path("meta").path("location").asText()).endsWith("/Schemas/" + USER);
    }

    @Test
    void theUserAndGroupResourceTypesNameTheirEndpoints() {
        JsonNode type = scim.get("/ResourceTypes/User").body();

        assertThat(type.path("endpoint").asText()).isEqualTo("/Users");
        assertThat(type.path("schema").asText()).isEqualTo(USER);
        assertThat(type.path("schemaExtensions").get(0).path("schema").asText()).isEqualTo(ENTERPRISE);
        assertThat(scim.get("/ResourceTypes").body().path("totalResults").asInt()).isEqualTo(2);
        JsonNode group = scim.get("/ResourceTypes/Group").body();
        assertThat(group.path("endpoint").asText()).isEqualTo("/Groups");
        assertThat(group.path("schema").asText()).isEqualTo(GROUP);
    }

    @Test
    void filtersAreRefusedAndUnknownNamesAreNotFound() {
        ScimClient.Response filtered = scim.get("/Schemas?filter=id%20eq%20%22x%22");
        ScimClient.Response unknown = scim.get("/Schemas/urn:example:nothing");

        assertThat(filtered.status()).isEqualTo(403);
        assertError(filtered.body(), "403", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertError(unknown.body(), "404", null);
    }

    @Test
    void meIsNotImplemented() {
        ScimClient.Response me = scim.get("/Me");

        assertThat(me.status()).isEqualTo(501);
        assertThat(me.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(me.body().path("status").asText()).isEqualTo("501");
        assertThat(scim.get("/NoSuchEndpoint").status()).isEqualTo(404);
    }

    /** RFC 9110 §15.5.6: a 405 names every method the endpoint supports, whichever service serves them. */
    @Test
    void aMethodAnEndpointDoesNotSupportIsA405ThatNamesTheOnesItDoes() {
        ScimClient.Response patched = scim.patch("/Users", "{}");
        ScimClient.Response posted = scim.post("/ServiceProviderConfig", "{}");
        ScimClient.Response bulk = scim.get("/Bulk");
        ScimClient.Response onAUser = scim.post("/Users/" + UUID.randomUUID(), "{}");

        assertThat(patched.status()).isEqualTo(405);
        assertError(patched.body(), "405", null);
        assertThat(patched.header("Allow")).isEqualTo("GET,POST");
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.header("Allow")).isEqualTo("GET");
        assertThat(bulk.status()).isEqualTo(405);
        assertThat(bulk.header("Allow")).isEqualTo("POST");
        assertThat(onAUser.status()).isEqualTo(405);
        assertThat(onAUser.header("Allow")).isEqualTo("GET,PUT,PATCH,DELETE");
        assertThat(scim.post("/Users/.search", "{}").status()).isEqualTo(200);
    }

    /** RFC 7644 §3.4.2.1 and §3.4.3: a service provider without queries at the root says so with 501. */
    @Test
    void queriesAtTheRootAreNotImplemented() {
        ScimClient.Response listed = scim.get("/?filter=" + ScimClient.encode("userName eq \"x\""));
        ScimClient.Response searched = scim.post("/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"x\\""}""");

        assertThat(listed.status()).isEqualTo(501);
        assertError(listed.body(), "501", null);
        assertThat(searched.status()).isEqualTo(501);
        assertError(searched.body(), "501", null);
    }
}
