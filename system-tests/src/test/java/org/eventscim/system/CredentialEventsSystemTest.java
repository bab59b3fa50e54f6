package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Credential changes become events in the event store (issue #6), on the tenant's own credentials stream,
 * with the admin who made them, and never with a secret; the read side carries on past them.
 */
class CredentialEventsSystemTest {

    @Test
    void aTenantsCreationAndItsTokensLifeAreStoredEvents() throws Exception {
        ScimClient admin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
        String tenant = "cred-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/tenants", "{\"id\":\"" + tenant + "\"}").status()).isEqualTo(201);
        ScimClient.Response issued = admin.post("/tenants/" + tenant + "/tokens",
                "{\"name\":\"okta\",\"scopes\":[\"scim:read\",\"scim:write\"]}");
        String tokenId = issued.body().path("id").asText();
        String secret = issued.body().path("secret").asText();
        ScimClient idp = TestStacks.client().withToken(secret);
        assertThat(idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"cred@"
                + tenant + ".test\"}").status()).isEqualTo(201);
        assertThat(admin.delete("/tenants/" + tenant + "/tokens/" + tokenId).status()).isEqualTo(204);

        String stream = "credentials:" + tenant;
        List<String> types = awaitTypes(stream, 3);

        assertThat(types).containsExactly("TenantCreated", "TokenIssued", "TokenRevoked");
        assertThat(StoredEvents.payloads(stream).get(1)).contains(tokenId).contains("scim:write").doesNotContain(secret);
        assertThat(StoredEvents.firstMetadata(stream)).contains("\"tenant\":\"" + tenant + "\"")
                .contains("\"actorName\":\"bootstrap\"").contains("\"sourceIp\":\"127.0.0.1\"");
        assertThat(idp.get("/Users").status()).isEqualTo(401);
        // The projection went on past the credential events: a new write is still visible at once.
        assertThat(TestStacks.client().post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"after-" + tenant + "@corp.test\"}").status()).isEqualTo(201);
        assertThat(TestStacks.client().filter("Users", "userName eq \"after-" + tenant + "@corp.test\"").body()
                .path("totalResults").asInt()).isEqualTo(1);
    }

    private static List<String> awaitTypes(String stream, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> types = StoredEvents.types(stream);
        while (types.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            types = StoredEvents.types(stream);
        }
        return types;
    }
}
