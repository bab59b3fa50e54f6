package org.eventscim.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eventscim.events.EventEnvelope;
import org.eventscim.protocol.consistency.AppliedVersions;
import org.eventscim.query.consistency.AppliedFeed;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.deadletter.DeadLetterBatch;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.ReadModelIndexes;
import org.eventscim.query.index.ReadModels;
import org.eventscim.query.index.ResourceDocument;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to the read models: every event to the audit trail ({@link AuditProjector}),
 * the user and group events to their read models: reads the current documents the events
 * need, folds the events over them with {@link UserProjector} and {@link GroupProjector}, writes the
 * memberships, then the user and group documents with the batch's audit trail in one bulk request, and
 * returns once all of it is applied; then tells the waiters of {@link AppliedVersions} and the command-services
 * subscribed to the {@link AppliedFeed}. Applied means written, not refreshed: reads by id see it at once, and a
 * search sees it through {@link IndexFreshness} (the writes it holds, or a refresh), so a burst of writes costs no
 * refresh.
 *
 * <p>Memberships are written before the group documents: a group document's version is what says its
 * membership changes are applied ({@link GroupProjector}), so it must never get ahead of them. A batch
 * that fails in between is written again, and the group events, not yet reflected in the group
 * documents, apply again.
 *
 * <p>The fold itself ({@link #fold}) also serves a rebuild of the read models from the event store, aimed at new
 * indexes instead of the aliases, so a rebuilt read model is exactly what the live projection would hold.
 */
@Component
public class ProjectionWriter {

    private final ReadModels readModels;
    private final ReadModelIndexes aliases;
    private final ResourceDocuments documents;
    private final MembershipWriter memberships;
    private final AuditDocuments audit;
    private final AppliedVersions appliedVersions;
    private final AppliedFeed appliedFeed;
    private final Timer batchTimer;
    private final Timer bulkTimer;
    private final Timer lag;

    ProjectionWriter(ReadModels readModels, ResourceDocuments documents, MembershipWriter memberships,
                     AuditDocuments audit, AppliedVersions appliedVersions, AppliedFeed appliedFeed,
                     MeterRegistry meters) {
        this.readModels = readModels;
        this.aliases = ReadModelIndexes.aliasesOf(readModels);
        this.documents = documents;
        this.memberships = memberships;
        this.audit = audit;
        this.appliedVersions = appliedVersions;
        this.appliedFeed = appliedFeed;
        this.batchTimer = Timer.builder("scim.projection.batch")
                .description("One batch: read current documents, bulk writes, waiters told")
                .register(meters);
        this.bulkTimer = Timer.builder("scim.projection.bulk")
                .description("The bulk writes of one batch")
                .register(meters);
        this.lag = Timer.builder("scim.projection.lag")
                .description("From an event's append in the command-service to its being applied here")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * Applies the batch's effect. Throws when Elasticsearch fails in a way worth retrying;
     * the whole batch may then be written again (with a new {@code letters}), which is harmless. An event the
     * projectors throw on, and any later event of its resource, becomes a dead letter; the other events of the
     * batch are applied. The letters are stored last, once everything else is written.
     */
    void write(List<EventEnvelope> polled, DeadLetterBatch letters) throws IOException {
        List<EventEnvelope> events = new ArrayList<>(polled.size());
        List<AuditDocument> trail = new ArrayList<>(polled.size());
        for (EventEnvelope event : polled) {
            try {
                trail.add(AuditProjector.document(event));
                events.add(event);
            } catch (RuntimeException poison) {
                letters.failed(event, poison);
            }
        }
        List<EventEnvelope> handled = events.stream()
                .filter(event -> UserProjector.handles(event) || GroupProjector.handles(event))
                .toList();
        if (handled.isEmpty()) {
            audit.write(trail);
            letters.commit();
            return;
        }
        long started = System.nanoTime();
        // Every event, of any type, is part of the audit trail: written with the documents, so that once a write
        // is reported applied its history shows it too.
        Map<ResourceKey, Long> newest = fold(handled, aliases, letters, trail);
        letters.commit();
        // Every version reported here is now in the index (written, or already superseded), and the writes are
        // counted, so a search from whoever learns of it refreshes first.
        newest.forEach(appliedVersions::applied);
        appliedFeed.publish(newest);
        Instant applied = Instant.now();
        handled.forEach(event -> lag.record(Duration.between(event.timestamp(), applied)));
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /**
     * Folds User and Group events (others are ignored) into the read models in {@code target} and writes the
     * result; returns, per resource, the version its document now holds. An event the projectors throw on, and
     * every later event of its resource, goes to {@code letters} instead. Throws when Elasticsearch fails in a
     * way worth retrying; folding the same events again is harmless.
     */
    public Map<ResourceKey, Long> fold(List<EventEnvelope> events, ReadModelIndexes target, DeadLetterBatch letters)
            throws IOException {
        return fold(events, target, letters, List.of());
    }

    /** {@link #fold}, writing {@code trail} to the audit trail in the same bulk request as the documents. */
    private Map<ResourceKey, Long> fold(List<EventEnvelope> events, ReadModelIndexes target, DeadLetterBatch letters,
                                        List<AuditDocument> trail) throws IOException {
        List<EventEnvelope> handled = events.stream()
                .filter(event -> UserProjector.handles(event) || GroupProjector.handles(event))
                .toList();
        // The stored documents are read first: a change applies only to the version right before it
        // (UserProjector.follows).
        Map<String, ResourceDocument> users = documents.load(target.users(), storedNeeded(handled, UserProjector::handles));
        Map<String, ResourceDocument> groups = documents.load(target.groups(),
                storedNeeded(handled, GroupProjector::handles));
        Map<String, ResourceDocument> changedUsers = new LinkedHashMap<>();
        Map<String, ResourceDocument> changedGroups = new LinkedHashMap<>();
        MembershipChanges membershipChanges = new MembershipChanges();
        Map<ResourceKey, Long> newest = new HashMap<>();
        for (EventEnvelope event : handled) {
            String id = ResourceDocument.id(event.metadata().tenantId(), event.resourceId());
            if (letters.blocks(event)) {
                letters.blocked(event);
                continue;
            }
            ResourceDocument result;
            try {
                if (UserProjector.handles(event)) {
                    ResourceDocument before = changedUsers.getOrDefault(id, users.get(id));
                    result = UserProjector.project(before, event);
                    if (result != before) {
                        changedUsers.put(id, result);
                    }
                } else {
                    ResourceDocument before = changedGroups.getOrDefault(id, groups.get(id));
                    GroupProjection after = GroupProjector.project(before, event);
                    result = after.document();
                    if (result != before) {
                        changedGroups.put(id, result);
                    }
                    membershipChanges.apply(after);
                }
            } catch (RuntimeException poison) {
                // Retrying cannot fix what the projection code throws on; parking it keeps the other resources moving.
                letters.failed(event, poison);
                continue;
            }
            // What the document now holds, not the event's version: a change that came early is not applied yet.
            if (result != null) {
                newest.merge(new ResourceKey(event.metadata().tenantId(), event.resourceType(), event.resourceId()),
                        result.version(), Math::max);
            }
        }
        List<ResourceDocuments.Write> writes = new ArrayList<>();
        changedUsers.values().forEach(user -> writes.add(new ResourceDocuments.Write(target.users(),
                readModels.users().indexed(user))));
        changedGroups.values().forEach(group -> writes.add(new ResourceDocuments.Write(target.groups(),
                readModels.groups().indexed(group))));
        if (!membershipChanges.isEmpty() || !writes.isEmpty()) {
            long bulkStarted = System.nanoTime();
            memberships.write(membershipChanges, target.memberships());
            documents.write(writes, trail);
            bulkTimer.record(System.nanoTime() - bulkStarted, TimeUnit.NANOSECONDS);
        } else {
            audit.write(trail);
        }
        return newest;
    }

    /**
     * The resources whose stored document the fold needs: all but those whose first event in the batch is their
     * creation. From a creation on, the batch holds every event of the resource in the order written, so the fold
     * alone gives its state; sent again, that state is refused by external versioning like any older write. Most
     * batches under an IdP's import are creations only, and need no read at all.
     */
    private static List<String> storedNeeded(List<EventEnvelope> events, Predicate<EventEnvelope> needed) {
        Map<String, Boolean> firstIsCreation = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            if (needed.test(event)) {
                firstIsCreation.putIfAbsent(ResourceDocument.id(event.metadata().tenantId(), event.resourceId()),
                        event.version() == 1);
            }
        }
        return firstIsCreation.entrySet().stream().filter(first -> !first.getValue()).map(Map.Entry::getKey).toList();
    }
}
