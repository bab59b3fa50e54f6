package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaining and verification speed over a large store; a measurement, not a test, so it runs only when asked:
 * <pre>./mvnw -q -pl command-service -am test -Dtest=ChainVerifyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dscim.bench.audit-events=1000000</pre>
 * Fills an embedded PostgreSQL with that many UserCreated-sized events of 10 tenants (payload and metadata of the
 * sizes the API writes), chains them with the chainer's own steps, then verifies every tenant and prints the rates.
 */
@EnabledIfSystemProperty(named = "scim.bench.audit-events", matches = "\\d+")
class ChainVerifyBenchmark {

    private static final int TENANTS = 10;
    private static final int INSERT_BATCH = 50_000;

    @TempDir
    Path keys;

    @Test
    void verifyEveryTenantsChain() throws Exception {
        long events = Long.parseLong(System.getProperty("scim.bench.audit-events"));
        try (AuditDatabase database = new AuditDatabase(keys)) {
            long started = System.nanoTime();
            for (long first = 1; first <= events; first += INSERT_BATCH) {
                insert(database, first, Math.min(events, first + INSERT_BATCH - 1));
            }
            database.jdbc.execute("VACUUM ANALYZE scim_events.domain_event_entry");
            report("stored", events, started);

            started = System.nanoTime();
            assertThat(database.chainAll(1_000)).isEqualTo(events);
            report("chained", events, started);

            // Twice: the first run includes the JIT's warm-up, as a first ./scim audit verify on a fresh service does.
            for (String run : new String[] {"first run: ", "second run: "}) {
                VerificationReport all = database.verify(null, 1);
                System.out.println(run + all.text().lines().reduce((first, last) -> last).orElseThrow());
                assertThat(all.intact()).isTrue();
                assertThat(all.eventsVerified()).isEqualTo(events);
            }

            VerificationReport one = database.verify("tenant-3", 1);
            System.out.printf(Locale.ROOT, "one tenant of %d: %,d events verified in %.2f s (%,d events/s)%n",
                    TENANTS, one.eventsVerified(), one.elapsedMillis() / 1000.0, one.eventsPerSecond());
            assertThat(one.intact()).isTrue();
        }
    }

    /** Events as the API stores them: a UserCreated payload of about 450 bytes, metadata of about 330. */
    private static void insert(AuditDatabase database, long first, long last) {
        database.jdbc.update("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,
                    aggregate_identifier, sequence_number, type)
                SELECT md5(i::text)::uuid::text,
                       convert_to(format('{"tenant":"tenant-%s","actorId":"%s","actorName":"Entra ID provisioning",'
                           || '"sourceIp":"10.1.2.3","userAgent":"Azure Active Directory SCIM Client/1.0",'
                           || '"requestId":"%s","traceId":"%s","correlationId":"%s"}',
                           i % ?, md5('token' || (i % ?)), md5('r' || i)::uuid, md5('t' || i)::uuid, md5('c' || i)::uuid), 'UTF8'),
                       convert_to(format('{"userId":"%s","tenantId":"tenant-%s","attributes":{"schemas":'
                           || '["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],'
                           || '"userName":"user-%s@example.com","externalId":"%s","name":{"givenName":"Given%s",'
                           || '"familyName":"Family%s","formatted":"Given%s Family%s"},"displayName":"Given%s Family%s",'
                           || '"emails":[{"value":"user-%s@example.com","type":"work","primary":true}],"active":true,'
                           || '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering"}}}',
                           md5('u' || i)::uuid, i % ?, i, md5('e' || i)::uuid, i, i, i, i, i, i, i), 'UTF8'),
                       'org.eventscim.events.user.UserCreated',
                       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       md5('u' || i)::uuid::text, 0, 'User'
                FROM generate_series(?::bigint, ?::bigint) AS i""", TENANTS, TENANTS, TENANTS, first, last);
    }

    private static void report(String what, long events, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%s %,d events in %.1f s (%,.0f events/s)%n", what, events, seconds, events / seconds);
    }
}
