package org.eventscim.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.MembershipIndex;
import org.eventscim.query.index.MembershipWrite;
import org.eventscim.query.index.ReadModels;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.index.ResourceIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The only way to read the read models. Every read is confined to one tenant and skips tombstones here,
 * so no endpoint can forget either (DESIGN decision 9). Filters are translated here too, so that the
 * membership predicates in them are resolved within the same tenant.
 *
 * <p>Every read sees every applied write (DESIGN decision 8), though the projection does not refresh:
 * reads by id are real-time gets, and every search first waits until the writes to its index are
 * searchable ({@link IndexFreshness}).
 */
@Component
public class TenantScopedSearch {

    private static final Logger log = LoggerFactory.getLogger(TenantScopedSearch.class);
    /** Elasticsearch's default {@code index.max_terms_count}: the most ids one terms query may hold. */
    static final int MAX_RESOLVED_IDS = 65_536;
    private static final int FIRST_MEMBERSHIP_PAGE = 100;
    /** The most matches an {@link EqualityLookup} reads to answer without a refresh; with more it refreshes. */
    private static final int LOOKUP_MATCHES = 100;
    private static final List<String> DISPLAY_FIELDS = List.of(ResourceDocument.TENANT, ResourceDocument.RESOURCE_ID,
            ResourceDocument.DELETED, ResourceDocument.RESOURCE + ".displayName", ResourceDocument.RESOURCE + ".userName",
            ResourceDocument.UNINDEXED_RESOURCE + ".displayName", ResourceDocument.UNINDEXED_RESOURCE + ".userName");

    private final ElasticsearchClient client;
    private final IndexFreshness freshness;
    private final ResourceIndex users;
    private final ResourceIndex groups;
    private final MembershipIndex memberships;
    private final ScimFilterTranslator userFilters;
    private final ScimFilterTranslator groupFilters;
    private final SearchProperties limits;
    private final CursorCodec cursors;
    private final IndexPageContinuations continuations;
    private final FinishedWalks finishedWalks = new FinishedWalks();

    TenantScopedSearch(ElasticsearchClient client, ReadModels readModels, IndexFreshness freshness,
                       SearchProperties limits, CursorCodec cursors, MeterRegistry meters) {
        this.client = client;
        this.freshness = freshness;
        this.limits = limits;
        this.cursors = cursors;
        this.continuations = new IndexPageContinuations(meters);
        this.users = readModels.users();
        this.groups = readModels.groups();
        this.memberships = readModels.memberships();
        this.userFilters = new ScimFilterTranslator(users.schema());
        this.groupFilters = new ScimFilterTranslator(groups.schema());
    }

    /** The tenant's live user with this id; empty if unknown, deleted, or another tenant's. */
    public Optional<ResourceDocument> user(String tenant, String resourceId) {
        return stored(users, tenant, resourceId).filter(document -> !document.deleted());
    }

    /** The tenant's live group with this id; empty if unknown, deleted, or another tenant's. */
    public Optional<ResourceDocument> group(String tenant, String resourceId) {
        return stored(groups, tenant, resourceId).filter(document -> !document.deleted());
    }

    /**
     * The version of the tenant's user or group applied to its read model (a tombstone's too), 0 if none.
     * A group's memberships are applied before its document shows their version (the projection writes
     * them first), so this covers them too.
     *
     * <p>The caller may report the version applied before the projection has counted its write (the
     * document is readable as soon as Elasticsearch has it), so the write is counted here too: a search
     * after that report refreshes first.
     */
    public long appliedVersion(String resourceType, String tenant, String resourceId) {
        ResourceIndex index = resourceType.equals(groups.resourceType()) ? groups : users;
        Optional<ResourceDocument> stored = stored(index, tenant, resourceId);
        // Not held as written: the document read may already be older than what the projection holds.
        stored.ifPresent(document -> freshness.applied(index.alias()));
        return stored.map(ResourceDocument::version).orElse(0L);
    }

