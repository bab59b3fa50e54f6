package org.eventscim.query.consistency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.eventscim.protocol.consistency.ResourceKey;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells every subscribed command-service what the projection has applied, as it happens: one line per resource,
 * {@code tenant TAB resourceType TAB id TAB version}, a batch of lines at once. A command-service that awaits the
 * read side before answering a write then needs no request per write ({@code /internal/applied}, which answers
 * whoever is not subscribed). An idle feed sends an empty line every {@link #HEARTBEAT}, so a dead connection is
 * noticed at both ends. A subscriber that falls {@link #BACKLOG} batches behind is dropped: it falls back to asking.
 */
@Component
public class AppliedFeed implements SmartLifecycle {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final int BACKLOG = 10_000;
    /** Queued after a subscription's last batch; compared by identity. */
    private static final Map<ResourceKey, Long> CLOSED = Collections.unmodifiableMap(new HashMap<>());

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private volatile boolean running;

    /** Hands the versions one projection batch applied to every subscriber. */
    public void publish(Map<ResourceKey, Long> applied) {
        if (applied.isEmpty()) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            if (!subscription.batches.offer(applied)) {
                subscription.close();
            }
        }
    }

    Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        if (!running) {
            subscription.close();
        }
        return subscription;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every feed before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        subscriptions.forEach(Subscription::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A resource whose names hold the separators is left out: its waiter falls back to asking. */
    private static void append(StringBuilder lines, ResourceKey resource, long version) {
        String fields = resource.tenant() + '\t' + resource.resourceType() + '\t' + resource.resourceId();
        if (fields.chars().filter(c -> c == '\t').count() == 2 && fields.indexOf('\n') < 0) {
            lines.append(fields).append('\t').append(version).append('\n');
        }
    }

    /** One subscriber's queue of batches, written out by the request thread that serves its feed. */
    final class Subscription {

        private final BlockingQueue<Map<ResourceKey, Long>> batches = new ArrayBlockingQueue<>(BACKLOG);

        /** Writes the feed until the subscriber goes away or the feed closes; the first line says it is live. */
        void stream(OutputStream out) throws IOException {
            try {
                out.write("ready\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    Map<ResourceKey, Long> batch = batches.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    if (batch == CLOSED) {
                        return;
                    }
                    List<Map<ResourceKey, Long>> ready = new ArrayList<>();
                    if (batch != null) {
                        ready.add(batch);
                        batches.drainTo(ready);
                    }
                    StringBuilder lines = new StringBuilder();
                    for (Map<ResourceKey, Long> applied : ready) {
                        if (applied == CLOSED) {
                            return;
                        }
                        applied.forEach((resource, version) -> append(lines, resource, version));
                    }
                    out.write((lines.isEmpty() ? "\n" : lines.toString()).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                subscriptions.remove(this);
            }
        }

        void close() {
            subscriptions.remove(this);
            batches.clear();
            batches.offer(CLOSED);
        }
    }
}
