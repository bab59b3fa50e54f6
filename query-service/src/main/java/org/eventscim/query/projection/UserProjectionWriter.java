package org.eventscim.query.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eventscim.events.EventEnvelope;
import org.eventscim.query.consistency.AppliedVersions;
import org.eventscim.query.consistency.ResourceKey;
import org.eventscim.query.index.UserDocument;
import org.eventscim.query.index.UserIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to the users index: reads the current documents the events need, folds
 * the events over them with {@link UserProjector}, writes the results in one bulk request with
 * external versioning (an item refused as not newer was applied before), and returns only once they
 * are searchable; then tells the waiters of {@link AppliedVersions}.
 */
@Component
class UserProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(UserProjectionWriter.class);

    private final ElasticsearchClient client;
    private final UserIndex index;
    private final AppliedVersions appliedVersions;
    private final Refresh refresh;
    private final Timer batchTimer;
    private final Timer bulkTimer;

    UserProjectionWriter(ElasticsearchClient client, UserIndex index, AppliedVersions appliedVersions,
                         ProjectionProperties properties, MeterRegistry meters) {
        this.client = client;
        this.index = index;
        this.appliedVersions = appliedVersions;
        this.refresh = properties.refresh() == ProjectionProperties.Refresh.WAIT_FOR ? Refresh.WaitFor : Refresh.True;
        this.batchTimer = Timer.builder("scim.projection.batch")
                .description("One batch: read current documents, bulk write, searchable, waiters told")
                .tag("index", index.alias())
                .register(meters);
        this.bulkTimer = Timer.builder("scim.projection.bulk")
                .description("The bulk request of one batch, including the refresh that makes it searchable")
                .tag("index", index.alias())
                .register(meters);
    }

    /**
     * Makes the batch's effect searchable. Throws when Elasticsearch fails in a way worth retrying;
     * the whole batch may then be written again, which is harmless.
     */
    void write(List<EventEnvelope> events) throws IOException {
        List<EventEnvelope> userEvents = events.stream().filter(UserProjector::handles).toList();
        if (userEvents.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, UserDocument> stored = load(userEvents);
        Map<String, UserDocument> changed = new LinkedHashMap<>();
        Map<ResourceKey, Long> newest = new HashMap<>();
        for (EventEnvelope event : userEvents) {
            String id = UserDocument.id(event.metadata().tenantId(), event.resourceId());
            UserDocument before = changed.getOrDefault(id, stored.get(id));
            try {
                UserDocument after = UserProjector.project(before, event);
                if (after != before) {
                    changed.put(id, after);
                }
            } catch (IllegalArgumentException unreadable) {
                // Retrying cannot fix a malformed event; skipping it keeps the projection moving.
                log.error("Skipping event {} of {} {}: {}", event.eventId(), event.resourceType(),
                        event.resourceId(), unreadable.getMessage());
                continue;
            }
            newest.merge(new ResourceKey(event.metadata().tenantId(), UserProjector.RESOURCE_TYPE, event.resourceId()),
                    event.version(), Math::max);
        }
        if (!changed.isEmpty()) {
            long bulkStarted = System.nanoTime();
            bulk(new ArrayList<>(changed.values()));
            bulkTimer.record(System.nanoTime() - bulkStarted, TimeUnit.NANOSECONDS);
        }
        // Every version reported here is now in the index (written, or already superseded) and searchable.
        newest.forEach(appliedVersions::applied);
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** The stored documents the batch's events need (see {@link UserProjector#needsCurrent}), by id. */
    private Map<String, UserDocument> load(List<EventEnvelope> events) throws IOException {
        List<String> ids = events.stream()
                .filter(UserProjector::needsCurrent)
                .map(event -> UserDocument.id(event.metadata().tenantId(), event.resourceId()))
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        MgetResponse<UserDocument> response = client.mget(request -> request.index(index.alias()).ids(ids),
                UserDocument.class);
        Map<String, UserDocument> stored = new HashMap<>();
        for (MultiGetResponseItem<UserDocument> item : response.docs()) {
            if (item.isFailure()) {
                throw new IOException("Reading " + item.failure().id() + " failed: " + item.failure().error().reason());
            }
            if (item.result().found() && item.result().source() != null) {
                stored.put(item.result().id(), item.result().source());
            }
        }
        return stored;
    }

    private void bulk(List<UserDocument> documents) throws IOException {
        List<UserDocument> rejected = failedMappings(send(documents), documents);
        if (rejected.isEmpty()) {
            return;
        }
        // Values the mapping cannot index (an attribute of an unexpected type) must not stop the
        // projection, nor be lost: the user stays readable by id, but is not found by filters.
        List<UserDocument> unindexed = rejected.stream().map(UserDocument::withUnindexedAttributes).toList();
        List<UserDocument> stillRejected = failedMappings(send(unindexed), unindexed);
        stillRejected.forEach(document ->
                log.error("Dropped user {} version {}: Elasticsearch rejects even its unindexed form",
                        document.id(), document.version()));
    }

    private BulkResponse send(List<UserDocument> documents) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder().index(index.alias()).refresh(refresh);
        for (UserDocument document : documents) {
            request.operations(operation -> operation.index(write -> write
                    .id(document.id())
                    .document(document)
                    .version(document.version())
                    .versionType(VersionType.External)));
        }
        return client.bulk(request.build());
    }

    /** The documents rejected for their content; throws if any item failed for a reason a retry may fix. */
    private static List<UserDocument> failedMappings(BulkResponse response, List<UserDocument> documents)
            throws IOException {
        if (!response.errors()) {
            return List.of();
        }
        List<UserDocument> rejected = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() == null || item.status() == 409) {
                // 409: the index already holds this version or a newer one: applied before.
                continue;
            }
            if (item.status() == 400) {
                log.warn("Index rejected user {}: {}", item.id(), item.error().reason());
                rejected.add(documents.get(i));
            } else {
                throw new IOException("Bulk write of " + item.id() + " failed with " + item.status() + ": "
                        + item.error().reason());
            }
        }
        return rejected;
    }
}
