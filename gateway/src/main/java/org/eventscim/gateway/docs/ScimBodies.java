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
        return Map.of(
                ERROR, object("An error (RFC 7644 §3.12); scimType names the kind of a 400 or 409.")
                        .addProperty("schemas", strings())
                        .addProperty("status", new StringSchema().description("The HTTP status, as a string"))
                        .addProperty("scimType", new StringSchema().example("invalidFilter"))
                        .addProperty("detail", new StringSchema()),
                "ScimResource", object("A User, Group, schema or resource type; /Schemas lists every attribute.")
                        .addProperty("schemas", strings())
                        .addProperty("id", new StringSchema())
                        .addProperty("externalId", new StringSchema())
                        .addProperty("meta", new ObjectSchema())
                        .additionalProperties(true),
                "ListResponse", object("A page of resources (RFC 7644 §3.4.2); nextCursor for cursor paging (RFC 9865).")
                        .addProperty("schemas", strings())
                        .addProperty("totalResults", new IntegerSchema())
                        .addProperty("startIndex", new IntegerSchema())
                        .addProperty("itemsPerPage", new IntegerSchema())
                        .addProperty("nextCursor", new StringSchema())
                        .addProperty("Resources", new ArraySchema().items(new Schema<>().$ref("ScimResource"))),
                "SearchRequest", object("A query in the body (RFC 7644 §3.4.3), the same as the list parameters.")
                        .addProperty("schemas", strings())
                        .addProperty("filter", new StringSchema())
                        .addProperty("startIndex", new IntegerSchema())
                        .addProperty("count", new IntegerSchema())
                        .addProperty("cursor", new StringSchema())
                        .addProperty("sortBy", new StringSchema())
                        .addProperty("sortOrder", new StringSchema()._enum(List.of("ascending", "descending")))
                        .addProperty("attributes", strings())
                        .addProperty("excludedAttributes", strings()),
                "PatchOp", object("Changes to a resource (RFC 7644 §3.5.2); Entra ID's and Okta's dialects are accepted too.")
                        .addProperty("schemas", strings())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("op", new StringSchema()._enum(List.of("add", "remove", "replace")))
                                .addProperty("path", new StringSchema())
                                .addProperty("value", new Schema<>()))),
                "BulkRequest", object("Many writes in one request (RFC 7644 §3.7); data may refer to resources created by "
                        + "other operations as \"bulkId:<bulkId>\". At most 1000 operations and 1 MiB.")
                        .addProperty("schemas", strings())
                        .addProperty("failOnErrors", new IntegerSchema())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("method", new StringSchema()._enum(List.of("POST", "PUT", "PATCH", "DELETE")))
                                .addProperty("path", new StringSchema())
                                .addProperty("bulkId", new StringSchema())
                                .addProperty("version", new StringSchema())
                                .addProperty("data", new ObjectSchema()))),
                "BulkResponse", object("One result per performed operation, in request order.")
                        .addProperty("schemas", strings())
                        .addProperty("Operations", new ArraySchema().items(new ObjectSchema()
                                .addProperty("method", new StringSchema())
                                .addProperty("bulkId", new StringSchema())
                                .addProperty("location", new StringSchema())
                                .addProperty("version", new StringSchema())
                                .addProperty("status", new StringSchema())
                                .addProperty("response", new ObjectSchema()))));
    }

    private static Schema<Object> object(String description) {
        return new ObjectSchema().description(description);
    }

    private static ArraySchema strings() {
        return new ArraySchema().items(new StringSchema());
    }
}
