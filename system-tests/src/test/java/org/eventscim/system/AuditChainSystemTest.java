package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The audit hash chain (issue #7): events written through the API are chained per tenant and signed in
 * checkpoints, `./scim audit verify` passes on an untouched store, and every kind of tampering done straight
 * in PostgreSQL is reported at the tenant's first bad position. Each case tampers with a tenant of its own.
 */
class AuditChainSystemTest {

    private static final String VERIFY = "/audit/v1/chain/verify";
    private static final String CHECKPOINTS = "scim.audit-checkpoints";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUntouchedChainVerifiesWithItsSignedCheckpointsThroughTheApiAndTheCommandLine() throws Exception {
        Tenant tenant = Tenant.withEvents("clean");

        JsonNode report = tenant.verify();
        assertThat(report.path("intact").asBoolean()).isTrue();
        JsonNode mine = report.path("tenants").get(0);
        assertThat(mine.path("tenant").asText()).isEqualTo(tenant.id);
        assertThat(mine.path("verifiedThrough").asLong()).isEqualTo(tenant.events);
        assertThat(mine.path("checkpointsVerified").asInt()).isPositive();
        assertThat(report.path("tenants")).hasSize(1);

        JsonNode everyTenant = operator().get(VERIFY, "Accept", "application/json").body();
        assertThat(everyTenant.path("tenants").findValuesAsText("tenant")).contains(tenant.id);

        CommandLine passed = CommandLine.auditVerify(tenant.token, "--tenant", tenant.id);
        assertThat(passed.exitCode).as(passed.output).isZero();
        assertThat(passed.output).contains("tenant " + tenant.id + ": intact, positions 1 to " + tenant.events)
                .containsPattern("PASS: 1 tenants, 0 broken; [0-9,]+ events verified in [0-9.]+ s \\([0-9,]+ events/s\\)");
    }

    @Test
    void checkpointsAreSentToKafkaKeyedByTenant() throws Exception {
        Tenant tenant = Tenant.withEvents("published");
        String signedHash = tenant.string("SELECT encode(hash, 'hex') FROM scim_audit.checkpoint WHERE tenant_id = ?"
                + " ORDER BY position DESC LIMIT 1", tenant.id);

        JsonNode published = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStacks.shared().infrastructure().kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(CHECKPOINTS).stream()
                    .map(partition -> new TopicPartition(CHECKPOINTS, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (published == null || published.path("position").asLong() < tenant.events) {
                assertThat(System.nanoTime()).as("checkpoint of " + tenant.id + " on " + CHECKPOINTS).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (tenant.id.equals(record.key())) {
                        published = JSON.readTree(record.value());
                    }
                }
            }
        }
        assertThat(published.path("tenant").asText()).isEqualTo(tenant.id);
        assertThat(published.path("hash").asText()).isEqualTo(signedHash);
        assertThat(published.path("keyId").asText()).hasSize(16);
        assertThat(published.path("signature").asText()).isNotEmpty();
        assertThat(published.path("signedAt").asText()).isNotEmpty();
    }

    @Test
    void onlyAuditReadersVerifyAndOnlyTheirOwnTenantUnlessTheyAreTheOperator() throws Exception {
        Tenant tenant = Tenant.withEvents("access");
        ScimClient writer = gateway(Tenant.token(tenant.id, "\"scim:read\",\"scim:write\""));

        assertThat(writer.get(VERIFY, "Accept", "application/json").status()).isEqualTo(403);
        assertThat(gateway(tenant.token).get(VERIFY + "?tenant=default", "Accept", "application/json").status()).isEqualTo(404);
        JsonNode byOperator = operator().get(VERIFY + "?tenant=" + tenant.id, "Accept", "application/json").body();
        assertThat(byOperator.path("tenants").get(0).path("tenant").asText()).isEqualTo(tenant.id);
    }

    @Test
    void anEditedPayloadIsReportedAtItsPosition() throws Exception {
        Tenant tenant = Tenant.withEvents("edited");

        // One byte more in whatever event holds position 2 (a user's or a credential event: the relay decides
        // the order), still valid JSON, so only the hash can tell.
        tenant.sql("UPDATE scim_events.domain_event_entry SET payload = payload || convert_to(' ', 'UTF8')"
                + " WHERE event_identifier = ?", tenant.eventAt(2));

        tenant.expectBreak(2, "EDITED");
        CommandLine failed = CommandLine.auditVerify(tenant.token);
        assertThat(failed.exitCode).as(failed.output).isEqualTo(1);
        assertThat(failed.output).contains("tenant " + tenant.id + ": BROKEN at position 2: EDITED").contains("FAIL: 1 tenants, 1 broken");
    }

    @Test
    void aDeletedEventIsReportedAsMissing() throws Exception {
        Tenant tenant = Tenant.withEvents("deleted");

        tenant.sql("DELETE FROM scim_events.domain_event_entry WHERE event_identifier = ?", tenant.eventAt(3));

        tenant.expectBreak(3, "MISSING");
    }

    @Test
    void anEventInsertedBetweenTwoChainedOnesIsReportedAsInserted() throws Exception {
        Tenant tenant = Tenant.withEvents("inserted");

        // A copy of the first user's creation under a new id, in that transaction's place in the order: it sorts
        // right after position 1 (each user was created in a transaction of its own).
        tenant.sql("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,
                    aggregate_identifier, sequence_number, type, tx_id)
                SELECT 'forged-' || event_identifier, meta_data, payload, payload_type, time_stamp,
                    'forged-' || aggregate_identifier, sequence_number, type, tx_id
                FROM scim_events.domain_event_entry WHERE event_identifier = ?""", tenant.eventAt(1));

        tenant.expectBreak(2, "INSERTED");
    }

    @Test
    void twoEventsSwappedInTheOrderAreReportedAsReordered() throws Exception {
        Tenant tenant = Tenant.withEvents("reordered");
        String second = tenant.eventAt(2);
        String third = tenant.eventAt(3);

        tenant.swapOrder(second, third);

        tenant.expectBreak(2, "REORDERED");
    }

    @Test
    void aForgedCheckpointSignatureIsReported() throws Exception {
        Tenant tenant = Tenant.withEvents("signature");
        long signed = tenant.longValue("SELECT max(position) FROM scim_audit.checkpoint WHERE tenant_id = ?", tenant.id);

        tenant.sql("UPDATE scim_audit.checkpoint SET signature = set_byte(signature, 0, get_byte(signature, 0) # 1)"
                + " WHERE tenant_id = ? AND position = " + signed, tenant.id);

        tenant.expectBreak(signed, "BAD_SIGNATURE");
    }

    private static ScimClient operator() {
        return gateway(TestStacks.TOKEN);
    }

    private static ScimClient gateway(String token) {
        return new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", ""), token);
    }

    /** A tenant of its own with a few users and a group written through the API, chained and checkpointed. */
    private static final class Tenant {

        final String id;
        final String token;
        final long events;

        private Tenant(String id, String token, long events) {
            this.id = id;
            this.token = token;
            this.events = events;
        }

        static Tenant withEvents(String purpose) throws SQLException {
            String id = "audit-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
            ScimClient admin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
            assertThat(admin.post("/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerMinute\":10000}").status()).isEqualTo(201);
            String token = token(id, "\"scim:read\",\"scim:write\",\"audit:read\"");
            ScimClient scim = TestStacks.client().withToken(token);
            String[] users = new String[3];
            for (int i = 0; i < users.length; i++) {
                ScimClient.Response created = scim.post("/Users", """
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"audit-%d@example.com"}""".formatted(i));
                assertThat(created.status()).isEqualTo(201);
                users[i] = created.body().path("id").asText();
            }
            assertThat(scim.post("/Groups", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Auditors",
                     "members":[{"value":"%s"},{"value":"%s"}]}""".formatted(users[0], users[1])).status()).isEqualTo(201);
            assertThat(scim.patch("/Users/" + users[2], """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"replace","path":"active","value":false}]}""").status()).isEqualTo(200);
            Tenant tenant = new Tenant(id, token, 0);
            // The tenant's creation and its token are credential events on its chain too; they arrive through
            // the gateway's relay, so wait for them before counting.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (StoredEvents.types("credentials:" + id).size() < 2) {
                assertThat(System.nanoTime()).as("credential events of " + id).isLessThan(deadline);
                sleep();
            }
            long events = tenant.longValue("SELECT count(*) FROM scim_events.domain_event_entry"
                    + " WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenant' = ?", id);
            return new Tenant(id, token, events).awaitCheckpointed();
        }

        static String token(String tenant, String scopes) {
            ScimClient admin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
            ScimClient.Response issued = admin.post("/tenants/" + tenant + "/tokens",
                    "{\"name\":\"audit test\",\"scopes\":[" + scopes + "]}");
            assertThat(issued.status()).isEqualTo(201);
            return issued.body().path("secret").asText();
        }

        /** Waits until every event of the tenant is chained and the last one is covered by a checkpoint. */
        private Tenant awaitCheckpointed() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    if (longValue("SELECT coalesce(max(position), 0) FROM scim_audit.checkpoint WHERE tenant_id = ?", id) == events) {
                        return this;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(System.nanoTime()).as("a checkpoint at position " + events + " of " + id).isLessThan(deadline);
                sleep();
            }
        }

        JsonNode verify() {
            ScimClient.Response response = gateway(token).get(VERIFY, "Accept", "application/json");
            assertThat(response.status()).isEqualTo(200);
            return response.body();
        }

        void expectBreak(long position, String kind) {
            JsonNode report = verify();
            assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
            JsonNode broken = report.path("tenants").get(0).path("firstBreak");
            assertThat(broken.path("position").asLong()).as(report.toString()).isEqualTo(position);
            assertThat(broken.path("kind").asText()).as(report.toString()).isEqualTo(kind);
        }

        String eventAt(long position) throws SQLException {
            try (Connection db = StoredEvents.database();
                 PreparedStatement query = db.prepareStatement(
                         "SELECT event_identifier FROM scim_audit.chain_link WHERE tenant_id = ? AND position = ?")) {
                query.setString(1, id);
                query.setLong(2, position);
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).as("link " + position + " of " + id).isTrue();
                    return row.getString(1);
                }
            }
        }

        String string(String sql, String parameter) throws SQLException {
            try (Connection db = StoredEvents.database(); PreparedStatement query = db.prepareStatement(sql)) {
                query.setString(1, parameter);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        }

        long longValue(String sql, String parameter) throws SQLException {
            try (Connection db = StoredEvents.database(); PreparedStatement query = db.prepareStatement(sql)) {
                query.setString(1, parameter);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }

        /** Swaps two rows' places in the publication order (tx_id, global_index); the global index is unique. */
        void swapOrder(String first, String second) throws SQLException {
            try (Connection db = StoredEvents.database()) {
                db.setAutoCommit(false);
                String[] firstPlace = place(db, first);
                String[] secondPlace = place(db, second);
                try (PreparedStatement park = db.prepareStatement("UPDATE scim_events.domain_event_entry"
                        + " SET global_index = -global_index WHERE event_identifier IN (?, ?)");
                     PreparedStatement move = db.prepareStatement("UPDATE scim_events.domain_event_entry"
                             + " SET tx_id = ?::text::xid8, global_index = ?::bigint WHERE event_identifier = ?")) {
                    park.setString(1, first);
                    park.setString(2, second);
                    park.executeUpdate();
                    for (String[] change : new String[][] {{secondPlace[0], secondPlace[1], first}, {firstPlace[0], firstPlace[1], second}}) {
                        move.setString(1, change[0]);
                        move.setString(2, change[1]);
                        move.setString(3, change[2]);
                        move.executeUpdate();
                    }
                }
                db.commit();
            }
        }

        private static String[] place(Connection db, String event) throws SQLException {
            try (PreparedStatement query = db.prepareStatement("SELECT tx_id::text, global_index::text"
                    + " FROM scim_events.domain_event_entry WHERE event_identifier = ?")) {
                query.setString(1, event);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return new String[] {row.getString(1), row.getString(2)};
                }
            }
        }

        /** Tampering, as someone with write access to the database would do it. */
        void sql(String statement, String... parameters) throws SQLException {
            try (Connection db = StoredEvents.database(); PreparedStatement update = db.prepareStatement(statement)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setString(i + 1, parameters[i]);
                }
                assertThat(update.executeUpdate()).isPositive();
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code ./scim audit verify} against the test stack's gateway. */
    private record CommandLine(int exitCode, String output) {

        static CommandLine auditVerify(String token, String... options) throws IOException, InterruptedException {
            Path root = Path.of(System.getProperty("scim.repository-root", ".."));
            ProcessBuilder builder = new ProcessBuilder();
            builder.command().add(root.resolve("scim").toString());
            builder.command().add("audit");
            builder.command().add("verify");
            builder.command().addAll(List.of(options));
            String port = TestStacks.shared().scimBaseUrl().replaceAll(".*:(\\d+)/.*", "$1");
            builder.environment().put("SCIM_PORT", port);
            builder.environment().put("SCIM_TOKEN", token);
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CommandLine(process.waitFor(), output);
        }
    }
}
