package org.eventscim.query.index;

import java.util.List;
import java.util.Map;
import org.eventscim.protocol.ScimSchemas;

/**
 * The Group attributes of RFC 7643 §4.2 as the groups read model indexes them. {@code displayName} is
 * not {@code caseExact}, {@code externalId} is. {@code members} is not stored with the group: it comes
 * from the memberships read model, and {@code members eq <id>} is resolved there.
 */
public final class GroupSchema {

    public static final ResourceSchema SCHEMA = new ResourceSchema(
            "Group",
            ScimSchemas.GROUP,
            ResourceSchema.ID_AND_META,
            List.of(
                    new Attribute("displayName", AttributeType.STRING, false,
                            ResourceDocument.RESOURCE + ".displayName", List.of()),
                    new Attribute("externalId", AttributeType.CASE_EXACT_STRING, false,
                            ResourceDocument.RESOURCE + ".externalId", List.of()),
                    Attribute.membership("members")),
            Map.of());

    private GroupSchema() {
    }
}
