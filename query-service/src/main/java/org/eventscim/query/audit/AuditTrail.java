package org.eventscim.query.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.AuditIndex;
import org.eventscim.query.index.AuditPosition;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.ReadModels;
import org.eventscim.query.search.CursorCodec;
import org.eventscim.query.search.PageCursor;
import org.eventscim.query.search.PointInTimePage;
import org.eventscim.query.search.SearchAfterJson;
import org.eventscim.query.search.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The only way to read the audit read model: every search is confined to one tenant here, so no audit
 * endpoint can forget it, and first waits until the events applied so far are searchable
 * ({@link IndexFreshness}), so a history read right after a write shows it.
 */
@Component
class AuditTrail {

    /** What cursors of event searches are issued for, in place of a resource type. */
    static final String CURSOR_KIND = "AuditEvent";
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final String MEMBER_VALUE = ".value";

    private final ElasticsearchClient client;
    private final IndexFreshness freshness;
    private final AuditIndex index;
    private final CursorCodec cursors;
    private final SearchProperties limits;

    AuditTrail(ElasticsearchClient client, IndexFreshness freshness, ReadModels readModels, CursorCodec cursors,
               SearchProperties limits) {
        this.client = client;
        this.freshness = freshness;
        this.index = readModels.audit();
        this.cursors = cursors;
        this.limits = limits;
    }

    /** One page of events, newest first, and the cursor of the next page if there is one. */
    record Page(long totalResults, List<AuditDocument> events, String nextCursor) {
    }

    /** The events of one of the tenant's resources, oldest first; only those up to {@code upTo} unless null. */
    List<AuditDocument> resourceEvents(String tenant, String resourceType, String resourceId, Instant upTo) {
        List<Query> criteria = new ArrayList<>(List.of(term(AuditDocument.RESOURCE_TYPE, resourceType),
                term(AuditDocument.RESOURCE_ID, resourceId)));
        if (upTo != null) {
            criteria.add(upTo(upTo));
        }
        List<AuditDocument> events = new ArrayList<>();
        walk(tenant, criteria, List.of(sort(AuditDocument.VERSION, SortOrder.Asc)), events::addAll);
        return events;
    }

    /** The membership events of the tenant's groups that added or removed this member up to {@code upTo}, in order. */
    List<AuditDocument> membershipEventsOf(String tenant, String memberId, Instant upTo) {
        Query addedOrRemoved = Query.of(query -> query.bool(bool -> bool.minimumShouldMatch("1")
                .should(term(AuditDocument.MEMBERS_ADDED + MEMBER_VALUE, memberId))
                .should(term(AuditDocument.MEMBERS_REMOVED + MEMBER_VALUE, memberId))));
        List<AuditDocument> events = new ArrayList<>();
        walk(tenant, List.of(term(AuditDocument.RESOURCE_TYPE, GroupMember.GROUP), addedOrRemoved, upTo(upTo)),
                positionOrder(SortOrder.Asc), events::addAll);
        return events;
    }

