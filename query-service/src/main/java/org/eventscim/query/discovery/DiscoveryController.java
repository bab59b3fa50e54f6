package org.eventscim.query.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.List;
import org.eventscim.protocol.BulkLimits;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.SchemaRegistry;
import org.eventscim.query.search.ListResponse;
import org.eventscim.query.search.SearchProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery (RFC 7644 §4), generated from the one schema registry; every flag is true only where the
 * service really does it. {@code pagination} is RFC 9865's: both index and cursor paging.
 */
@RestController
@RequestMapping(path = "/scim/v2", produces = {ScimMediaType.APPLICATION_SCIM_JSON_VALUE, "application/json"})
class DiscoveryController {

    private static final String DOCUMENTATION = "https://datatracker.ietf.org/doc/html/rfc7644";

    private final SchemaRegistry registry = SchemaRegistry.standard();
    private final SearchProperties limits;

    DiscoveryController(SearchProperties limits) {
        this.limits = limits;
    }

    @GetMapping("/ServiceProviderConfig")
    ObjectNode serviceProviderConfig(Caller caller, @RequestParam(required = false) String filter) {
        refuseFilter(filter);
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(DOCUMENTATION,
                new PatchConfig(true),
                new BulkConfig(true, BulkLimits.MAX_OPERATIONS, BulkLimits.MAX_PAYLOAD_BYTES),
                new FilterConfig(true, limits.maxCount()),
                new ChangePasswordConfig(true),
                new SortConfig(true),
                new ETagConfig(true),
                List.of(new AuthenticationScheme("OAuth Bearer Token",
                        "Authentication with a bearer token issued for one tenant", null, null,
                        "oauthbearertoken", true)));
        ObjectNode body = JsonUtils.valueToNode(config);
        // RFC 9865 §3; the SDK's ServiceProviderConfigResource predates it.
        body.putObject("pagination")
                .put("cursor", true)
                .put("index", true)
                .put("defaultPaginationMethod", "index")
                .put("defaultPageSize", limits.defaultCount())
                .put("maxPageSize", limits.maxCount())
                .put("cursorTimeout", limits.cursorTimeout().toSeconds());
        return withMeta(body, "ServiceProviderConfig", caller.baseUrl() + "/ServiceProviderConfig");
    }

    @GetMapping("/Schemas")
    ListResponse schemas(Caller caller, @RequestParam(required = false) String filter) {
        refuseFilter(filter);
        List<ObjectNode> schemas = registry.schemas().stream().map(schema -> schema(caller, schema.getId())).toList();
        return ListResponse.of(schemas.size(), 1, schemas);
    }

    @GetMapping("/Schemas/{id}")
    ObjectNode schema(Caller caller, @PathVariable String id) {
        var schema = registry.schema(id).orElseThrow(() -> ScimException.notFound("No schema " + id + "."));
        return withMeta(JsonUtils.valueToNode(schema), "Schema", caller.baseUrl() + "/Schemas/" + schema.getId());
    }

    @GetMapping("/ResourceTypes")
    ListResponse resourceTypes(Caller caller, @RequestParam(required = false) String filter) {
        refuseFilter(filter);
        List<ObjectNode> types = registry.resourceTypes().stream().map(type -> resourceType(caller, type.name())).toList();
        return ListResponse.of(types.size(), 1, types);
    }

    @GetMapping("/ResourceTypes/{name}")
    ObjectNode resourceType(Caller caller, @PathVariable String name) {
        var type = registry.resourceType(name).orElseThrow(() -> ScimException.notFound("No resource type " + name + "."));
        return withMeta(JsonUtils.valueToNode(type.definition()), "ResourceType",
                caller.baseUrl() + "/ResourceTypes/" + type.name());
    }

    /** RFC 7644 §4: a filter here is refused, so no client believes its conditions were applied. */
    private static void refuseFilter(String filter) {
        if (filter != null) {
            throw new ScimException(HttpStatus.FORBIDDEN, null, "Discovery endpoints do not support filtering.");
        }
    }

    private static ObjectNode withMeta(ObjectNode resource, String resourceType, String location) {
        resource.putObject("meta").put("resourceType", resourceType).put("location", location);
        return resource;
    }
}
