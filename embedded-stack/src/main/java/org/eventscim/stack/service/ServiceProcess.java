package org.eventscim.stack.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        // A fixed heap: left to size itself, G1 shrank a service's heap to a few times its live data and then
        // ran a concurrent cycle (remark pauses of 8-16 ms) every second under load.
        ProcessBuilder builder = new ProcessBuilder(List.of(
                JavaRuntime.executable(), "-Xms512m", "-Xmx512m", "-jar", launch.jar().toString()));
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
