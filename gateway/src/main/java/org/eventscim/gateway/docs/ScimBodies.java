package org.eventscim.gateway.docs;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.Map;

/**
 * The shapes of SCIM bodies, only as deep as a client needs to find its way: attributes of Users and
 * Groups are described by the service itself at {@code /Schemas}, so a resource is an open object here.
 */
final class ScimBodies {

    static final String ERROR = "ScimError";

    private ScimBodies() {
    }

    static Map<String, Schema<?>> all() {
        return Map.ofEntries(
                schema(ERROR, object("An error (RFC 7644 §3.12); scimType names the kind of a 400 or 409.")
                        .addProperty("schemas", strings())
                        .addProperty("status", new StringSchema().description("The HTTP status, as a string"))
                        .addProperty("scimType", new StringSchema().example("invalidFilter"))
                        .addProperty("detail", new StringSchema())),
                schema("ScimResource", object("A User, Group, schema or resource type; /Schemas lists every attribute.")
                        .addProperty("schemas", strings())
                        .addProperty("id", new StringSchema())
                        .addProperty("externalId", new StringSchema())
                        .addProperty("meta", new ObjectSchema())
                        .additionalProperties(true)),
                schema("ListResponse", object("A page of resources (RFC 7644 §3.4.2); nextCursor for cursor paging (RFC 9865).")
                        .addProperty("schemas", strings())
                        .addProperty("totalResults", new IntegerSchema())
                        .addProperty("startIndex", new IntegerSchema())
                        .addProperty("itemsPerPage", new IntegerSchema())
                        .addProperty("nextCursor", new StringSchema())
                        .addProperty("Resources", new ArraySchema().items(new Schema<>().$ref("ScimResource")))),
                schema("SearchRequest", object("A query in the body (RFC 7644 §3.4.3), the same as the list parameters.")
                        .addProperty("schemas", strings())
                        .addProperty("filter", new StringSchema())
                        .addProperty("startIndex", new IntegerSchema())
                        .addProperty("count", new IntegerSchema())
                        .addProperty("cursor", new StringSchema())
                        .addProperty("sortBy", new StringSchema())
                        .addProperty("sortOrder", new StringSchema()._enum(List.of("ascending", "descending")))
                        .addProperty("attributes", strings())
                        .addProperty("excludedAttributes", strings())),
                schema("PatchOp", object("Changes to a resource (RFC 7644 §3.5.2); Entra ID's and Okta's dialects are accepted too.")
                        .addProperty("schemas", strings())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("op", new StringSchema()._enum(List.of("add", "remove", "replace")))
                                .addProperty("path", new StringSchema())
                                .addProperty("value", new Schema<>())))),
                schema("BulkRequest", object("Many writes in one request (RFC 7644 §3.7); data may refer to resources created by "
                        + "other operations as \"bulkId:<bulkId>\". At most 1000 operations and 1 MiB.")
                        .addProperty("schemas", strings())
                        .addProperty("failOnErrors", new IntegerSchema())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("method", new StringSchema()._enum(List.of("POST", "PUT", "PATCH", "DELETE")))
                                .addProperty("path", new StringSchema())
                                .addProperty("bulkId", new StringSchema())
                                .addProperty("version", new StringSchema())
                                .addProperty("data", new ObjectSchema())))),
                schema("BulkResponse", object("One result per performed operation, in request order.")
                        .addProperty("schemas", strings())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("method", new StringSchema())
                                .addProperty("bulkId", new StringSchema())
                                .addProperty("location", new StringSchema())
                                .addProperty("version", new StringSchema())
                                .addProperty("status", new StringSchema())
                                .addProperty("response", new ObjectSchema())))),
                schema("AuditEvent", object("One event: who did it (actor, sourceIp, userAgent, requestId), when, to which "
                        + "resource, and what it changed; position orders the whole trail.")
                        .addProperty("id", new StringSchema())
                        .addProperty("position", new StringSchema().example("1234:567"))
                        .addProperty("timestamp", new StringSchema().format("date-time"))
                        .addProperty("eventType", new StringSchema().example("UserChanged"))
                        .addProperty("resourceType", new StringSchema()._enum(List.of("User", "Group", "Credentials")))
                        .addProperty("resourceId", new StringSchema())
                        .addProperty("version", new IntegerSchema())
                        .addProperty("actor", new ObjectSchema().addProperty("id", new StringSchema())
                                .addProperty("name", new StringSchema()))
                        .addProperty("sourceIp", new StringSchema())
                        .addProperty("userAgent", new StringSchema())
                        .addProperty("requestId", new StringSchema())
                        .addProperty("bulkOperation", new IntegerSchema())
                        .addProperty("changes", new ArraySchema().items(new ObjectSchema()
                                .addProperty("attribute", new StringSchema())
                                .addProperty("before", new Schema<>())
                                .addProperty("after", new Schema<>())))
                        .addProperty("membersAdded", new ArraySchema().items(new ObjectSchema()))
                        .addProperty("membersRemoved", new ArraySchema().items(new ObjectSchema()))
                        .addProperty("payload", new ObjectSchema().description("The event as stored (searches and exports)"))),
                schema("AuditHistory", object("Every event of one resource, oldest first.")
                        .addProperty("resourceType", new StringSchema())
                        .addProperty("id", new StringSchema())
                        .addProperty("totalResults", new IntegerSchema())
                        .addProperty("Resources", new ArraySchema().items(new Schema<>().$ref("AuditEvent")))),
                schema("AuditEventPage", object("A page of events, newest first; nextCursor until the last page.")
                        .addProperty("totalResults", new IntegerSchema())
                        .addProperty("itemsPerPage", new IntegerSchema())
                        .addProperty("nextCursor", new StringSchema())
                        .addProperty("Resources", new ArraySchema().items(new Schema<>().$ref("AuditEvent")))),
                schema("AuditExport", new StringSchema().description("JSON Lines (one AuditEvent per line) or CSV "
                        + "with a header; every line carries its position, which after= resumes strictly after.")),
                schema("AuditReplay", new StringSchema().description("JSON Lines: one SCIM User or Group per line, "
                        + "groups first, as they were at asOf.")));
    }

    private static Map.Entry<String, Schema<?>> schema(String name, Schema<?> schema) {
        return Map.entry(name, schema);
    }

    private static Schema<Object> object(String description) {
        return new ObjectSchema().description(description);
    }

    private static ArraySchema strings() {
        return new ArraySchema().items(new StringSchema());
    }
}
