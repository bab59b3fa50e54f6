package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.eventscim.command.audit.AuditFixtures.event;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.eventscim.events.StreamPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The verifier on a real PostgreSQL: two tenants' interleaved chains, each tampered with in one way. */
class ChainVerifierTest {

    @TempDir
    static Path keys;
    private static AuditDatabase database;

    @BeforeAll
    static void start() {
        database = new AuditDatabase(keys);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    /** acme has positions 1..4 (events 1, 3, 5, 7), globex 1..3 (events 2, 4, 6); both checkpointed at their heads. */
    @BeforeEach
    void twoChainedTenants() {
        database.clear();
        for (int i = 1; i <= 7; i++) {
            database.append(event(i, i % 2 == 1 ? "acme" : "globex", "{\"userName\":\"user-" + i + "\"}"));
        }
        assertThat(database.chainAll(3)).isEqualTo(7);
    }

    @Test
    void untouchedChainsVerifyWithTheirCheckpoints() {
        VerificationReport report = database.verify(null, 1);

        assertThat(report.intact()).isTrue();
        assertThat(report.eventsVerified()).isEqualTo(7);
        assertThat(report.tenants()).extracting(TenantVerification::tenant, TenantVerification::verifiedThrough,
                TenantVerification::checkpointsVerified).containsExactly(
                tuple("acme", 4L, 1), tuple("globex", 3L, 1));
        assertThat(report.text()).endsWith(String.format("key %s%n", database.key.id())).contains("PASS: 2 tenants, 0 broken; 7 events");
    }

    @Test
    void aTenantWithoutEventsIsReportedWithNothingVerified() {
        VerificationReport report = database.verify("initech", 1);

        assertThat(report.tenants()).singleElement().satisfies(initech -> {
            assertThat(initech.intact()).isTrue();
            assertThat(initech.verifiedThrough()).isZero();
        });
        assertThat(report.text()).startsWith("tenant initech: intact, nothing chained from position 1 on");
    }

    @Test
    void eventsAppendedAfterTheLastLinkAreNotYetChainedAndNotReported() {
        database.append(event(8, "acme", "{}"));

        assertThat(database.verify("acme", 1).intact()).isTrue();
        assertThat(database.chainAll(100)).isEqualTo(1);
        assertThat(database.verify("acme", 1).tenants().getFirst().verifiedThrough()).isEqualTo(5);
    }

    @Test
    void anEventWhoseTransactionCommitsLateIsChainedInItsPlaceOnceCommitted() throws Exception {
        try (Connection late = database.dataSource.getConnection()) {
            late.setAutoCommit(false);
            AuditDatabase.append(new JdbcTemplate(new SingleConnectionDataSource(late, true)), event(8, "acme", "{}"));
            database.append(event(9, "acme", "{}"));

            assertThat(database.chainAll(100)).as("held back behind the running transaction").isZero();
            late.commit();
        }

        assertThat(database.chainAll(100)).isEqualTo(2);
        VerificationReport report = database.verify("acme", 1);
        assertThat(report.intact()).isTrue();
        assertThat(report.tenants().getFirst().verifiedThrough()).isEqualTo(6);
    }

    @Test
    void anEditedPayloadBreaksItsTenantAtItsPositionOnly() {
        database.jdbc.update("UPDATE scim_events.domain_event_entry SET payload = convert_to('{\"userName\":\"mallory\"}', 'UTF8')"
                + " WHERE event_identifier = 'event-3'");

        VerificationReport report = database.verify(null, 1);

        assertThat(report.intact()).isFalse();
        assertThat(breakOf(report, "acme")).isEqualTo(new ChainBreak(2, BreakKind.EDITED,
                "event event-3 differs from what was chained"));
        assertThat(breakOf(report, "globex")).isNull();
    }

    @Test
    void editedMetadataIsAnEditToo() {
        database.jdbc.update("UPDATE scim_events.domain_event_entry SET meta_data = convert_to("
                + "'{\"tenant\":\"acme\",\"actorId\":\"someone-else\"}', 'UTF8') WHERE event_identifier = 'event-5'");

        assertThat(breakOf(database.verify("acme", 1), "acme").kind()).isEqualTo(BreakKind.EDITED);
    }

    @Test
    void aDeletedEventIsMissingWhereverItStood() {
        database.jdbc.update("DELETE FROM scim_events.domain_event_entry WHERE event_identifier IN ('event-3', 'event-6')");

        VerificationReport report = database.verify(null, 1);

        assertThat(breakOf(report, "acme")).extracting(ChainBreak::position, ChainBreak::kind).containsExactly(2L, BreakKind.MISSING);
        assertThat(breakOf(report, "globex")).extracting(ChainBreak::position, ChainBreak::kind)
                .as("the last event").containsExactly(3L, BreakKind.MISSING);
    }

    @Test
    void anEventInsertedIntoTheChainedRangeIsInserted() {
        database.jdbc.update("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_type,
                    time_stamp, aggregate_identifier, sequence_number, type, tx_id)
                SELECT 'forged', meta_data, payload, payload_type, time_stamp, 'forged', 0, type, tx_id
                FROM scim_events.domain_event_entry WHERE event_identifier = 'event-3'""");

        assertThat(breakOf(database.verify("acme", 1), "acme"))
                .isEqualTo(new ChainBreak(3, BreakKind.INSERTED, "event forged was never chained"));
    }

    @Test
    void twoEventsThatSwappedPlacesAreReordered() {
        database.jdbc.update("UPDATE scim_events.domain_event_entry SET global_index = -global_index WHERE event_identifier IN ('event-3', 'event-5')");
        database.jdbc.update("""
                UPDATE scim_events.domain_event_entry e SET global_index = CASE e.event_identifier WHEN 'event-3' THEN 5 ELSE 3 END,
                    tx_id = (SELECT l.tx_id FROM scim_audit.chain_link l
                             WHERE l.global_index = CASE e.event_identifier WHEN 'event-3' THEN 5 ELSE 3 END)
                WHERE e.event_identifier IN ('event-3', 'event-5')""");

        assertThat(breakOf(database.verify(null, 1), "acme"))
                .isEqualTo(new ChainBreak(2, BreakKind.REORDERED, "event event-5 stands where event-3 was chained"));
    }

    @Test
    void eventsAndLinksRewrittenTogetherStillDisagreeWithTheSignedCheckpoint() {
        database.jdbc.update("UPDATE scim_events.domain_event_entry SET payload = convert_to('{\"userName\":\"mallory\"}', 'UTF8')"
                + " WHERE event_identifier = 'event-5'");
        rechainAcmeWithoutTheKey();

        VerificationReport report = database.verify("acme", 1);

        assertThat(breakOf(report, "acme")).extracting(ChainBreak::position, ChainBreak::kind).containsExactly(4L, BreakKind.REWRITTEN);
    }

    @Test
    void aCheckpointWhoseSignatureFailsIsABreakAtItsPosition() {
        database.jdbc.update("UPDATE scim_audit.checkpoint SET signed_at = signed_at + interval '1 second' WHERE tenant_id = 'globex'");

        VerificationReport report = database.verify(null, 1);

        assertThat(breakOf(report, "globex")).isEqualTo(new ChainBreak(3, BreakKind.BAD_SIGNATURE,
                "the checkpoint's signature does not verify"));
        assertThat(breakOf(report, "acme")).isNull();
    }

    @Test
    void verificationFromALaterPositionStartsFromTheStoredLinkBeforeIt() {
        database.jdbc.update("UPDATE scim_events.domain_event_entry SET payload = convert_to('{}', 'UTF8') WHERE event_identifier = 'event-1'");

        VerificationReport fromThree = database.verify(null, 3);

        assertThat(fromThree.intact()).as("position 1 is before the start").isTrue();
        assertThat(fromThree.eventsVerified()).isEqualTo(3);
        assertThat(fromThree.tenants()).extracting(TenantVerification::tenant, TenantVerification::from)
                .containsExactlyInAnyOrder(tuple("acme", 3L), tuple("globex", 3L));
        assertThat(breakOf(database.verify("acme", 1), "acme").position()).isEqualTo(1);
    }

    /** What someone with database access but without the signing key can do: recompute every link of acme. */
    private static void rechainAcmeWithoutTheKey() {
        List<StoredEvent> events = new AuditedEventReader(database.jdbc).after(StreamPosition.START, 100);
        ChainHasher hasher = new ChainHasher();
        byte[] hash = ChainHasher.GENESIS;
        long position = 0;
        for (StoredEvent event : events) {
            if (event.tenant().equals("acme")) {
                hash = hasher.next(hash, event);
                position++;
                database.jdbc.update("UPDATE scim_audit.chain_link SET hash = ? WHERE tenant_id = 'acme' AND position = ?", hash, position);
            }
        }
    }

    private static ChainBreak breakOf(VerificationReport report, String tenant) {
        return report.tenants().stream().filter(result -> result.tenant().equals(tenant)).findFirst().orElseThrow().firstBreak();
    }
}