    /**
     * One page of the tenant's live users matching the request's filter (all of them without one), in its
     * order (creation order without {@code sortBy}).
     */
    public SearchResult users(String tenant, ListRequest request) {
        return list(users, userFilters, tenant, request,
                groupId -> resolve(tenant, MembershipDocument.GROUP_ID, groupId, MembershipDocument.MEMBER_ID, true));
    }

    /** One page of the tenant's live groups matching the request's filter, as {@link #users}. */
    public SearchResult groups(String tenant, ListRequest request) {
        return list(groups, groupFilters, tenant, request,
                memberId -> resolve(tenant, MembershipDocument.MEMBER_ID, memberId, MembershipDocument.GROUP_ID, false));
    }

    /** The direct members of the tenant's groups with these ids, by group id, then member id. */
    public List<MembershipDocument> membersOf(String tenant, Collection<String> groupIds) {
        Set<String> groups = Set.copyOf(groupIds);
        return memberships(tenant, terms(MembershipDocument.GROUP_ID, groupIds),
                List.of(MembershipDocument.GROUP_ID, MembershipDocument.MEMBER_ID), Integer.MAX_VALUE,
                membership -> groups.contains(membership.groupId()));
    }

    /** The direct group memberships of the tenant's users with these ids, by user id, then group id. */
    public List<MembershipDocument> groupsOf(String tenant, Collection<String> userIds) {
        Query usersOnly = Query.of(query -> query.bool(bool -> bool
                .filter(terms(MembershipDocument.MEMBER_ID, userIds))
                .filter(filter -> filter.term(term -> term.field(MembershipDocument.MEMBER_TYPE)
                        .value(FieldValue.of(GroupMember.USER))))));
        Set<String> users = Set.copyOf(userIds);
        return memberships(tenant, usersOnly, List.of(MembershipDocument.MEMBER_ID, MembershipDocument.GROUP_ID),
                Integer.MAX_VALUE, membership -> users.contains(membership.memberId())
                        && GroupMember.USER.equals(membership.memberType()));
    }

    /** The display names of the tenant's live users (displayName, else userName) with these ids, by id. */
    public Map<String, String> userDisplayNames(String tenant, Collection<String> userIds) {
        return displayNames(users, tenant, userIds);
    }

    /** The display names of the tenant's live groups with these ids, by id. */
    public Map<String, String> groupDisplayNames(String tenant, Collection<String> groupIds) {
        return displayNames(groups, tenant, groupIds);
    }

    private SearchResult list(ResourceIndex index, ScimFilterTranslator filters, String tenant, ListRequest request,
                              MembershipResolver memberships) {
        Sorting sorting = Sorting.of(index.schema(), request.sortBy(), request.sortOrder());
        if (request.usesCursor() && request.startIndex() != null) {
            throw ScimException.invalidValue("Give either cursor or startIndex, not both (RFC 9865).");
        }
        List<Query> criteria = new ArrayList<>(List.of(tenantIs(ResourceDocument.TENANT, tenant)));
        if (!blank(request.filter())) {
            criteria.add(filters.translate(request.filter(), memberships));
        }
        Query scoped = Query.of(query -> query.bool(bool -> bool
                .filter(criteria)
                .mustNot(not -> not.term(term -> term.field(ResourceDocument.DELETED).value(FieldValue.TRUE)))));
        if (request.usesCursor()) {
            return cursorPage(index, tenant, scoped, sorting, PageCursor.fingerprint(request.filter(), sorting),
                    request.cursor(), Page.count(request.count(), limits));
        }
        Page page = Page.of(request.startIndex(), request.count(), limits);
        Optional<SearchResult> lookedUp = page.from() == 0 && sorting.field().equals(ResourceDocument.CREATED)
                ? lookup(index, tenant, request.filter(), scoped, sorting, page) : Optional.empty();
        return lookedUp.orElseGet(() -> indexPage(index, tenant, scoped, sorting,
                PageCursor.fingerprint(request.filter(), sorting), page));
    }

