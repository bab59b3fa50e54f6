package org.eventscim.stack.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eventscim.stack.process.ChildProcess;
import org.eventscim.stack.process.HttpProbe;
import org.eventscim.stack.process.JavaRuntime;

/**
 * One Spring Boot service jar running as a child JVM, configured only through its environment. Its
 * output goes to {@code logs/<name>.log} in the data directory, and the first output line containing
 * the launch's marker is kept (the gateway prints its generated bootstrap token that way).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /**
     * Each service keeps about 30 MB live and makes its garbage per request, so G1's pauses were all
     * avoidable work; measured under read load, 10,000 GETs:
     * <ul>
     *   <li>A fixed heap: left to size itself, G1 shrank the query-service's heap to 72 MB and started a
     *       concurrent cycle about every 0.7 s, each with an 8-16 ms remark pause.</li>
     *   <li>Tenured after two young collections: what the first requests leave for good (about 11 MB in the
     *       gateway) was otherwise copied by fifteen 10 ms young pauses before it reached the old generation.</li>
     *   <li>A fixed occupancy to start a concurrent cycle at: with a young generation this large, the adaptive one
     *       fell to the live data itself and started a cycle every fourth young collection.</li>
     *   <li>Metaspace sized for a Spring Boot service: crossing the default threshold started a cycle whose
     *       remark (class unloading) paused the gateway for 36 ms.</li>
     * </ul>
     * ZGC has no such pauses, but its concurrent work on two cores made reads slower (p99 3.8-4.4 ms against
     * 2.5-2.9 ms).
     */
    private static final List<String> GC_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:MaxTenuringThreshold=2",
            "-XX:-G1UseAdaptiveIHOP", "-XX:MetaspaceSize=128m");

    private final ServiceLaunch launch;
    private final ChildProcess process;
    private final AtomicReference<String> markedLine;

    private ServiceProcess(ServiceLaunch launch, ChildProcess process, AtomicReference<String> markedLine) {
        this.launch = launch;
        this.process = process;
        this.markedLine = markedLine;
    }

    /** Starts the jar and waits until {@code /actuator/health} answers 200. */
    public static ServiceProcess start(ServiceLaunch launch, Path dataDirectory) {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalStateException(launch.name() + " jar not found at " + launch.jar()
                    + "; build it first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(JavaRuntime.executable()));
        command.addAll(GC_OPTIONS);
        command.addAll(List.of("-jar", launch.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launch.environment());
        builder.environment().put("SERVER_PORT", String.valueOf(launch.port()));
        // Adds the readiness state to /actuator/health: 200 only once the application runners are done
        // (the gateway prints a generated bootstrap token in one), not merely once the port is open.
        builder.environment().put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");

        AtomicReference<String> markedLine = new AtomicReference<>();
        ChildProcess process = ChildProcess.start(launch.name(), builder,
                dataDirectory.resolve("logs").resolve(launch.name() + ".log"),
                dataDirectory.resolve("run").resolve(launch.name() + ".pid"),
                line -> {
                    if (launch.marker() != null && line.contains(launch.marker())) {
                        markedLine.compareAndSet(null, line);
                    }
                });
        ServiceProcess service = new ServiceProcess(launch, process, markedLine);
        try {
            process.awaitReady(READY_TIMEOUT, () -> HttpProbe.answers200(service.url() + "/actuator/health"));
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return service;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + launch.port();
    }

    public int port() {
        return launch.port();
    }

    /** The first output line containing the launch's marker, if the service printed one. */
    public Optional<String> markedLine() {
        return Optional.ofNullable(markedLine.get());
    }

    /** {@code kill -9} of the service: no graceful shutdown, whatever it was doing is cut off. */
    public void kill() {
        process.kill();
    }

    /** What this service was started with: {@link #start} it again for the same port and environment. */
    public ServiceLaunch launch() {
        return launch;
    }

    /** Graceful stop (SIGTERM), forced after 20 s. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    public String name() {
        return launch.name();
    }

    @Override
    public String toString() {
        return launch.name() + " at " + url();
    }
}
