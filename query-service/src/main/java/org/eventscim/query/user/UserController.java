package org.eventscim.query.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.membership.MembershipReferences;
import org.eventscim.query.search.AttributeSelection;
import org.eventscim.query.search.ListRequest;
import org.eventscim.query.search.ListResponse;
import org.eventscim.query.search.SearchRequest;
import org.eventscim.query.search.SearchResult;
import org.eventscim.query.search.TenantScopedSearch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM reads of users (RFC 7644 §3.4): by id, by filter, and {@code POST .search}; all need the scope
 * {@code scim:read} and go through {@link TenantScopedSearch}. {@code groups} (the user's direct
 * memberships) comes from the memberships read model.
 */
@RestController
@RequestMapping("/scim/v2/Users")
class UserController {

    private static final String GROUPS = "groups";

    private final TenantScopedSearch search;
    private final MembershipReferences memberships;

    UserController(TenantScopedSearch search, MembershipReferences memberships) {
        this.search = search;
        this.memberships = memberships;
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(@PathVariable String id,
                                   @RequestParam(required = false) String attributes,
                                   @RequestParam(required = false) String excludedAttributes,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   Caller caller) {
        requireRead(caller);
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.USER, attributes, excludedAttributes);
        ResourceDocument user = search.user(caller.tenantId(), id)
                .orElseThrow(() -> ScimException.notFound("User " + id + " not found."));
        String etag = ScimResources.etag(user.version());
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
        }
        Map<String, ArrayNode> groups = groups(List.of(user), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .header(HttpHeaders.ETAG, etag)
                .body(render(user, groups, caller, selection));
    }

    @GetMapping
    ResponseEntity<ListResponse> list(@RequestParam(required = false) String filter,
                                      @RequestParam(required = false) String sortBy,
                                      @RequestParam(required = false) String sortOrder,
                                      @RequestParam(required = false) String startIndex,
                                      @RequestParam(required = false) String count,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) String attributes,
                                      @RequestParam(required = false) String excludedAttributes,
                                      Caller caller) {
        requireRead(caller);
        return query(new ListRequest(filter, sortBy, sortOrder, startIndex, count, cursor),
                AttributeSelection.of(ScimSchemas.USER, attributes, excludedAttributes), caller);
    }

    @PostMapping("/.search")
    ResponseEntity<ListResponse> searchRequest(@RequestBody SearchRequest request, Caller caller) {
        requireRead(caller);
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.USER, request.attributeList(),
                request.excludedAttributeList());
        return query(request.listRequest(), selection, caller);
    }

    private ResponseEntity<ListResponse> query(ListRequest request, AttributeSelection selection, Caller caller) {
        SearchResult result = search.users(caller.tenantId(), request);
        Map<String, ArrayNode> groups = groups(result.documents(), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(ListResponse.of(result,
                        result.documents().stream().map(user -> render(user, groups, caller, selection)).toList()));
    }

    /** The groups of these users, by user id: one memberships query for all of them, none if not returned. */
    private Map<String, ArrayNode> groups(List<ResourceDocument> users, AttributeSelection selection, Caller caller) {
        if (!selection.returns(GROUPS)) {
            return Map.of();
        }
        return memberships.groups(caller.tenantId(), users.stream().map(ResourceDocument::resourceId).toList(),
                caller.baseUrl());
    }

    private static ObjectNode render(ResourceDocument user, Map<String, ArrayNode> groups, Caller caller,
                                     AttributeSelection selection) {
        ObjectNode resource = ScimResources.user(user.resourceId(), user.attributes(), user.created(),
                user.lastModified(), user.version(), caller.baseUrl());
        ArrayNode userGroups = groups.get(user.resourceId());
        if (userGroups != null) {
            // Derived, never stored; an empty list is omitted (RFC 7643 §2.5). Before meta, as RFC 7643 shows it.
            JsonNode meta = resource.remove("meta");
            resource.set(GROUPS, userGroups);
            resource.set("meta", meta);
        }
        return selection.apply(resource);
    }

    private static void requireRead(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_READ)) {
            throw ScimException.forbidden("Reading users needs the scope " + Scopes.SCIM_READ + ".");
        }
    }
}
