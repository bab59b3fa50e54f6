package org.eventscim.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eventscim.gateway.GatewayTest;
import org.junit.jupiter.api.Test;

class ApiDocumentationTest extends GatewayTest {

    @Test
    void theSpecIsPublicOpenApi3WithTheScimAndAdminPathsBehindABearerToken() throws Exception {
        JsonNode spec = body(mvc.perform(get("/openapi.json")).andExpect(status().isOk()));

        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("paths").fieldNames()).toIterable().contains(
                "/scim/v2/Users", "/scim/v2/Users/{id}", "/scim/v2/Users/.search",
                "/scim/v2/Groups", "/scim/v2/Groups/{id}", "/scim/v2/Groups/.search",
                "/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/Schemas/{id}",
                "/scim/v2/ResourceTypes", "/scim/v2/ResourceTypes/{name}",
                "/admin/v1/tenants", "/admin/v1/tenants/{tenantId}/tokens",
                "/admin/v1/tenants/{tenantId}/tokens/{tokenId}")
                .doesNotContain("/scim/v2/**");
        JsonNode bearer = spec.at("/components/securitySchemes/bearer");
        assertThat(bearer.get("type").asText()).isEqualTo("http");
        assertThat(bearer.get("scheme").asText()).isEqualTo("bearer");
        assertThat(spec.at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void theAuditApiIsDescribedWithItsParametersAndFormats() throws Exception {
        JsonNode spec = body(mvc.perform(get("/openapi.json")).andExpect(status().isOk()));

        assertThat(spec.get("paths").fieldNames()).toIterable().contains(
                "/audit/v1/Users/{id}/history", "/audit/v1/Groups/{id}/history", "/audit/v1/Users/{id}",
                "/audit/v1/Groups/{id}", "/audit/v1/events", "/audit/v1/export", "/audit/v1/chain/verify");
        JsonNode events = spec.at("/paths/~1audit~1v1~1events/get");
        assertThat(events.get("tags").get(0).asText()).isEqualTo("Audit");
        assertThat(events.get("parameters").findValuesAsText("$ref")).contains(
                "#/components/parameters/actorId", "#/components/parameters/eventType", "#/components/parameters/cursor");
        JsonNode export = spec.at("/paths/~1audit~1v1~1export/get/responses/200/content");
        assertThat(export.fieldNames()).toIterable().containsExactlyInAnyOrder("application/jsonl", "text/csv");
        assertThat(spec.at("/paths/~1audit~1v1~1Users~1{id}/get/parameters").findValuesAsText("$ref"))
                .contains("#/components/parameters/asOf");
    }

    @Test
    void scimOperationsSayTheirParametersAndScimErrors() throws Exception {
        JsonNode spec = body(mvc.perform(get("/openapi.json")).andExpect(status().isOk()));

        JsonNode list = spec.at("/paths/~1scim~1v2~1Users/get");
        assertThat(list.get("parameters").findValuesAsText("$ref")).contains(
                "#/components/parameters/filter", "#/components/parameters/cursor", "#/components/parameters/sortOrder");
        JsonNode replace = spec.at("/paths/~1scim~1v2~1Users~1{id}/put");
        assertThat(replace.get("parameters").findValuesAsText("$ref")).contains("#/components/parameters/If-Match");
        assertThat(replace.get("responses").fieldNames()).toIterable()
                .containsAll(List.of("200", "400", "401", "403", "404", "409", "412", "413", "429"));
        assertThat(spec.at("/components/responses/412/content/application~1scim+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ScimError");
        assertThat(spec.at("/components/schemas/ScimError/properties").fieldNames()).toIterable()
                .contains("schemas", "status", "scimType", "detail");
    }

    @Test
    void adminOperationsAskOnlyForTheirPathAndSayTheirErrors() throws Exception {
        JsonNode spec = body(mvc.perform(get("/openapi.json")).andExpect(status().isOk()));

        assertThat(spec.at("/paths/~1admin~1v1~1tenants/get/parameters").findValuesAsText("name")).isEmpty();
        JsonNode tokens = spec.at("/paths/~1admin~1v1~1tenants~1{tenantId}~1tokens/post");
        assertThat(tokens.get("parameters").findValuesAsText("name")).containsExactly("tenantId");
        assertThat(tokens.get("responses").fieldNames()).toIterable()
                .containsAll(List.of("201", "400", "401", "403", "404", "429"));
    }

    @Test
    void theSwaggerUiIsPublicAndReadsTheSpec() throws Exception {
        String ui = mvc.perform(get("/docs")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();

        String page = mvc.perform(get(ui)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("swagger-ui");
        JsonNode config = body(mvc.perform(get("/openapi.json/swagger-config")).andExpect(status().isOk()));
        assertThat(config.get("url").asText()).isEqualTo("/openapi.json");
    }

    @Test
    void theScimAndAdminApisStillNeedAToken() throws Exception {
        mvc.perform(get("/scim/v2/Users")).andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/v1/tenants")).andExpect(status().isUnauthorized());
    }
}