    /** Which of these groups of the tenant were deleted up to {@code upTo}. */
    Set<String> deletedGroups(String tenant, Collection<String> groupIds, Instant upTo) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        List<FieldValue> ids = groupIds.stream().distinct().map(FieldValue::of).toList();
        Set<String> deleted = new HashSet<>();
        walk(tenant, List.of(term(AuditDocument.RESOURCE_TYPE, GroupMember.GROUP),
                        term(AuditDocument.EVENT_TYPE, "GroupDeleted"),
                        Query.of(query -> query.terms(terms -> terms.field(AuditDocument.RESOURCE_ID)
                                .terms(values -> values.value(ids)))),
                        upTo(upTo)),
                positionOrder(SortOrder.Asc), page -> page.forEach(event -> deleted.add(event.resourceId())));
        return deleted;
    }

    /**
     * One page of the tenant's events matching the query, newest first (by stream position), paged by
     * cursor (RFC 9865) over one point in time, as the resource lists are: an empty cursor starts.
     */
    Page page(String tenant, AuditQuery query, int count, String cursorValue) {
        String fingerprint = query.fingerprint();
        PageCursor cursor = cursorValue == null || cursorValue.isEmpty() ? null
                : cursors.decode(cursorValue, CURSOR_KIND, tenant, fingerprint);
        String keepAlive = limits.cursorTimeout().toSeconds() + "s";
        String pit = cursor != null ? cursor.pitId() : openPointInTime(keepAlive);
        List<FieldValue> after = cursor == null ? List.of()
                : cursor.searchAfter().stream().map(SearchAfterJson::fieldValue).toList();
        Query scoped = scoped(tenant, query.criteria());
        SearchResponse<AuditDocument> response = call(() -> PointInTimePage.search(client, pit, keepAlive, scoped,
                positionOrder(SortOrder.Desc), after, count + 1, true, AuditDocument.class));
        String nextPit = PointInTimePage.next(response, pit);
        List<Hit<AuditDocument>> hits = response.hits().hits();
        List<Hit<AuditDocument>> page = hits.subList(0, Math.min(count, hits.size()));
        List<AuditDocument> events = documents(page, tenant);
        long total = response.hits().total() == null ? events.size() : response.hits().total().value();
        if (hits.size() <= count) {
            closeQuietly(nextPit);
            return new Page(total, events, null);
        }
        List<JsonNode> last = page.isEmpty() ? after.stream().map(SearchAfterJson::json).toList()
                : page.getLast().sort().stream().map(SearchAfterJson::json).toList();
        return new Page(total, events, cursors.encode(new PageCursor(CURSOR_KIND, tenant, fingerprint, nextPit, last,
                cursors.now(), total, null)));
    }

    /**
     * Hands the tenant's events matching the query to {@code each} in stream-position order, strictly after
     * {@code after} (from the start when null), a page at a time from one point in time, so memory stays
     * constant however many there are and events appended meanwhile do not shift the walk.
     */
    void export(String tenant, AuditQuery query, AuditPosition after, Consumer<AuditDocument> each) {
        List<Query> criteria = new ArrayList<>(query.criteria());
        if (after != null) {
            criteria.add(Query.of(q -> q.bool(bool -> bool.minimumShouldMatch("1")
                    .should(greaterThan(AuditDocument.TRANSACTION_ID, after.transactionId()))
                    .should(s -> s.bool(same -> same
                            .filter(term(AuditDocument.TRANSACTION_ID, after.transactionId()))
                            .filter(greaterThan(AuditDocument.GLOBAL_INDEX, after.globalIndex())))))));
        }
        String keepAlive = "1m";
        String pit = openPointInTime(keepAlive);
        Query scoped = scoped(tenant, criteria);
        try {
            List<FieldValue> searchAfter = List.of();
            while (true) {
                List<FieldValue> from = searchAfter;
                SearchResponse<AuditDocument> response = call(() -> client.search(search -> {
                    search.pit(point -> point.id(pit).keepAlive(time -> time.time(keepAlive))).query(scoped)
                            .sort(positionOrder(SortOrder.Asc)).size(index.pageSize())
                            .trackTotalHits(total -> total.enabled(false));
                    return from.isEmpty() ? search : search.searchAfter(from);
                }, AuditDocument.class));
                List<Hit<AuditDocument>> hits = response.hits().hits();
                documents(hits, tenant).forEach(each);
                if (hits.size() < index.pageSize()) {
                    return;
                }
                searchAfter = hits.getLast().sort();
            }
        } finally {
            closeQuietly(pit);
        }
    }

    /** All matching events in {@code sort} order, a page at a time (a long history is read in several). */
    private void walk(String tenant, List<Query> criteria, List<SortOptions> sort, Consumer<List<AuditDocument>> pages) {
        Query scoped = scoped(tenant, criteria);
        List<FieldValue> searchAfter = List.of();
        awaitSearchable();
        while (true) {
            List<FieldValue> from = searchAfter;
            SearchResponse<AuditDocument> response = call(() -> client.search(search -> {
                search.index(index.alias()).query(scoped).sort(sort).size(index.pageSize())
                        .trackTotalHits(total -> total.enabled(false));
                return from.isEmpty() ? search : search.searchAfter(from);
            }, AuditDocument.class));
            List<Hit<AuditDocument>> hits = response.hits().hits();
            pages.accept(documents(hits, tenant));
            if (hits.size() < index.pageSize()) {
                return;
            }
            searchAfter = hits.getLast().sort();
        }
    }

    /** The one place the tenant is added to a search of the audit trail. */
    private static Query scoped(String tenant, List<Query> criteria) {
        List<Query> all = new ArrayList<>(criteria);
        all.add(term(AuditDocument.TENANT, tenant));
        return Query.of(query -> query.bool(bool -> bool.filter(all)));
    }

    /** The stored tenant is checked again: it costs nothing and no hit of another tenant can ever get out. */
    private static List<AuditDocument> documents(List<Hit<AuditDocument>> hits, String tenant) {
        return hits.stream().map(Hit::source).filter(Objects::nonNull)
                .filter(document -> tenant.equals(document.tenant())).toList();
    }

    private String openPointInTime(String keepAlive) {
        return call(() -> {
            freshness.awaitSearchable(index.alias());
            return client.openPointInTime(open -> open.index(index.alias()).keepAlive(time -> time.time(keepAlive))).id();
        });
    }

    private void awaitSearchable() {
        call(() -> {
            freshness.awaitSearchable(index.alias());
            return null;
        });
    }

    private void closeQuietly(String pit) {
        try {
            client.closePointInTime(close -> close.id(pit));
        } catch (IOException | RuntimeException failure) {
            // It expires by itself within its keep-alive.
            log.debug("Closing point in time failed: {}", failure.toString());
        }
    }

    private static List<SortOptions> positionOrder(SortOrder order) {
        return List.of(sort(AuditDocument.TRANSACTION_ID, order), sort(AuditDocument.GLOBAL_INDEX, order));
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(sort -> sort.field(by -> by.field(field).order(order)));
    }

    private static Query term(String field, String value) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value))));
    }

    private static Query term(String field, long value) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value))));
    }

    private static Query greaterThan(String field, long value) {
        return Query.of(query -> query.range(range -> range.number(number -> number.field(field).gt((double) value))));
    }

    private static Query upTo(Instant instant) {
        return Query.of(query -> query.range(range -> range.date(date -> date.field(AuditDocument.TIMESTAMP)
                .lte(instant.toString()))));
    }

    private static <T> T call(ElasticsearchCall<T> call) {
        try {
            return call.execute();
        } catch (ScimException refused) {
            throw refused;
        } catch (IOException | RuntimeException failure) {
            log.warn("Elasticsearch read of the audit trail failed: {}", failure.toString());
            throw new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null, "The audit trail is unavailable; retry later.");
        }
    }

    @FunctionalInterface
    private interface ElasticsearchCall<T> {
        T execute() throws IOException;
    }
}
