package org.eventscim.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eventscim.stack.infra.Infrastructure;
import org.eventscim.stack.process.FreePort;
import org.eventscim.stack.process.ParallelStart;
import org.eventscim.stack.process.ShutdownRegistry;
import org.eventscim.stack.service.ServiceLaunch;
import org.eventscim.stack.service.ServiceProcess;

/**
 * The whole service: infrastructure first, then command-service, query-service and gateway side by
 * side (the gateway only calls the others per request, so it need not wait for them). Closing stops
 * the services before the infrastructure they write to.
 */
public final class ScimStack implements AutoCloseable {

    /** The line the gateway prints, once, when it generates the bootstrap token. */
    static final String TOKEN_MARKER = "SCIM bootstrap token: ";

    private static final String GATEWAY = "gateway";

    private final Infrastructure infrastructure;
    private final Path dataDirectory;
    /** By name; a killed service stays here (its launch is what starts it again). */
    private final Map<String, ServiceProcess> services = new ConcurrentHashMap<>();
    private final String bootstrapToken;
    private boolean closed;

    private ScimStack(Infrastructure infrastructure, Path dataDirectory, List<ServiceProcess> services,
                      String bootstrapToken) {
        this.infrastructure = infrastructure;
        this.dataDirectory = dataDirectory;
        services.forEach(service -> this.services.put(service.name(), service));
        this.bootstrapToken = bootstrapToken;
    }

    public static ScimStack start(StackOptions options) {
        // Checked before the infrastructure's half minute of start-up, not after it.
        for (Path jar : List.of(options.commandServiceJar(), options.queryServiceJar(), options.gatewayJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Service jar not found: " + jar + "; build with ./mvnw -DskipTests package");
            }
        }
        Infrastructure infrastructure = Infrastructure.start(options.infraMode(), options.dataDirectory());
        try {
            ScimStack stack = startServices(options, infrastructure);
            ShutdownRegistry.register(stack);
            StackEndpoints.write(options.dataDirectory(), stack);
            return stack;
        } catch (RuntimeException e) {
            try {
                infrastructure.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** {@code http://localhost:<gatewayPort>/scim/v2}. */
    public String scimBaseUrl() {
        return "http://localhost:" + service(GATEWAY).port() + "/scim/v2";
    }

    /**
     * The bootstrap tenant's token: the configured one, else the one the gateway generated and printed
     * in this run; null when it was generated (and shown) in an earlier run on the same data.
     */
    public String bootstrapToken() {
        return bootstrapToken;
    }

    /** {@code http://127.0.0.1:<port>} of one service (command-service, query-service, gateway): its actuator. */
    public String serviceUrl(String name) {
        return service(name).url();
    }

    /**
     * {@code kill -9} of one service (command-service, query-service, gateway), as a crash: no graceful
     * shutdown, in-flight requests cut off. {@link #startService} brings it back.
     */
    public void killService(String name) {
        service(name).kill();
    }

    /**
     * Starts a killed or stopped service again on the same port with the same environment (so the others
     * reach it where they did), and waits until it is ready.
     */
    public void startService(String name) {
        services.put(name, ServiceProcess.start(service(name).launch(), dataDirectory));
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (ParallelStart stops = new ParallelStart()) {
            services.values().forEach(service -> stops.submit(() -> {
                service.close();
                return service;
            }));
            stops.awaitAll();
        } finally {
            infrastructure.close();
            ShutdownRegistry.unregister(this);
        }
    }

    private static ScimStack startServices(StackOptions options, Infrastructure infrastructure) {
        String internalSecret = newInternalSecret();
        int commandPort = FreePort.pick();
        int queryPort = FreePort.pick();
        int gatewayPort = options.gatewayPort() == 0 ? FreePort.pick() : options.gatewayPort();
        String commandUrl = "http://127.0.0.1:" + commandPort;
        String queryUrl = "http://127.0.0.1:" + queryPort;

        Map<String, String> database = Map.of(
                "SCIM_DB_URL", infrastructure.jdbcUrl(),
                "SCIM_DB_USER", infrastructure.dbUser(),
                "SCIM_DB_PASSWORD", infrastructure.dbPassword());

        Map<String, String> command = new HashMap<>(database);
        command.put("SCIM_INTERNAL_SECRET", internalSecret);
        command.put("SCIM_KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap());
        command.put("SCIM_QUERY_URL", queryUrl);
        // The checkpoint signing key lives with the data (created there by the service at its first start),
        // unless the operator keeps it elsewhere.
        if (System.getenv("SCIM_AUDIT_SIGNING_KEY") == null) {
            command.put("SCIM_AUDIT_SIGNING_KEY", options.dataDirectory().resolve("audit").resolve("signing-key.pem").toString());
        }

        Map<String, String> query = Map.of(
                "SCIM_INTERNAL_SECRET", internalSecret,
                "SCIM_KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap(),
                "SCIM_ELASTICSEARCH_URL", infrastructure.elasticsearchUrl(),
                // Reads of audit data are recorded as events, through the command-service.
                "SCIM_COMMAND_URL", commandUrl);

        Map<String, String> gateway = new HashMap<>(database);
        gateway.put("SCIM_INTERNAL_SECRET", internalSecret);
        gateway.put("SCIM_COMMAND_URL", commandUrl);
        gateway.put("SCIM_QUERY_URL", queryUrl);
        if (options.bootstrapToken() != null) {
            gateway.put("SCIM_BOOTSTRAP_TOKEN", options.bootstrapToken());
        }

        try (ParallelStart starts = new ParallelStart()) {
            Future<ServiceProcess> queryService = starts.submit(() -> ServiceProcess.start(
                    new ServiceLaunch("query-service", options.queryServiceJar(), queryPort, query, null),
                    options.dataDirectory()));
            Future<ServiceProcess> commandService = starts.submit(() -> ServiceProcess.start(
                    new ServiceLaunch("command-service", options.commandServiceJar(), commandPort, command, null),
                    options.dataDirectory()));
            Future<ServiceProcess> gatewayService = starts.submit(() -> ServiceProcess.start(
                    new ServiceLaunch(GATEWAY, options.gatewayJar(), gatewayPort, gateway, TOKEN_MARKER),
                    options.dataDirectory()));
            starts.awaitAll();
            ServiceProcess front = gatewayService.get();
            String token = options.bootstrapToken() != null
                    ? options.bootstrapToken()
                    : front.markedLine()
                            .map(line -> line.substring(line.indexOf(TOKEN_MARKER) + TOKEN_MARKER.length()).trim())
                            .orElse(null);
            return new ScimStack(infrastructure, options.dataDirectory(),
                    List.of(front, commandService.get(), queryService.get()), token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the services", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + "; there are " + services.keySet());
        }
        return service;
    }

    /** Shared by the three services to sign and verify caller tokens; new at every start. */
    private static String newInternalSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
