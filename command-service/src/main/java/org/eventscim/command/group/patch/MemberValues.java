package org.eventscim.command.group.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eventscim.command.resource.ResourceIds;
import org.eventscim.protocol.error.ScimException;

/**
 * The member ids of a {@code members} value as clients send it: an array of {@code {"value": id, ...}}
 * objects, one such object, or bare id strings. {@code display}, {@code $ref} and {@code type} are not
 * trusted: the type of a member is what the id names in this tenant.
 */
public final class MemberValues {

    private MemberValues() {
    }

    public static Set<String> ids(JsonNode members, String where) {
        Set<String> ids = new LinkedHashSet<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        if (members.isArray()) {
            members.forEach(member -> ids.add(id(member, where)));
        } else {
            ids.add(id(members, where));
        }
        return ids;
    }

    private static String id(JsonNode member, String where) {
        JsonNode value = member;
        if (member.isObject()) {
            value = null;
            for (Map.Entry<String, JsonNode> field : member.properties()) {
                if (field.getKey().equalsIgnoreCase("value")) {
                    value = field.getValue();
                }
            }
        }
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ScimException.invalidValue(where + ": each member needs a \"value\" with the member's id, not " + member + ".");
        }
        if (!ResourceIds.possible(value.asText())) {
            throw ScimException.invalidValue(where + ": " + member + " is not the id of a user or group of this tenant.");
        }
        return value.asText();
    }
}
