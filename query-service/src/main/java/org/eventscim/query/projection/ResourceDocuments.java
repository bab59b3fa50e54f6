package org.eventscim.query.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.ResourceDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@link ResourceDocument}s (users, groups) for the projection. Writes use external
 * versioning ({@code version} = resource version), so a duplicate or late document is refused by
 * Elasticsearch itself: such an item was applied before. Writes do not refresh: real-time gets see
 * them at once, and searches refresh first when they need to ({@link IndexFreshness}).
 */
@Component
class ResourceDocuments {

    private static final Logger log = LoggerFactory.getLogger(ResourceDocuments.class);

    private final ElasticsearchClient client;
    private final IndexFreshness freshness;
    private final AuditDocuments audit;

    ResourceDocuments(ElasticsearchClient client, IndexFreshness freshness, AuditDocuments audit) {
        this.client = client;
        this.freshness = freshness;
        this.audit = audit;
    }

    /** A document to write, and the alias of its read model. */
    record Write(String alias, ResourceDocument document) {

        Write withUnindexedAttributes() {
            return new Write(alias, document.withUnindexedAttributes());
        }
    }

    /** The stored documents with these ids, by id; real-time, so the latest write counts even before a refresh. */
    Map<String, ResourceDocument> load(String alias, List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        MgetResponse<ResourceDocument> response = client.mget(request -> request.index(alias).ids(ids),
                ResourceDocument.class);
        Map<String, ResourceDocument> stored = new HashMap<>();
        for (MultiGetResponseItem<ResourceDocument> item : response.docs()) {
            if (item.isFailure()) {
                throw new IOException("Reading " + item.failure().id() + " failed: " + item.failure().error().reason());
            }
            if (item.result().found() && item.result().source() != null) {
                stored.put(item.result().id(), item.result().source());
            }
        }
        return stored;
    }

    /**
     * Writes the documents, and the batch's audit trail with them, in one bulk request (one round trip per batch);
     * they are applied once it returns, so a write reported applied has its history written too.
     */
    void write(List<Write> writes, List<AuditDocument> trail) throws IOException {
        if (writes.isEmpty()) {
            audit.write(trail);
            return;
        }
        BulkRequest.Builder request = request(writes);
        audit.add(request, trail);
        List<BulkResponseItem> items = send(request, writes).items();
        audit.written(items.subList(writes.size(), items.size()));
        List<Write> rejected = failedMappings(items.subList(0, writes.size()), writes);
        if (rejected.isEmpty()) {
            return;
        }
        // Values the mapping cannot index (an attribute of an unexpected type) must not stop the
        // projection, nor be lost: the resource stays readable by id, but is not found by filters.
        List<Write> unindexed = rejected.stream().map(Write::withUnindexedAttributes).toList();
        List<Write> stillRejected = failedMappings(send(request(unindexed), unindexed).items(), unindexed);
        stillRejected.forEach(write -> log.error("Dropped {} {} version {}: Elasticsearch rejects even its unindexed form",
                write.alias(), write.document().id(), write.document().version()));
    }

    private static BulkRequest.Builder request(List<Write> writes) {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (Write write : writes) {
            ResourceDocument document = write.document();
            request.operations(operation -> operation.index(index -> index
                    .index(write.alias())
                    .id(document.id())
                    .document(document)
                    .version(document.version())
                    .versionType(VersionType.External)));
        }
        return request;
    }

    private BulkResponse send(BulkRequest.Builder request, List<Write> writes) throws IOException {
        BulkResponse response = client.bulk(request.build());
        // Counted even if some items failed: those that did not are written, and may be read by id already.
        Map<String, List<ResourceDocument>> written = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            List<ResourceDocument> documents = written.computeIfAbsent(write.alias(), alias -> new ArrayList<>());
            BulkResponseItem item = response.items().get(i);
            // Refused (409: the index holds this version or a newer one), the index keeps what it had.
            if (item.error() == null) {
                documents.add(write.document());
            }
        }
        for (Map.Entry<String, List<ResourceDocument>> alias : written.entrySet()) {
            freshness.written(alias.getKey(), alias.getValue());
        }
        return response;
    }

    /** The writes rejected for their content; throws if any item failed for a reason a retry may fix. */
    private static List<Write> failedMappings(List<BulkResponseItem> items, List<Write> writes) throws IOException {
        List<Write> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() == null || item.status() == 409) {
                // 409: the index already holds this version or a newer one: applied before.
                continue;
            }
            if (item.status() == 400) {
                log.warn("Index rejected {}: {}", item.id(), item.error().reason());
                rejected.add(writes.get(i));
            } else {
                throw new IOException("Bulk write of " + item.id() + " failed with " + item.status() + ": "
                        + item.error().reason());
            }
        }
        return rejected;
    }
}
