package org.eventscim.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.UserDocument;
import org.eventscim.query.index.UserIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The only way to read the users read model. Every read is confined to one tenant and skips
 * tombstones here, so no endpoint can forget either (DESIGN decision 9).
 */
@Component
public class TenantScopedSearch {

    private static final Logger log = LoggerFactory.getLogger(TenantScopedSearch.class);

    private final ElasticsearchClient client;
    private final UserIndex index;

    TenantScopedSearch(ElasticsearchClient client, UserIndex index) {
        this.client = client;
        this.index = index;
    }

    /** The tenant's live user with this id; empty if unknown, deleted, or another tenant's. */
    public Optional<UserDocument> user(String tenant, String resourceId) {
        return stored(tenant, resourceId, true).filter(document -> !document.deleted());
    }

    /**
     * The version of the tenant's user that searches already see (a tombstone's too), 0 if none. Reads
     * without the real-time flag, so a version written but not yet refreshed does not count.
     */
    public long searchableVersion(String tenant, String resourceId) {
        return stored(tenant, resourceId, false).map(UserDocument::version).orElse(0L);
    }

    /** The tenant's live users matching {@code criteria} (all of them when null), in creation order. */
    public SearchResult<UserDocument> users(String tenant, Query criteria, Page page) {
        Page window = page.within(index.maxResultWindow());
        List<Query> filters = new ArrayList<>(List.of(
                Query.of(query -> query.term(term -> term.field(UserDocument.TENANT).value(FieldValue.of(tenant))))));
        if (criteria != null) {
            filters.add(criteria);
        }
        Query scoped = Query.of(query -> query.bool(bool -> bool
                .filter(filters)
                .mustNot(not -> not.term(term -> term.field(UserDocument.DELETED).value(FieldValue.TRUE)))));
        SearchResponse<UserDocument> response = call(() -> client.search(search -> search
                .index(index.alias())
                .query(scoped)
                // Stable order for paging: creation time, then id for users created in the same millisecond.
                .sort(sort -> sort.field(field -> field.field(UserDocument.CREATED).order(SortOrder.Asc)))
                .sort(sort -> sort.field(field -> field.field(UserDocument.RESOURCE_ID).order(SortOrder.Asc)))
                .from(window.from())
                .size(window.count())
                .trackTotalHits(total -> total.enabled(true)), UserDocument.class));
        List<UserDocument> documents = response.hits().hits().stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .filter(document -> tenant.equals(document.tenant()))
                .toList();
        long total = response.hits().total() == null ? documents.size() : response.hits().total().value();
        return new SearchResult<>(total, documents);
    }

    private Optional<UserDocument> stored(String tenant, String resourceId, boolean realtime) {
        GetResponse<UserDocument> response = call(() -> client.get(get -> get
                .index(index.alias())
                .id(UserDocument.id(tenant, resourceId))
                .realtime(realtime), UserDocument.class));
        // The id already holds the tenant; checking the stored fields too costs nothing.
        return Optional.ofNullable(response.found() ? response.source() : null)
                .filter(document -> tenant.equals(document.tenant()) && resourceId.equals(document.resourceId()));
    }

    private static <T> T call(ElasticsearchCall<T> call) {
        try {
            return call.execute();
        } catch (ElasticsearchException failure) {
            if (failure.status() == 400) {
                // Built from a validated filter, a query is only refused for its size or complexity.
                throw ScimException.invalidFilter("The filter is too complex: " + failure.error().reason());
            }
            log.warn("Elasticsearch read failed: {}", failure.getMessage());
            throw unavailable();
        } catch (IOException | RuntimeException failure) {
            log.warn("Elasticsearch read failed: {}", failure.toString());
            throw unavailable();
        }
    }

    private static ScimException unavailable() {
        return new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null,
                "The read model is unavailable; retry later.");
    }

    @FunctionalInterface
    private interface ElasticsearchCall<T> {
        T execute() throws IOException;
    }
}
