package org.eventscim.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eventscim.stack.ScimStack;
import org.eventscim.stack.StackOptions;
import org.eventscim.stack.infra.InfraMode;
import org.eventscim.stack.infra.LocalInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #9, nothing lost: each part of the stack fails under a steady write load of {@value
 * FaultScenario#CLIENTS} clients and comes back, and every acknowledged write is then in the event store,
 * on Kafka and readable at its version. A stack of its own (local servers: they are stopped and started
 * on the same ports), so the shared one of the other system tests is never disturbed. Runs with
 * {@code -Pfaults}; prints one PASS/FAIL line per scenario with its figures.
 */
@Tag("faults")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class FaultToleranceSystemTest {

    private static final String TOKEN = "fault-test-token-" + UUID.randomUUID();
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static ScimStack stack;
    private static FaultScenario scenario;

    @BeforeAll
    static void startStack() throws Exception {
        Path repositoryRoot = Path.of(System.getProperty("scim.repository-root", ".."));
        stack = ScimStack.start(StackOptions.inRepository(repositoryRoot, Files.createTempDirectory("scim-fault-test"))
                .withBootstrapToken(TOKEN).withInfraMode(InfraMode.LOCAL));
        scenario = new FaultScenario(stack, new ScimHttp(stack.scimBaseUrl(), TOKEN));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void commandServiceKilledMidLoad() throws Exception {
        expectPass(scenario.run("kill -9 command-service", "command", () -> {
            stack.killService("command-service");
            stack.startService("command-service");
        }, false));
    }

    @Test
    void kafkaDownFor30Seconds() throws Exception {
        expectPass(scenario.run("Kafka down " + OUTAGE.toSeconds() + " s", "kafka", () -> {
            infrastructure().stopKafka();
            Thread.sleep(OUTAGE);
            infrastructure().startKafka();
        }, true));
    }

    @Test
    void elasticsearchDownFor30Seconds() throws Exception {
        expectPass(scenario.run("Elasticsearch down " + OUTAGE.toSeconds() + " s", "elasticsearch", () -> {
            infrastructure().stopElasticsearch();
            Thread.sleep(OUTAGE);
            infrastructure().startElasticsearch();
        }, true));
    }

    @Test
    void queryServiceKilledMidLoad() throws Exception {
        expectPass(scenario.run("kill -9 query-service", "query", () -> {
            stack.killService("query-service");
            stack.startService("query-service");
        }, true));
    }

    private static LocalInfrastructure infrastructure() {
        return (LocalInfrastructure) stack.infrastructure();
    }

    private static void expectPass(ScenarioResult result) throws Exception {
        System.out.println("FAULT " + result.line());
        // Also kept beside the build's reports, where the figures outlive the console.
        Files.writeString(Path.of("target", "fault-scenarios.txt"), result.line() + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(result.problems()).as(result.name()).isEmpty();
    }
}