    /**
     * The first page of an {@link EqualityLookup}, in creation order, without waiting for a refresh: the documents
     * written since their last refresh are matched here, and the index, searched as it is, gives the others.
     * Empty when that cannot answer exactly: which documents are unrefreshed is not known, or one page does not
     * hold every match (their order across pages would then be the index's alone).
     */
    private Optional<SearchResult> lookup(ResourceIndex index, String tenant, String filter, Query scoped,
                                          Sorting sorting, Page page) {
        Optional<EqualityLookup> lookup = EqualityLookup.of(index.schema(), filter);
        Optional<List<ResourceDocument>> unrefreshed = lookup.isEmpty() ? Optional.empty()
                : freshness.unrefreshed(index.alias(), tenant);
        if (unrefreshed.isEmpty()) {
            return Optional.empty();
        }
        // Every match the index has, so that those written since are told apart here (not in the query: excluding
        // a couple of thousand ids cost the search more than the refresh it spares).
        int size = Math.min(Math.max(page.count(), LOOKUP_MATCHES), index.maxResultWindow());
        SearchResponse<ResourceDocument> response = call(() -> client.search(search -> search
                .index(index.alias()).query(scoped).sort(sorting.options())
                .size(size)
                .trackTotalHits(total -> total.enabled(true)), ResourceDocument.class));
        if (total(response) > response.hits().hits().size()) {
            return Optional.empty();
        }
        Set<String> written = unrefreshed.get().stream().map(ResourceDocument::resourceId).collect(Collectors.toSet());
        List<ResourceDocument> documents = new ArrayList<>();
        documents(response, tenant).stream().filter(document -> !written.contains(document.resourceId()))
                .forEach(documents::add);
        unrefreshed.get().stream().filter(lookup.get()::matches).forEach(documents::add);
        if (documents.size() > page.count() && page.count() > 0) {
            return Optional.empty();
        }
        // The index's order: creation time (stored to the millisecond), then id.
        Comparator<ResourceDocument> creationOrder = Comparator
                .comparing((ResourceDocument document) -> document.created().toEpochMilli())
                .thenComparing(ResourceDocument::resourceId);
        documents.sort(sorting.descending() ? creationOrder.reversed() : creationOrder);
        return Optional.of(new SearchResult(documents.size(), page.count() == 0 ? List.of() : documents,
                page.startIndex(), null));
    }

