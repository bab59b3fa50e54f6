package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for searches without a refresh per write: the projection writes without refreshing
 * and counts its writes here, and every search of a read model first makes the writes counted so far
 * visible ({@link FreshnessGuard}, one per index). Reads by id need none of this: real-time gets see a
 * written document at once.
 *
 * <p>Only writes this instance counted are refreshed for, so it holds while the instance that projects
 * is the one that answers searches (one query-service).
 */
@Component
public class IndexFreshness {

    private final ElasticsearchClient client;
    private final Map<String, FreshnessGuard> guards = new ConcurrentHashMap<>();
    /** The users' and groups' documents written and maybe not searchable yet, by alias. */
    private final Map<String, Unrefreshed<ResourceDocument>> unrefreshedDocuments;
    private final String membershipsAlias;
    /** The memberships added and removed and maybe not searchable yet. */
    private final Unrefreshed<MembershipWrite> unrefreshedMemberships = Unrefreshed.memberships();

    IndexFreshness(ElasticsearchClient client, ReadModels readModels, MeterRegistry meters) {
        this.client = client;
        this.unrefreshedDocuments = Map.of(readModels.users().alias(), Unrefreshed.documents(),
                readModels.groups().alias(), Unrefreshed.documents());
        this.membershipsAlias = readModels.memberships().alias();
        for (String alias : List.of(readModels.users().alias(), readModels.groups().alias(),
                readModels.memberships().alias(), readModels.audit().alias())) {
            Unrefreshed<?> held = held(alias);
            FreshnessGuard guard = held == null ? guardOf(client, alias) : guardOf(client, alias, held::refreshed);
            guards.put(alias, guard);
            FunctionCounter.builder("scim.search.refreshes", guard, FreshnessGuard::refreshes)
                    .description("Refreshes a search waited for, because writes to its index were not searchable yet")
                    .tag("index", alias)
                    .register(meters);
        }
    }

    /** Counts writes to a concrete index written apart from the aliases (a rebuild's) until {@link #forget}. */
    public void track(String index) {
        guards.putIfAbsent(index, guardOf(client, index));
    }

    /**
     * A new guard counts one write already: one made before this instance started (or by a rebuild's bulk load)
     * may not be refreshed yet, and with a long background refresh interval it could stay invisible for long.
     */
    private static FreshnessGuard guardOf(ElasticsearchClient client, String index) {
        return guardOf(client, index, covers -> { });
    }

    private static FreshnessGuard guardOf(ElasticsearchClient client, String index, LongConsumer onRefreshed) {
        FreshnessGuard guard = new FreshnessGuard(() -> refresh(client, index), onRefreshed);
        guard.applied();
        return guard;
    }

    public void forget(String index) {
        guards.remove(index);
    }

    /**
     * Counts a completed write to the read model behind {@code alias}: the next search of it refreshes first.
     * {@link #written} and {@link #membershipsWritten} count a write with what it wrote, which spares searches a
     * refresh.
     */
    public void applied(String alias) {
        Unrefreshed<?> held = held(alias);
        if (held == null) {
            guard(alias).applied();
        } else {
            held.writtenUnknown(guard(alias));
        }
    }

    /**
     * Counts a completed write of these user or group documents to the read model behind {@code alias}, as
     * {@link #applied}, holding them until a refresh makes them searchable ({@link #unrefreshed}). With too many
     * held, it refreshes first. Writes to other indexes (a rebuild's) are only counted.
     */
    public void written(String alias, Collection<ResourceDocument> documents) throws IOException {
        hold(alias, unrefreshedDocuments.get(alias), documents);
    }

    /** As {@link #written}, for memberships added and removed. */
    public void membershipsWritten(String alias, Collection<MembershipWrite> memberships) throws IOException {
        hold(alias, alias.equals(membershipsAlias) ? unrefreshedMemberships : null, memberships);
    }

    private <T> void hold(String alias, Unrefreshed<T> held, Collection<T> written) throws IOException {
        if (held == null) {
            guard(alias).applied();
        } else if (held.written(written, guard(alias))) {
            awaitSearchable(alias);
        }
    }

    /**
     * The tenant's users or groups (behind {@code alias}) that a search of it may not see yet, as last written,
     * tombstones included; every other document is searchable as last written. Empty when that is not known:
     * a search must then {@link #awaitSearchable} first.
     */
    public Optional<List<ResourceDocument>> unrefreshed(String alias, String tenant) {
        Unrefreshed<ResourceDocument> held = unrefreshedDocuments.get(alias);
        return held == null ? Optional.empty() : held.of(tenant);
    }

    /** As {@link #unrefreshed}, for the tenant's memberships added and removed. */
    public Optional<List<MembershipWrite>> unrefreshedMemberships(String tenant) {
        return unrefreshedMemberships.of(tenant);
    }

    private Unrefreshed<?> held(String alias) {
        return alias.equals(membershipsAlias) ? unrefreshedMemberships : unrefreshedDocuments.get(alias);
    }

    /** Returns once every write counted so far to the read model behind {@code alias} is searchable. */
    public void awaitSearchable(String alias) throws IOException {
        guard(alias).awaitSearchable();
    }

    /**
     * How many writes to the read model behind {@code alias} were counted so far; while it stays the same, a search
     * finds what it found before (this instance is the one that writes).
     */
    public long writes(String alias) {
        return guard(alias).writes();
    }

    /** How many refreshes searches of the read model behind {@code alias} have caused. */
    public long refreshes(String alias) {
        return guard(alias).refreshes();
    }

    private static void refresh(ElasticsearchClient client, String alias) throws IOException {
        ShardStatistics shards = client.indices().refresh(refresh -> refresh.index(alias)).shards();
        // Answered 200 even when a shard did not refresh: its writes may still be invisible.
        if (shards != null && shards.failed().intValue() > 0) {
            throw new IOException("Refreshing " + alias + " failed on " + shards.failed() + " of " + shards.total()
                    + " shards");
        }
    }

    private FreshnessGuard guard(String alias) {
        FreshnessGuard guard = guards.get(alias);
        if (guard == null) {
            throw new IllegalArgumentException("No read model behind " + alias);
        }
        return guard;
    }
}
