package org.eventscim.gateway.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eventscim.protocol.ScimMediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Completes the spec springdoc generates from the admin controllers with the SCIM API ({@link ScimOperations}),
 * which the gateway forwards rather than implements, and with the bearer token that both need.
 */
@Component
class ScimApiDocumentation implements OpenApiCustomizer {

    private static final String BEARER = "bearer";
    private static final String BASE = "/scim/v2";
    private static final String AUDIT_TAG = "Audit";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");
    /** What any operation may answer: no or a wrong token, a missing scope, the rate limit, a service down. */
    private static final List<Integer> ALWAYS = List.of(401, 403, 429, 503);
    /** What an admin operation may answer besides success; springdoc sees only the controllers' success. */
    private static final List<Integer> ADMIN_ERRORS = List.of(400, 401, 403, 404, 429);

    static final Map<String, Parameter> PARAMETERS = Map.ofEntries(
            Map.entry("filter", query("filter", "A filter (RFC 7644 §3.4.2.2), e.g. userName eq \"alice@example.com\"", new StringSchema())),
            Map.entry("startIndex", query("startIndex", "1-based index of the first result (index paging)", new IntegerSchema())),
            Map.entry("count", query("count", "Results per page", new IntegerSchema())),
            Map.entry("cursor", query("cursor", "Cursor paging (RFC 9865): empty for the first page, then the last nextCursor", new StringSchema())),
            Map.entry("sortBy", query("sortBy", "The attribute to sort by", new StringSchema())),
            Map.entry("sortOrder", query("sortOrder", "ascending (default) or descending", new StringSchema()._enum(List.of("ascending", "descending")))),
            Map.entry("attributes", query("attributes", "Comma-separated attributes to return", new StringSchema())),
            Map.entry("excludedAttributes", query("excludedAttributes", "Comma-separated attributes to leave out", new StringSchema())),
            Map.entry("If-Match", new HeaderParameter().name("If-Match").schema(new StringSchema())
                    .description("Change only this version (the ETag); else 412")),
            Map.entry("If-None-Match", new HeaderParameter().name("If-None-Match").schema(new StringSchema())
                    .description("304 when this is still the current version (the ETag)")),
            Map.entry("asOf", query("asOf", "The instant (ISO-8601, e.g. 2026-03-01T12:00:00Z) to show the resource at",
                    new StringSchema().format("date-time"))),
            Map.entry("resourceType", query("resourceType", "User, Group or Credentials", new StringSchema())),
            Map.entry("resourceId", query("resourceId", "The resource's id", new StringSchema())),
            Map.entry("actorId", query("actorId", "The token id (or jwt:<sub>) that caused the events", new StringSchema())),
            Map.entry("eventType", query("eventType", "An event type, e.g. UserChanged", new StringSchema())),
            Map.entry("from", query("from", "Events at or after this instant (ISO-8601)", new StringSchema().format("date-time"))),
            Map.entry("to", query("to", "Events before this instant (ISO-8601)", new StringSchema().format("date-time"))),
            Map.entry("format", query("format", "jsonl (default) or csv", new StringSchema()._enum(List.of("jsonl", "csv")))),
            Map.entry("after", query("after", "Resume strictly after this position (<transactionId>:<globalIndex>)",
                    new StringSchema())));

    private static final Map<Integer, String> ANSWERS = Map.ofEntries(
            Map.entry(304, "Not modified: If-None-Match names the current version"),
            Map.entry(400, "A bad filter, syntax or value; scimType says which"),
            Map.entry(401, "No bearer token, or not a valid one"),
            Map.entry(403, "The token lacks the scope (scim:read for reads, scim:write for writes, audit:read for the audit API)"),
            Map.entry(404, "No such resource (or it is another tenant's)"),
            Map.entry(409, "uniqueness: the userName or displayName is taken in this tenant"),
            Map.entry(412, "If-Match does not name the current version"),
            Map.entry(413, "The body exceeds the gateway's limit"),
            Map.entry(414, "The path and query exceed 8 KB; send a long filter with POST .search"),
            Map.entry(429, "The tenant's rate limit, or too many wrong tokens; see Retry-After"),
            Map.entry(503, "A service is unavailable; see Retry-After"));

    @Override
    public void customise(OpenAPI api) {
        Components components = Objects.requireNonNullElseGet(api.getComponents(), Components::new);
        api.components(components.addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A token issued by POST /admin/v1/tenants/{id}/tokens")));
        api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        PARAMETERS.forEach(components::addParameters);
        ScimBodies.all().forEach(components::addSchemas);
        ANSWERS.forEach((status, description) -> components.addResponses(status.toString(), new ApiResponse()
                .description(description).content(status == 304 ? null : scimJson(ScimBodies.ERROR))));
        Paths paths = Objects.requireNonNullElseGet(api.getPaths(), Paths::new);
        // Until the SCIM paths are added, springdoc's paths are the admin API's alone (springdoc.paths-to-match).
        paths.values().stream().flatMap(path -> path.readOperations().stream()).forEach(adminOperation ->
                ADMIN_ERRORS.forEach(status -> adminOperation.getResponses()
                        .addApiResponse(status.toString(), new ApiResponse().$ref(status.toString()))));
        for (ScimOperation operation : ScimOperations.ALL) {
            paths.computeIfAbsent(BASE + operation.path(), path -> new PathItem())
                    .operation(operation.method(), operation(operation, operation.path().split("/")[1]));
        }
        for (ScimOperation operation : ScimOperations.AUDIT) {
            paths.computeIfAbsent(operation.path(), path -> new PathItem())
                    .operation(operation.method(), operation(operation, AUDIT_TAG));
        }
        api.paths(paths);
    }

    private static Operation operation(ScimOperation row, String tag) {
        Operation operation = new Operation().summary(row.summary()).addTagsItem(tag);
        Matcher variables = PATH_VARIABLE.matcher(row.path());
        while (variables.find()) {
            operation.addParametersItem(new PathParameter().name(variables.group(1)).schema(new StringSchema()));
        }
        row.parameters().forEach(name -> operation.addParametersItem(new Parameter().$ref(name)));
        if (row.requestBody() != null) {
            operation.requestBody(new RequestBody().required(true).content(scimJson(row.requestBody())));
        }
        ApiResponses responses = new ApiResponses().addApiResponse(Integer.toString(row.success()), new ApiResponse()
                .description(HttpStatus.valueOf(row.success()).getReasonPhrase())
                .content(row.body() == null ? null : content(row.body())));
        Stream.concat(row.errors().stream(), ALWAYS.stream()).sorted()
                .forEach(status -> responses.addApiResponse(status.toString(), new ApiResponse().$ref(status.toString())));
        return operation.responses(responses);
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new QueryParameter().name(name).description(description).schema(schema);
    }

    /** The audit API answers plain JSON, an export JSON Lines or CSV; everything else is SCIM JSON. */
    private static Content content(String schema) {
        return switch (schema) {
            case "AuditHistory", "AuditEventPage" -> new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref(schema)));
            case "AuditReplay" -> new Content().addMediaType("application/jsonl",
                    new MediaType().schema(new Schema<>().$ref(schema)));
            case "AuditExport" -> new Content()
                    .addMediaType("application/jsonl", new MediaType().schema(new Schema<>().$ref(schema)))
                    .addMediaType("text/csv", new MediaType().schema(new Schema<>().$ref(schema)));
            default -> scimJson(schema);
        };
    }

    private static Content scimJson(String schema) {
        return new Content().addMediaType(ScimMediaType.APPLICATION_SCIM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(schema)));
    }
}
