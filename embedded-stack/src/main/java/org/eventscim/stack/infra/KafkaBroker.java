package org.eventscim.stack.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.eventscim.stack.process.ChildProcess;
import org.eventscim.stack.process.FreePort;
import org.eventscim.stack.process.JavaRuntime;

/**
 * A real Kafka broker (KRaft, one node that is broker and controller) in a child JVM, so it has its
 * own heap and its own lifecycle; its classpath is ours. Ports are chosen anew at every start (a
 * static single-voter quorum does not keep endpoints), the data stays in {@code dataDirectory/kafka}.
 * {@link #startAgain()} after a stop keeps the ports, so running clients reconnect by themselves.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path dataDirectory;
    private final int brokerPort;
    private final int controllerPort;

    private KafkaBroker(ChildProcess process, Path dataDirectory, int brokerPort, int controllerPort) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Starts on free ports. */
    public static KafkaBroker start(Path dataDirectory) {
        return start(dataDirectory, FreePort.pick(), FreePort.pick());
    }

    /** After {@link #close()}: the same broker again, on the same ports and data. */
    public KafkaBroker startAgain() {
        return start(dataDirectory, brokerPort, controllerPort);
    }

    private static KafkaBroker start(Path dataDirectory, int brokerPort, int controllerPort) {
        Path home = dataDirectory.resolve("kafka");
        Path logDirectory = home.resolve("data");
        Path logFile = dataDirectory.resolve("logs").resolve("kafka.log");
        Path run = dataDirectory.resolve("run");
        Path config = writeConfig(home, logDirectory, brokerPort, controllerPort);
        String classpath = JavaRuntime.classpath();

        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            ChildProcess.start("kafka-storage-format",
                    java(classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                            "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                    logFile, run.resolve("kafka-format.pid")).awaitSuccess(FORMAT_TIMEOUT);
        }

        String bootstrap = "127.0.0.1:" + brokerPort;
        ChildProcess broker = ChildProcess.start("kafka",
                java(classpath, "kafka.Kafka", config.toString()), logFile, run.resolve("kafka.pid"));
        try {
            awaitReady(broker, bootstrap);
        } catch (RuntimeException e) {
            broker.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new KafkaBroker(broker, dataDirectory, brokerPort, controllerPort);
    }

    /** {@code 127.0.0.1:port} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Controlled shutdown (SIGTERM), forced after 30 s. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers();
    }

    private static Path writeConfig(Path home, Path logDirectory, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDirectory.toAbsolutePath().toString()),
                Map.entry("num.partitions", "6"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                // Internal topics default to 50 partitions each; on one small node that only slows the
                // first consumer group down. Applies when the topic is created, i.e. on a fresh directory.
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                // One broker, no reason to wait for more group members before the first rebalance.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        try {
            Files.createDirectories(logDirectory);
            Path file = home.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "Written by embedded-stack at every start (ports change); data is in log.dirs");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder java(String classpath, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.executable(),
                "-Xms512m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS"));
        if (JavaRuntime.classpathHas(classpath, "slf4j-simple-")) {
            // Chosen explicitly: a depending module's classpath may hold other SLF4J providers as well.
            command.add("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider");
        }
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    private static void awaitReady(ChildProcess broker, String bootstrap) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            broker.awaitReady(READY_TIMEOUT, () -> {
                try {
                    return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get(3, TimeUnit.SECONDS).isEmpty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
