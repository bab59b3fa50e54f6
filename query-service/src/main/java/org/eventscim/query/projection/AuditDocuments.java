package org.eventscim.query.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.List;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes {@link AuditDocument}s, one bulk request per batch, by event id: a redelivered event writes the
 * same document again, so no versioning is needed. Like the other writes, no refresh: searches of the
 * audit trail refresh first when they need to ({@link IndexFreshness}).
 */
@Component
class AuditDocuments {

    private static final Logger log = LoggerFactory.getLogger(AuditDocuments.class);

    private final ElasticsearchClient client;
    private final IndexFreshness freshness;
    private final String alias;

    AuditDocuments(ElasticsearchClient client, IndexFreshness freshness, ReadModels readModels) {
        this.client = client;
        this.freshness = freshness;
        this.alias = readModels.audit().alias();
    }

    /** Writes the documents; throws if any failed for a reason a retry may fix. */
    void write(List<AuditDocument> documents) throws IOException {
        if (documents.isEmpty()) {
            return;
        }
        BulkRequest.Builder request = new BulkRequest.Builder();
        add(request, documents);
        BulkResponse response = client.bulk(request.build());
        written(response.items());
    }

    /** Adds the documents' writes to a bulk request, so they can share one with other writes of the batch. */
    void add(BulkRequest.Builder request, List<AuditDocument> documents) {
        for (AuditDocument document : documents) {
            request.operations(operation -> operation.index(index -> index.index(alias).id(document.eventId())
                    .document(document)));
        }
    }

    /** Counts the writes of {@link #add}, given their items of the bulk response; throws if a retry may fix one. */
    void written(List<BulkResponseItem> items) throws IOException {
        freshness.applied(alias);
        for (BulkResponseItem item : items) {
            if (item.error() == null) {
                continue;
            }
            if (item.status() != 400) {
                throw new IOException("Bulk write of audit event " + item.id() + " failed with " + item.status() + ": "
                        + item.error().reason());
            }
            // Only keywords and numbers are indexed, so this needs a malformed envelope; it must not stop the trail.
            log.error("Audit index rejected event {}: {}", item.id(), item.error().reason());
        }
    }
}
