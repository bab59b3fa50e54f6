package org.eventscim.query.index;

import static org.eventscim.query.index.IndexDefinition.type;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events the projection could not apply ({@link DeadLetter}s) behind an alias. What identifies an event
 * and its resource is searchable; the envelope and the raw record are kept in {@code _source} only, to be
 * applied again by a replay.
 *
 * @param settings index, alias and their settings
 */
public record DeadLetterIndex(ReadModelProperties.Index settings) {

    public String alias() {
        return settings.alias();
    }

    /** How many dead letters one search reads. */
    public int pageSize() {
        return settings.maxResultWindow();
    }

    ObjectNode definition() {
        ObjectNode definition = IndexDefinition.of(settings);
        ObjectNode properties = IndexDefinition.properties(definition);
        for (String keyword : new String[] {DeadLetter.ID, DeadLetter.TENANT, DeadLetter.RESOURCE_TYPE,
                DeadLetter.RESOURCE_ID, DeadLetter.EVENT_TYPE, DeadLetter.REASON, DeadLetter.BLOCKED_BY,
                DeadLetter.KAFKA_RECORD}) {
            properties.set(keyword, type("keyword"));
        }
        properties.set(DeadLetter.ERROR, type("keyword").put("ignore_above", 4096));
        properties.set(DeadLetter.VERSION, type("long"));
        properties.set(DeadLetter.GLOBAL_INDEX, type("long"));
        properties.set(DeadLetter.FAILED_AT, type("date"));
        properties.set(DeadLetter.ENVELOPE, type("object").put("enabled", false));
        properties.set(DeadLetter.RAW_RECORD, type("keyword").put("index", false).put("doc_values", false));
        return definition;
    }
}
