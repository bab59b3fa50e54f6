package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The concrete indexes behind the users, groups and memberships aliases. A rebuild creates a new generation
 * beside the current one (same settings and mappings, no alias), fills it, then moves all three aliases to it in
 * one {@code _aliases} request, which Elasticsearch applies atomically: a read sees the old indexes or the new
 * ones, never a mix and never none.
 */
@Component
public class IndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(IndexGenerations.class);

    private final ElasticsearchClient client;
    private final ReadModels readModels;

    IndexGenerations(ElasticsearchClient client, ReadModels readModels) {
        this.client = client;
        this.readModels = readModels;
    }

    /** New empty indexes named after the configured ones plus {@code suffix}, with today's mappings. */
    public ReadModelIndexes create(String suffix) throws IOException {
        ReadModelIndexes created = new ReadModelIndexes(readModels.users().settings().index() + suffix,
                readModels.groups().settings().index() + suffix, readModels.memberships().settings().index() + suffix);
        create(created.users(), readModels.users().definition());
        create(created.groups(), readModels.groups().definition());
        create(created.memberships(), readModels.memberships().definition());
        return created;
    }

    /** The index each alias points to now. */
    public ReadModelIndexes current() throws IOException {
        ReadModelIndexes aliases = ReadModelIndexes.aliasesOf(readModels);
        return new ReadModelIndexes(behind(aliases.users()), behind(aliases.groups()), behind(aliases.memberships()));
    }

    /** Makes everything written to {@code indexes} searchable. */
    public void refresh(ReadModelIndexes indexes) throws IOException {
        ShardStatistics shards = client.indices().refresh(refresh -> refresh.index(indexes.all())).shards();
        if (shards != null && shards.failed().intValue() > 0) {
            throw new IOException("Refreshing " + indexes.all() + " failed on " + shards.failed() + " shards");
        }
    }

    /**
     * Moves each alias from its index in {@code from} to the one in {@code to}, all in one request. The removals
     * must find the alias where {@code from} says it is, so a concurrent move fails this one instead of leaving
     * an alias on two indexes.
     */
    public void swap(ReadModelIndexes from, ReadModelIndexes to) throws IOException {
        ReadModelIndexes aliases = ReadModelIndexes.aliasesOf(readModels);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < aliases.all().size(); i++) {
            String alias = aliases.all().get(i);
            String old = from.all().get(i);
            String replacement = to.all().get(i);
            actions.add(Action.of(action -> action.remove(remove -> remove.index(old).alias(alias).mustExist(true))));
            // The write index, as ReadModels creates it, so writes through the alias keep working.
            actions.add(Action.of(action -> action.add(add -> add.index(replacement).alias(alias).isWriteIndex(true))));
        }
        client.indices().updateAliases(update -> update.actions(actions));
        log.info("Aliases {} moved from {} to {}", aliases.all(), from.all(), to.all());
    }

    /** Deletes the indexes; one already gone is no error. */
    public void delete(ReadModelIndexes indexes) throws IOException {
        client.indices().delete(delete -> delete.index(indexes.all()).ignoreUnavailable(true));
        log.info("Deleted indexes {}", indexes.all());
    }

    private void create(String index, ObjectNode definition) throws IOException {
        // The alias is moved to the index once it is complete, never given to it at creation.
        definition.remove("aliases");
        client.indices().create(CreateIndexRequest.of(request -> request
                .index(index)
                .withJson(new StringReader(definition.toString()))));
        log.info("Created index {}", index);
    }

    private String behind(String alias) throws IOException {
        Set<String> indexes = client.indices().getAlias(request -> request.name(alias)).aliases().keySet();
        if (indexes.size() != 1) {
            throw new IOException("Alias " + alias + " points to " + indexes + ", not to one index");
        }
        return indexes.iterator().next();
    }
}