    /**
     * A page by {@code startIndex}. Within the index's result window it is one search; deeper, the
     * results before it are walked with search_after, reading only their sort values, so any page of any
     * number of results is served. Each request reads the index as it is then (RFC 7644 §3.4.2.4 promises
     * no more across requests); cursors (RFC 9865) read one point in time. The page right after one served
     * before, with nothing written since, starts where that one ended ({@link IndexPageContinuations}).
     */
    private SearchResult indexPage(ResourceIndex index, String tenant, Query scoped, Sorting sorting, String query,
                                   Page page) {
        int window = index.maxResultWindow();
        // Read before searching: a write during the search makes the remembered end useless, never wrong.
        long writes = writes(index);
        Optional<IndexPageContinuations.Continuation> known = page.count() == 0 ? Optional.empty()
                : continuations.find(new IndexPageContinuations.Key(index.alias(), tenant, query, page.from()), writes);
        long total;
        List<FieldValue> after;
        Long resumeWindow = null;
        if (known.isPresent()) {
            total = known.get().total();
            after = known.get().after();
            resumeWindow = known.get().window();
        } else if (page.count() == 0 || page.from() + page.count() <= window) {
            SearchResponse<ResourceDocument> response = walk(index, scoped, sorting, List.of(), null,
                    page.count() == 0 ? 0 : page.from(), page.count(), true);
            List<Hit<ResourceDocument>> hits = response.hits().hits();
            if (page.count() > 0 && hits.size() == page.count()) {
                rememberEnd(index, tenant, query, page, hits.getLast().sort(), total(response), writes,
                        sorting.nextWindow(hits.getFirst().sort(), hits.getLast().sort()));
            }
            return new SearchResult(total(response), documents(response, tenant), page.startIndex(), null);
        } else {
            total = -1;
            after = List.of();
            // Before the page: only the sort values of the last result of each window, the first one's found with from.
            for (int skip = page.from(); skip > 0; ) {
                int step = Math.min(skip, window);
                boolean start = after.isEmpty();
                SearchResponse<ResourceDocument> response = start ? walk(index, scoped, sorting, after, null, step - 1, 1, false)
                        : walk(index, scoped, sorting, after, null, 0, step, false);
                if (start) {
                    total = total(response);
                }
                List<Hit<ResourceDocument>> hits = response.hits().hits();
                if (hits.size() < (start ? 1 : step)) {
                    return new SearchResult(total, List.of(), page.startIndex(), null);
                }
                after = hits.getLast().sort();
                skip -= step;
            }
        }
        List<ResourceDocument> documents = new ArrayList<>();
        List<FieldValue> first = List.of();
        int read = 0;
        while (read < page.count()) {
            int size = Math.min(page.count() - read, window);
            SearchResponse<ResourceDocument> response = walk(index, scoped, sorting, after, resumeWindow, 0, size, true);
            resumeWindow = null;
            if (after.isEmpty()) {
                total = total(response);
            }
            List<Hit<ResourceDocument>> hits = response.hits().hits();
            documents.addAll(documents(response, tenant));
            read += hits.size();
            if (first.isEmpty() && !hits.isEmpty()) {
                first = hits.getFirst().sort();
            }
            if (hits.size() < size) {
                break;
            }
            after = hits.getLast().sort();
        }
        if (read == page.count()) {
            rememberEnd(index, tenant, query, page, after, total, writes, sorting.nextWindow(first, after));
        }
        return new SearchResult(total, documents, page.startIndex(), null);
    }

    private void rememberEnd(ResourceIndex index, String tenant, String query, Page page, List<FieldValue> last,
                             long total, long writes, Long window) {
        continuations.remember(new IndexPageContinuations.Key(index.alias(), tenant, query, page.from() + page.count()),
                new IndexPageContinuations.Continuation(last, total, writes, window));
    }

    /** What a listing's results depend on: its read model, and the memberships its filter may resolve. */
    private long writes(ResourceIndex index) {
        return freshness.writes(index.alias()) + freshness.writes(memberships.alias());
    }

    /**
     * One search for an index page: the results after {@code after}, or from {@code from} at the start
     * (when {@code after} is empty), which alone counts the total.
     *
     * @param window  how far past {@code after} to look first ({@link Sorting#resumingAfter}), or null
     * @param sources whether the documents are wanted, or only their sort values
     */
    private SearchResponse<ResourceDocument> walk(ResourceIndex index, Query scoped, Sorting sorting, List<FieldValue> after,
                                                  Long window, int from, int size, boolean sources) {
        SearchResponse<ResourceDocument> response = walkOnce(index, resuming(scoped, sorting, after, window), sorting,
                after, from, size, sources);
        if (window != null && response.hits().hits().size() < size) {
            // Fewer than asked within the window: the rest may lie beyond it.
            return walkOnce(index, resuming(scoped, sorting, after, null), sorting, after, from, size, sources);
        }
        return response;
    }

    private SearchResponse<ResourceDocument> walkOnce(ResourceIndex index, Query query, Sorting sorting,
                                                      List<FieldValue> after, int from, int size, boolean sources) {
        boolean start = after.isEmpty();
        return fresh(index.alias(), () -> client.search(search -> {
            search.index(index.alias()).query(query).sort(sorting.options())
                    .size(size)
                    .source(source -> source.fetch(sources))
                    .trackTotalHits(total -> total.enabled(start));
            return start ? search.from(from) : search.searchAfter(after);
        }, ResourceDocument.class));
    }

