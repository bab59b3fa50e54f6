package org.eventscim.query.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.MembershipIndex;
import org.eventscim.query.index.MembershipWrite;
import org.eventscim.query.index.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Writes a batch's {@link MembershipChanges} to the memberships index, without a refresh: they count
 * as applied once the bulk requests return, and searches refresh first when they need to
 * ({@link IndexFreshness}). Repeating it is harmless: indexing a membership again rewrites the same
 * document, and deleting a missing one is a no-op.
 *
 * <p>The memberships of a deleted group are found by a search and deleted by id, page by page, rather
 * than by {@code _delete_by_query}: that lives in Elasticsearch's reindex module, which the minimal
 * distribution the embedded stack runs does not have.
 */
@Component
class MembershipWriter {

    private static final List<String> SORT = List.of(MembershipDocument.TENANT, MembershipDocument.GROUP_ID,
            MembershipDocument.MEMBER_ID);

    private final ElasticsearchClient client;
    private final MembershipIndex index;
    private final IndexFreshness freshness;

    MembershipWriter(ElasticsearchClient client, ReadModels readModels, IndexFreshness freshness) {
        this.client = client;
        this.index = readModels.memberships();
        this.freshness = freshness;
    }

    /** Writes to {@code target} (the alias, or a rebuild's index); does nothing for a batch without changes. */
    void write(MembershipChanges changes, String target) throws IOException {
        List<MembershipWrite> writes = new ArrayList<>();
        for (MembershipChanges.Pending write : changes.pending()) {
            writes.add(new MembershipWrite(write.membership(), write.member()));
        }
        List<ResourceKey> ended = changes.endedGroups();
        if (!ended.isEmpty()) {
            for (MembershipDocument membership : membershipsOf(ended, target)) {
                writes.add(new MembershipWrite(membership, false));
            }
        }
        // Bounded requests, however many members a deleted group had.
        for (int from = 0; from < writes.size(); from += index.pageSize()) {
            List<MembershipWrite> chunk = writes.subList(from, Math.min(writes.size(), from + index.pageSize()));
            BulkResponse response = client.bulk(BulkRequest.of(bulk -> bulk.index(target).operations(
                    chunk.stream().map(MembershipWriter::operation).toList())));
            // Counted even if some items failed: those that did not are written.
            freshness.membershipsWritten(target, written(chunk, response));
            failures(response);
        }
    }

    private static BulkOperation operation(MembershipWrite write) {
        MembershipDocument membership = write.membership();
        return write.member()
                ? BulkOperation.of(operation -> operation.index(add -> add.id(membership.id()).document(membership)))
                : BulkOperation.of(operation -> operation.delete(delete -> delete.id(membership.id())));
    }

    /** The writes the index now reflects: those that succeeded, and deletions of what was not there. */
    private static List<MembershipWrite> written(List<MembershipWrite> chunk, BulkResponse response) {
        List<MembershipWrite> written = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null || (!chunk.get(i).member() && item.status() == 404)) {
                written.add(chunk.get(i));
            }
        }
        return written;
    }

    /**
     * Every stored membership of these groups, each group within its own tenant, read page by page; the
     * earlier batches' writes are made searchable first, or a membership not refreshed yet would outlive
     * its group.
     */
    private List<MembershipDocument> membershipsOf(List<ResourceKey> groups, String target) throws IOException {
        freshness.awaitSearchable(target);
        Query query = ofGroups(groups);
        List<MembershipDocument> found = new ArrayList<>();
        List<FieldValue> after = List.of();
        while (true) {
            List<FieldValue> cursor = after;
            SearchResponse<MembershipDocument> response = client.search(search -> {
                search.index(target).query(query).size(index.pageSize())
                        .trackTotalHits(total -> total.enabled(false));
                SORT.forEach(field -> search.sort(sort -> sort.field(order -> order.field(field).order(SortOrder.Asc))));
                return cursor.isEmpty() ? search : search.searchAfter(cursor);
            }, MembershipDocument.class);
            List<Hit<MembershipDocument>> hits = response.hits().hits();
            hits.forEach(hit -> found.add(hit.source()));
            if (hits.size() < index.pageSize()) {
                return found;
            }
            after = hits.getLast().sort();
        }
    }

    private static void failures(BulkResponse response) throws IOException {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            // A membership deleted that is not there was deleted before: the batch is being written again.
            boolean alreadyGone = item.operationType() == OperationType.Delete && item.status() == 404;
            if (item.error() != null && !alreadyGone) {
                throw new IOException("Bulk write of membership " + item.id() + " failed with " + item.status() + ": "
                        + item.error().reason());
            }
        }
    }

    private static Query ofGroups(List<ResourceKey> groups) {
        Map<String, List<FieldValue>> groupIdsByTenant = groups.stream().collect(Collectors.groupingBy(
                ResourceKey::tenant, Collectors.mapping(group -> FieldValue.of(group.resourceId()), Collectors.toList())));
        List<Query> perTenant = groupIdsByTenant.entrySet().stream()
                .map(tenant -> Query.of(query -> query.bool(bool -> bool
                        .filter(filter -> filter.term(term -> term.field(MembershipDocument.TENANT)
                                .value(FieldValue.of(tenant.getKey()))))
                        .filter(filter -> filter.terms(terms -> terms.field(MembershipDocument.GROUP_ID)
                                .terms(values -> values.value(tenant.getValue())))))))
                .toList();
        return Query.of(query -> query.bool(bool -> bool.should(perTenant).minimumShouldMatch("1")));
    }
}
