package org.eventscim.query.index;

import static org.eventscim.query.index.IndexDefinition.type;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The memberships read model: {@link MembershipDocument}s behind an alias. Every field is an exact
 * keyword: ids and the member type are compared as they are.
 *
 * @param settings index, alias and their settings
 */
public record MembershipIndex(ReadModelProperties.Index settings) {

    public String alias() {
        return settings.alias();
    }

    /** How many memberships one search reads; a larger group is read in several pages. */
    public int pageSize() {
        return settings.maxResultWindow();
    }

    /** Settings, mapping and alias of a new index. */
    ObjectNode definition() {
        ObjectNode definition = IndexDefinition.of(settings);
        ObjectNode properties = IndexDefinition.properties(definition);
        properties.set(MembershipDocument.TENANT, type("keyword"));
        properties.set(MembershipDocument.GROUP_ID, type("keyword"));
        properties.set(MembershipDocument.MEMBER_ID, type("keyword"));
        properties.set(MembershipDocument.MEMBER_TYPE, type("keyword"));
        return definition;
    }
}