    /**
     * A page by cursor (RFC 9865): the first opens a point in time, once the index's applied writes are
     * searchable, and every page reads it, so a walk neither repeats nor skips whatever changes meanwhile.
     * One result more than asked tells whether a next page exists; after the last page the point in time stays open
     * for a retry, among the most recent {@link FinishedWalks}.
     * Only the first page counts the matches (the cursor carries the count): counting visits every match,
     * while a search_after page without it stops after its results.
     */
    private SearchResult cursorPage(ResourceIndex index, String tenant, Query scoped, Sorting sorting, String query,
                                    String cursorValue, int count) {
        PageCursor cursor = cursorValue.isEmpty() ? null
                : cursors.decode(cursorValue, index.resourceType(), tenant, query);
        String keepAlive = limits.cursorTimeout().toSeconds() + "s";
        String pit = cursor != null ? cursor.pitId() : call(() -> {
            freshness.awaitSearchable(index.alias());
            return client.openPointInTime(open -> open.index(index.alias()).keepAlive(time -> time.time(keepAlive))).id();
        });
        List<FieldValue> after = cursor == null ? List.of() : cursor.searchAfter().stream().map(SearchAfterJson::fieldValue).toList();
        Long window = cursor == null ? null : cursor.window();
        SearchResponse<ResourceDocument> windowed = call(() -> PointInTimePage.search(client, pit, keepAlive,
                resuming(scoped, sorting, after, window), sorting.options(), after, count + 1, cursor == null,
                ResourceDocument.class));
        // Not a page and one more within the window: the rest may lie beyond it.
        SearchResponse<ResourceDocument> response = window == null || windowed.hits().hits().size() > count ? windowed
                : call(() -> PointInTimePage.search(client, PointInTimePage.next(windowed, pit), keepAlive,
                        resuming(scoped, sorting, after, null), sorting.options(), after, count + 1, false,
                        ResourceDocument.class));
        long total = cursor == null ? total(response) : cursor.totalResults();
        String nextPit = PointInTimePage.next(response, pit);
        List<Hit<ResourceDocument>> hits = response.hits().hits();
        List<Hit<ResourceDocument>> page = hits.subList(0, Math.min(count, hits.size()));
        List<ResourceDocument> documents = page.stream().map(Hit::source).filter(Objects::nonNull)
                .filter(document -> tenant.equals(document.tenant())).toList();
        if (hits.size() <= count) {
            String evicted = finishedWalks.finished(nextPit);
            if (evicted != null) {
                closeQuietly(evicted);
            }
            return new SearchResult(total, documents, null, null);
        }
        // An empty page (count=0) stays where it was.
        List<JsonNode> last = page.isEmpty() ? after.stream().map(SearchAfterJson::json).toList()
                : page.getLast().sort().stream().map(SearchAfterJson::json).toList();
        Long nextWindow = page.isEmpty() ? window : sorting.nextWindow(page.getFirst().sort(), page.getLast().sort());
        String next = cursors.encode(new PageCursor(index.resourceType(), tenant, query, nextPit, last, cursors.now(),
                total, nextWindow));
        return new SearchResult(total, documents, null, next);
    }

    /**
     * The query of a page that starts after {@code after}: where the sort allows it, narrowed to start there and,
     * given a {@code window}, to end that far on.
     */
    private static Query resuming(Query scoped, Sorting sorting, List<FieldValue> after, Long window) {
        return sorting.resumingAfter(after, window)
                .map(from -> Query.of(query -> query.bool(bool -> bool.filter(scoped, from))))
                .orElse(scoped);
    }

