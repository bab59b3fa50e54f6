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
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", dateTime(created));
        meta.put("lastModified", dateTime(lastModified));
        meta.put("location", baseUrl + "/Users/" + id);
        meta.put("version", etag(version));
        return resource;
    }
}
