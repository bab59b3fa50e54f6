package org.eventscim.query.index;

import static org.eventscim.query.index.IndexDefinition.type;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit read model: {@link AuditDocument}s behind an alias. Ids, names and types are exact keywords;
 * the before / after values and the payload are kept in {@code _source} only (the mapping does not take
 * undeclared fields), since they are read back, never searched.
 *
 * @param settings index, alias and their settings
 */
public record AuditIndex(ReadModelProperties.Index settings) {

    public String alias() {
        return settings.alias();
    }

    /** How many events one search reads; longer histories and exports are read in several. */
    public int pageSize() {
        return settings.maxResultWindow();
    }

    /** Settings, mapping and alias of a new index. */
    ObjectNode definition() {
        ObjectNode definition = IndexDefinition.of(settings);
        ObjectNode properties = IndexDefinition.properties(definition);
        for (String keyword : new String[] {AuditDocument.EVENT_ID, AuditDocument.TENANT, AuditDocument.RESOURCE_TYPE,
                AuditDocument.RESOURCE_ID, AuditDocument.EVENT_TYPE, AuditDocument.ACTOR_ID, AuditDocument.ACTOR_NAME,
                AuditDocument.SOURCE_IP, AuditDocument.REQUEST_ID}) {
            properties.set(keyword, type("keyword"));
        }
        properties.set(AuditDocument.USER_AGENT, type("keyword").put("ignore_above", 1024));
        properties.set(AuditDocument.VERSION, type("long"));
        properties.set(AuditDocument.TRANSACTION_ID, type("long"));
        properties.set(AuditDocument.GLOBAL_INDEX, type("long"));
        properties.set(AuditDocument.BULK_OPERATION, type("integer"));
        properties.set(AuditDocument.TIMESTAMP, type("date"));
        properties.putObject(AuditDocument.CHANGES).put("type", "object").putObject("properties")
                .set("attribute", type("keyword"));
        // Member ids are searchable: a user's groups at an instant are found by them.
        properties.set(AuditDocument.MEMBERS_ADDED, members());
        properties.set(AuditDocument.MEMBERS_REMOVED, members());
        properties.set(AuditDocument.PAYLOAD, type("object").put("enabled", false));
        return definition;
    }

    private static ObjectNode members() {
        ObjectNode members = type("object");
        ObjectNode properties = members.putObject("properties");
        properties.set("value", type("keyword"));
        properties.set("type", type("keyword"));
        return members;
    }
}