    private void closeQuietly(String pit) {
        try {
            client.closePointInTime(close -> close.id(pit));
        } catch (IOException | RuntimeException failure) {
            // It expires by itself after the cursor timeout; closing only frees it sooner.
            log.debug("Closing a point in time failed: {}", failure.toString());
        }
    }

    private static List<ResourceDocument> documents(SearchResponse<ResourceDocument> response, String tenant) {
        return response.hits().hits().stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .filter(document -> tenant.equals(document.tenant()))
                .toList();
    }

    private static long total(SearchResponse<ResourceDocument> response) {
        return response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
    }

    /**
     * The values of {@code resultField} of the tenant's memberships whose {@code field} is {@code value}:
     * the groups of a member, or the users of a group.
     */
    private List<String> resolve(String tenant, String field, String value, String resultField, boolean usersOnly) {
        List<Query> criteria = new ArrayList<>(List.of(terms(field, List.of(value))));
        if (usersOnly) {
            criteria.add(Query.of(query -> query.term(term -> term.field(MembershipDocument.MEMBER_TYPE)
                    .value(FieldValue.of(GroupMember.USER)))));
        }
        List<MembershipDocument> found = memberships(tenant, Query.of(query -> query.bool(bool -> bool.filter(criteria))),
                List.of(resultField), MAX_RESOLVED_IDS, null);
        if (found.size() > MAX_RESOLVED_IDS) {
            throw ScimException.invalidFilter("'" + value + "' has more than " + MAX_RESOLVED_IDS
                    + " memberships; narrow the filter.");
        }
        return found.stream()
                .map(membership -> resultField.equals(MembershipDocument.GROUP_ID) ? membership.groupId() : membership.memberId())
                .toList();
    }

    /**
     * The tenant's memberships matching {@code criteria}, in the order of {@code sortFields} (which must
     * identify a membership), read page by page with search_after so that no number of them reaches the
     * result window; at most {@code limit} + 1. No point in time is held: the sort keys are unique, so
     * pages neither repeat nor skip what did not change meanwhile.
     *
     * <p>The first page is small ({@value #FIRST_MEMBERSHIP_PAGE}): most resources have a few memberships, and
     * Elasticsearch allocates a sorted search's queue for the whole page up front: with 20,000 memberships
     * stored, a page of 10,000 made 660 KB of garbage per read by id, a page of 100 300 KB.
     *
     * <p>Given {@code matching}, the criteria as a predicate, it reads the index as it is and corrects it with the
     * memberships added and removed since their last refresh; otherwise, or when those are not known, it waits
     * for the refresh.
     */
    private List<MembershipDocument> memberships(String tenant, Query criteria, List<String> sortFields, int limit,
                                                 Predicate<MembershipDocument> matching) {
        Optional<List<MembershipWrite>> unrefreshed = matching == null ? Optional.empty()
                : freshness.unrefreshedMemberships(tenant);
        Query scoped = Query.of(query -> query.bool(bool -> bool
                .filter(tenantIs(MembershipDocument.TENANT, tenant))
                .filter(criteria)));
        List<MembershipDocument> found = new ArrayList<>();
        List<FieldValue> after = List.of();
        int pageSize = Math.min(FIRST_MEMBERSHIP_PAGE, memberships.pageSize());
        while (found.size() <= limit) {
            List<FieldValue> cursor = after;
            int size = pageSize;
            ElasticsearchCall<SearchResponse<MembershipDocument>> page = () -> client.search(search -> {
                search.index(memberships.alias())
                        .query(scoped)
                        .size(size)
                        .trackTotalHits(total -> total.enabled(false));
                sortFields.forEach(field -> search.sort(sort -> sort.field(order -> order.field(field).order(SortOrder.Asc))));
                return cursor.isEmpty() ? search : search.searchAfter(cursor);
            }, MembershipDocument.class);
            SearchResponse<MembershipDocument> response = unrefreshed.isPresent() ? call(page)
                    : fresh(memberships.alias(), page);
            List<Hit<MembershipDocument>> hits = response.hits().hits();
            hits.stream()
                    .map(Hit::source)
                    .filter(Objects::nonNull)
                    .filter(membership -> tenant.equals(membership.tenant()))
                    .forEach(found::add);
            if (hits.size() < size) {
                break;
            }
            after = hits.getLast().sort();
            pageSize = memberships.pageSize();
        }
        unrefreshed.ifPresent(written -> {
            Set<String> changed = written.stream().map(write -> write.membership().id()).collect(Collectors.toSet());
            found.removeIf(membership -> changed.contains(membership.id()));
            written.stream().filter(MembershipWrite::member).map(MembershipWrite::membership).filter(matching)
                    .forEach(found::add);
            found.sort(membershipOrder(sortFields));
        });
        return found;
    }

