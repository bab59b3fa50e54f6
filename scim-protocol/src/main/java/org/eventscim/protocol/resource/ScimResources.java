package org.eventscim.protocol.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eventscim.protocol.ScimSchemas;

/** Renders stored resources as SCIM JSON, the same way on the command and the query side. */
public final class ScimResources {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScimResources() {
    }

    /** The entity tag of a resource version: weak, since equal versions are semantically equal. */
    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** SCIM dateTime at millisecond precision, which every client and Elasticsearch's date type keep. */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static ObjectNode user(String id, ObjectNode attributes, Instant created, Instant lastModified,
                                  long version, String baseUrl) {
        ObjectNode resource = JSON.objectNode();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchemas.USER);
        if (attributes.has(ScimSchemas.ENTERPRISE_USER)) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        resource.put("id", id);
        resource.setAll(attributes);
        resource.set("meta", meta("User", id, created, lastModified, version, baseUrl));
        return resource;
    }

    /**
     * A group with its members, each {@code value}, {@code $ref}, {@code type} and perhaps {@code display};
     * no or an empty member list is left out, as RFC 7643 §2.5 treats an empty multi-valued attribute as
     * unassigned.
     */
    public static ObjectNode group(String id, ObjectNode attributes, ArrayNode members, Instant created,
                                   Instant lastModified, long version, String baseUrl) {
        ObjectNode resource = JSON.objectNode();
        resource.putArray("schemas").add(ScimSchemas.GROUP);
        resource.put("id", id);
        resource.setAll(attributes);
        if (members != null && !members.isEmpty()) {
            resource.set("members", members);
        }
        resource.set("meta", meta("Group", id, created, lastModified, version, baseUrl));
        return resource;
    }

    /** The URI of a resource: {@code <base>/Users/<id>} or {@code <base>/Groups/<id>}. */
    public static String location(String resourceType, String id, String baseUrl) {
        return baseUrl + "/" + resourceType + "s/" + id;
    }

    private static ObjectNode meta(String resourceType, String id, Instant created, Instant lastModified, long version,
                                   String baseUrl) {
        ObjectNode meta = JSON.objectNode();
        meta.put("resourceType", resourceType);
        meta.put("created", dateTime(created));
        meta.put("lastModified", dateTime(lastModified));
        meta.put("location", location(resourceType, id, baseUrl));
        meta.put("version", etag(version));
        return meta;
    }
}
