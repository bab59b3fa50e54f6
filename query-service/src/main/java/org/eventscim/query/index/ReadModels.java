package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The read models of the service: users, groups, memberships, the audit trail and the projection's dead
 * letters, each an index behind an alias.
 */
@Component
public class ReadModels {

    private static final Logger log = LoggerFactory.getLogger(ReadModels.class);

    private final ElasticsearchClient client;
    private final ResourceIndex users;
    private final ResourceIndex groups;
    private final MembershipIndex memberships;
    private final AuditIndex audit;
    private final DeadLetterIndex deadLetters;

    ReadModels(ElasticsearchClient client, ReadModelProperties properties) {
        this.client = client;
        this.users = new ResourceIndex("User", UserSchema.SCHEMA, properties.users());
        this.groups = new ResourceIndex("Group", GroupSchema.SCHEMA, properties.groups());
        this.memberships = new MembershipIndex(properties.memberships());
        this.audit = new AuditIndex(properties.audit());
        this.deadLetters = new DeadLetterIndex(properties.deadLetters());
    }

    public ResourceIndex users() {
        return users;
    }

    public ResourceIndex groups() {
        return groups;
    }

    public MembershipIndex memberships() {
        return memberships;
    }

    public AuditIndex audit() {
        return audit;
    }

    public DeadLetterIndex deadLetters() {
        return deadLetters;
    }

    /** Creates each index and its alias unless the alias exists; safe to race with another instance. */
    public void ensureExist() throws IOException {
        ensureExists(users.settings(), users.definition());
        ensureExists(groups.settings(), groups.definition());
        ensureExists(memberships.settings(), memberships.definition());
        ensureExists(audit.settings(), audit.definition());
        ensureExists(deadLetters.settings(), deadLetters.definition());
    }

    private void ensureExists(ReadModelProperties.Index settings, ObjectNode definition) throws IOException {
        if (client.indices().existsAlias(request -> request.name(settings.alias())).value()) {
            return;
        }
        try {
            client.indices().create(CreateIndexRequest.of(request -> request
                    .index(settings.index())
                    .withJson(new StringReader(definition.toString()))));
            log.info("Created index {} behind alias {}", settings.index(), settings.alias());
        } catch (ElasticsearchException failure) {
            if (!"resource_already_exists_exception".equals(failure.error().type())) {
                throw failure;
            }
        }
    }
}
