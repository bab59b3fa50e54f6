package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent writers to one user never lose an update (DESIGN decision 4). */
class ConcurrentWritesSystemTest {

    private static final int WRITERS = 8;
    private static final int EMAILS_PER_WRITER = 5;

    @Test
    void concurrentPatchesAddingDistinctEmailsAllLand() throws Exception {
        ScimClient scim = TestStacks.client();
        String id = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"concurrent-%s@example.com"}"""
                .formatted(UUID.randomUUID())).body().path("id").asText();

        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (int writer = 0; writer < WRITERS; writer++) {
                for (int email = 0; email < EMAILS_PER_WRITER; email++) {
                    String value = "w" + writer + "-e" + email + "@example.com";
                    statuses.add(writers.submit(() -> scim.patch("/Users/" + id, """
                            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations":[{"op":"add","path":"emails","value":[{"value":"%s","type":"other"}]}]}"""
                            .formatted(value)).status()));
                }
            }
        }

        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        JsonNode user = scim.get("/Users/" + id).body();
        assertThat(user.path("emails")).hasSize(WRITERS * EMAILS_PER_WRITER);
        assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"" + (1 + WRITERS * EMAILS_PER_WRITER) + "\"");
    }
}
