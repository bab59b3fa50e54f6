package org.eventscim.command.consistency;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.util.Timeout;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.consistency.AppliedVersions;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.protocol.internal.ServiceHttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps a connection open to the query-service's applied feed ({@code /internal/applied/feed}) and records what it
 * reports, so that a write can await the read side without a request of its own. Each connection has its own
 * {@link Connection}: what it was told is only trusted while it lasts, and its waiters are released the moment it
 * breaks. Reconnects a second after any failure, for as long as the service runs.
 */
@Component
public class AppliedFeedClient implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppliedFeedClient.class);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);
    /** Three of the feed's heartbeats: a connection silent for longer is dead. */
    private static final Timeout SILENCE = Timeout.ofSeconds(30);

    private final CloseableHttpClient http = ServiceHttpClients.pooled(1, Duration.ofSeconds(2));
    private final String feedUrl;
    private final CallerTokenCodec callerTokens;
    private final String operatorTenant;
    private volatile boolean running;
    private volatile Connection current;
    private volatile HttpGet request;
    private Thread reader;

    AppliedFeedClient(@Value("${scim.query-service.url}") String queryServiceUrl, CallerTokenCodec callerTokens,
                      @Value("${scim.audit.operator-tenant}") String operatorTenant, MeterRegistry meters) {
        this.feedUrl = queryServiceUrl + "/internal/applied/feed";
        this.callerTokens = callerTokens;
        this.operatorTenant = operatorTenant;
        Gauge.builder("scim.read_side.feed.connected", () -> current == null ? 0 : 1)
                .description("1 while the query-service's applied feed is connected")
                .register(meters);
    }

    /** The live connection's record of applied versions, or null while there is none. */
    Connection current() {
        return current;
    }

    @Override
    public void start() {
        running = true;
        reader = Thread.ofPlatform().name("applied-feed").daemon().start(this::readWhileRunning);
    }

    @Override
    public void stop() {
        running = false;
        HttpGet open = request;
        if (open != null) {
            open.cancel();
        }
        reader.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void readWhileRunning() {
        while (running) {
            try {
                read();
            } catch (IOException | RuntimeException broken) {
                log.debug("Applied feed unavailable: {}", broken.toString());
            }
            Connection closed = current;
            current = null;
            if (closed != null) {
                closed.close();
            }
            try {
                Thread.sleep(RECONNECT_AFTER.toMillis());
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    private void read() throws IOException {
        HttpGet get = new HttpGet(feedUrl);
        get.setConfig(RequestConfig.custom().setResponseTimeout(SILENCE).build());
        Caller self = new Caller(operatorTenant, "command-service", "command-service", Set.of(Scopes.ADMIN), null, null,
                UUID.randomUUID().toString(), null);
        get.setHeader(Caller.HEADER, callerTokens.sign(self, Duration.ofMinutes(1)));
        request = get;
        http.execute(get, response -> {
            if (response.getCode() != 200) {
                log.debug("Applied feed answered {}", response.getCode());
                return null;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(response.getEntity().getContent(),
                    StandardCharsets.UTF_8));
            if (!"ready".equals(lines.readLine())) {
                return null;
            }
            Connection connection = new Connection();
            current = connection;
            log.info("Awaiting the read side through the query-service's applied feed");
            for (String line = lines.readLine(); line != null && running; line = lines.readLine()) {
                connection.applied(line);
            }
            return null;
        });
    }

    /** What one feed connection has reported, with the writes waiting on it. */
    static final class Connection {

        private final AppliedVersions versions = new AppliedVersions();
        private volatile boolean closed;

        /** Whether {@code version} or a newer one of the resource is reported within {@code timeout}. */
        boolean await(ResourceKey resource, long version, Duration timeout) {
            CompletableFuture<Boolean> applied = versions.await(resource, version, timeout);
            if (closed) {
                applied.complete(false);
            }
            return applied.join();
        }

        /** A line {@code tenant TAB resourceType TAB id TAB version}; an empty one is the feed's heartbeat. */
        void applied(String line) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                return;
            }
            try {
                versions.applied(new ResourceKey(fields[0], fields[1], fields[2]), Long.parseLong(fields[3]));
            } catch (NumberFormatException malformed) {
                log.debug("Ignored applied feed line {}", line);
            }
        }

        void close() {
            closed = true;
            versions.abandonAll();
        }
    }
}
