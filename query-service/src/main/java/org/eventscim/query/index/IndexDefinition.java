package org.eventscim.query.index;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The parts every read model index definition shares: its settings, a closed mapping, its alias. */
final class IndexDefinition {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IndexDefinition() {
    }

    /** Settings and alias of a new index, with an empty mapping that takes no undeclared fields. */
    static ObjectNode of(ReadModelProperties.Index settings) {
        ObjectNode definition = JSON.objectNode();
        ObjectNode index = definition.putObject("settings").putObject("index");
        index.put("number_of_shards", settings.shards());
        // One replica where there is a second node to hold it; a single development node stays green.
        index.put("auto_expand_replicas", "0-1");
        index.put("refresh_interval", settings.refreshInterval());
        index.put("max_result_window", settings.maxResultWindow());
        // Fields nobody declared are kept in _source but never indexed, so they cannot clash or bloat the mapping.
        definition.putObject("mappings").put("dynamic", "false").putObject("properties");
        definition.putObject("aliases").putObject(settings.alias()).put("is_write_index", true);
        return definition;
    }

    static ObjectNode properties(ObjectNode definition) {
        return (ObjectNode) definition.path("mappings").path("properties");
    }

    static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }
}
