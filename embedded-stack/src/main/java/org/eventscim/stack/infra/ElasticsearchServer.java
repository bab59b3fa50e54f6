package org.eventscim.stack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventscim.stack.process.ChildProcess;
import org.eventscim.stack.process.FreePort;
import org.eventscim.stack.process.HttpProbe;
import org.eventscim.stack.process.JavaRuntime;
import org.eventscim.stack.process.ServerAccount;

/**
 * A real Elasticsearch server (single node, security off, loopback only) started from the
 * distribution with {@code bin/elasticsearch}. It refuses to run as root, so as root it runs as the
 * {@link ServerAccount}. {@code bin/elasticsearch} is a CLI JVM that spawns the server JVM; the stop
 * ends both. {@link #startAgain()} after a stop keeps the ports, so running clients reconnect by themselves.
 */
public final class ElasticsearchServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path dataDirectory;
    private final int httpPort;
    private final int transportPort;

    private ElasticsearchServer(ChildProcess process, Path dataDirectory, int httpPort, int transportPort) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Starts on free ports. */
    public static ElasticsearchServer start(Path dataDirectory) {
        return start(dataDirectory, FreePort.pick(), FreePort.pick());
    }

    /** After {@link #close()}: the same server again, on the same ports and data. */
    public ElasticsearchServer startAgain() {
        return start(dataDirectory, httpPort, transportPort);
    }

    private static ElasticsearchServer start(Path dataDirectory, int httpPort, int transportPort) {
        Path directory = dataDirectory.resolve("elasticsearch");
        Path home = directory.resolve("home");
        Optional<ServerAccount> account = ServerAccount.whenRoot();
        account.ifPresent(user -> user.requireReachable(dataDirectory, directory));
        ElasticsearchDistribution.locate().installInto(home);
        createDirectories(directory.resolve("data"), directory.resolve("logs"), directory.resolve("tmp"));
        account.ifPresent(user -> user.own(directory));

        List<String> command = List.of(home.resolve("bin").resolve("elasticsearch").toString(),
                "-E", "cluster.name=scim",
                "-E", "node.name=scim",
                "-E", "discovery.type=single-node",
                "-E", "xpack.security.enabled=false",
                "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort,
                "-E", "transport.port=" + transportPort,
                "-E", "path.data=" + directory.resolve("data"),
                "-E", "path.logs=" + directory.resolve("logs"),
                // A nearly full disk must not turn the indices read-only under a development stack.
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false");
        ProcessBuilder builder = new ProcessBuilder(account.map(user -> user.runAs(command)).orElse(command));
        Map<String, String> environment = builder.environment();
        environment.put("ES_JAVA_HOME", JavaRuntime.home().toString());
        environment.put("ES_JAVA_OPTS", "-Xms1g -Xmx1g");
        environment.put("ES_TMPDIR", directory.resolve("tmp").toString());
        environment.put("HOME", directory.toString());
        environment.remove("ES_PATH_CONF");

        String url = "http://127.0.0.1:" + httpPort;
        ChildProcess server = ChildProcess.start("elasticsearch", builder,
                dataDirectory.resolve("logs").resolve("elasticsearch.log"),
                dataDirectory.resolve("run").resolve("elasticsearch.pid"));
        try {
            // Not "/" or a ping: they answer 405 on this distribution.
            server.awaitReady(READY_TIMEOUT,
                    () -> HttpProbe.answers200(url + "/_cluster/health?wait_for_status=yellow&timeout=1s"));
        } catch (RuntimeException e) {
            server.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new ElasticsearchServer(server, dataDirectory, httpPort, transportPort);
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return "Elasticsearch at " + url();
    }

    private static void createDirectories(Path... directories) {
        try {
            for (Path directory : directories) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