    /** The index's order of memberships by these keyword fields (ids, which are ASCII). */
    private static Comparator<MembershipDocument> membershipOrder(List<String> sortFields) {
        Comparator<MembershipDocument> order = (a, b) -> 0;
        for (String field : sortFields) {
            order = order.thenComparing(switch (field) {
                case MembershipDocument.GROUP_ID -> MembershipDocument::groupId;
                case MembershipDocument.MEMBER_ID -> MembershipDocument::memberId;
                default -> throw new IllegalArgumentException("Memberships are not sorted by " + field);
            });
        }
        return order;
    }

    /** A real-time multi-get, like every read by id: applied writes count before any refresh. */
    private Map<String, String> displayNames(ResourceIndex index, String tenant, Collection<String> resourceIds) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = resourceIds.stream().distinct().map(id -> ResourceDocument.id(tenant, id)).toList();
        for (int from = 0; from < ids.size(); from += memberships.pageSize()) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + memberships.pageSize()));
            MgetResponse<ResourceDocument> response = call(() -> client.mget(mget -> mget
                    .index(index.alias())
                    .ids(chunk)
                    .sourceIncludes(DISPLAY_FIELDS), ResourceDocument.class));
            for (MultiGetResponseItem<ResourceDocument> item : response.docs()) {
                ResourceDocument document = item.isResult() && item.result().found() ? item.result().source() : null;
                if (document != null && tenant.equals(document.tenant()) && !document.deleted()
                        && document.attributes() != null) {
                    displayName(document.attributes()).ifPresent(name -> names.put(document.resourceId(), name));
                }
            }
        }
        return names;
    }

    private static Optional<String> displayName(ObjectNode attributes) {
        return Optional.ofNullable(attributes.get("displayName")).or(() -> Optional.ofNullable(attributes.get("userName")))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    /** A real-time get: the latest applied write counts before any refresh. */
    private Optional<ResourceDocument> stored(ResourceIndex index, String tenant, String resourceId) {
        GetResponse<ResourceDocument> response = call(() -> client.get(get -> get
                .index(index.alias())
                .id(ResourceDocument.id(tenant, resourceId))
                .realtime(true), ResourceDocument.class));
        // The id already holds the tenant; checking the stored fields too costs nothing.
        return Optional.ofNullable(response.found() ? response.source() : null)
                .filter(document -> tenant.equals(document.tenant()) && resourceId.equals(document.resourceId()));
    }

    private static Query tenantIs(String field, String tenant) {
        return Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(tenant))));
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> terms = values.stream().distinct().map(FieldValue::of).toList();
        return Query.of(query -> query.terms(filter -> filter.field(field).terms(list -> list.value(terms))));
    }

    private static boolean blank(String filter) {
        return filter == null || filter.isBlank();
    }

    /** Every search runs here, once the writes counted so far to the index behind {@code alias} are searchable. */
    private <T> SearchResponse<T> fresh(String alias, ElasticsearchCall<SearchResponse<T>> search) {
        return call(() -> {
            freshness.awaitSearchable(alias);
            return search.execute();
        });
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
        } catch (ScimException refused) {
            throw refused;
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
