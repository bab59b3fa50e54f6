package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The users read model: an index with an explicit mapping behind an alias. The mapping comes from
 * {@link UserSchema}, the same definition the filter translator reads.
 */
@Component
public class UserIndex {

    private static final Logger log = LoggerFactory.getLogger(UserIndex.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NORMALIZER = "scim_case_insensitive";
    /** Lucene refuses terms over 32766 bytes; 8191 characters stay below that in any UTF-8. */
    private static final int IGNORE_ABOVE = 8191;

    private final ElasticsearchClient client;
    private final ReadModelProperties.Users settings;

    UserIndex(ElasticsearchClient client, ReadModelProperties properties) {
        this.client = client;
        this.settings = properties.users();
    }

    /** The name every read and write uses. */
    public String alias() {
        return settings.alias();
    }

    public int maxResultWindow() {
        return settings.maxResultWindow();
    }

    /** Creates the index and its alias unless the alias exists; safe to race with another instance. */
    public void ensureExists() throws IOException {
        if (client.indices().existsAlias(request -> request.name(settings.alias())).value()) {
            return;
        }
        String definition = definition(UserSchema.SCHEMA, settings).toString();
        try {
            client.indices().create(CreateIndexRequest.of(request -> request
                    .index(settings.index())
                    .withJson(new StringReader(definition))));
            log.info("Created index {} behind alias {}", settings.index(), settings.alias());
        } catch (ElasticsearchException failure) {
            if (!"resource_already_exists_exception".equals(failure.error().type())) {
                throw failure;
            }
        }
    }

    /** Settings, mapping and alias of a new users index. */
    static ObjectNode definition(ResourceSchema schema, ReadModelProperties.Users settings) {
        ObjectNode definition = JSON.objectNode();
        ObjectNode index = definition.putObject("settings").putObject("index");
        index.put("number_of_shards", settings.shards());
        // One replica where there is a second node to hold it; a single development node stays green.
        index.put("auto_expand_replicas", "0-1");
        index.put("refresh_interval", settings.refreshInterval());
        index.put("max_result_window", settings.maxResultWindow());
        index.putObject("analysis").putObject("normalizer").putObject(NORMALIZER)
                .put("type", "custom").putArray("filter").add("lowercase");

        ObjectNode mappings = definition.putObject("mappings");
        // Fields nobody declared are kept in _source but never indexed, so they cannot clash or bloat the mapping.
        mappings.put("dynamic", "false");
        ObjectNode properties = mappings.putObject("properties");
        properties.set(UserDocument.TENANT, type("keyword"));
        properties.set(UserDocument.RESOURCE_ID, type("keyword"));
        properties.set(UserDocument.VERSION, type("long"));
        properties.set(UserDocument.DELETED, type("boolean"));
        properties.set(UserDocument.CREATED, type("date"));
        properties.set(UserDocument.LAST_MODIFIED, type("date"));
        properties.set(UserDocument.UNINDEXED_RESOURCE, type("object").put("enabled", false));

        ObjectNode resource = properties.putObject(UserDocument.RESOURCE);
        resource.put("type", "object").put("dynamic", "false");
        ObjectNode resourceProperties = properties(schema.coreAttributes());
        for (Map.Entry<String, List<Attribute>> extension : schema.extensions().entrySet()) {
            ObjectNode extensionObject = type("object");
            extensionObject.set("properties", properties(extension.getValue()));
            resourceProperties.set(extension.getKey(), extensionObject);
        }
        resource.set("properties", resourceProperties);

        definition.putObject("aliases").putObject(settings.alias()).put("is_write_index", true);
        return definition;
    }

    private static ObjectNode properties(List<Attribute> attributes) {
        ObjectNode properties = JSON.objectNode();
        for (Attribute attribute : attributes) {
            properties.set(attribute.name(), field(attribute));
        }
        return properties;
    }

    private static ObjectNode field(Attribute attribute) {
        return switch (attribute.type()) {
            case STRING -> type("keyword").put("normalizer", NORMALIZER).put("ignore_above", IGNORE_ABOVE);
            case CASE_EXACT_STRING -> type("keyword").put("ignore_above", IGNORE_ABOVE);
            case BOOLEAN -> type("boolean");
            case DATE_TIME -> type("date");
            case COMPLEX -> {
                ObjectNode complex = type(attribute.multiValued() ? "nested" : "object");
                complex.set("properties", properties(attribute.subAttributes()));
                yield complex;
            }
        };
    }

    private static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }
}
