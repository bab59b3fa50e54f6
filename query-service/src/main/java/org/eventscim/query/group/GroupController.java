package org.eventscim.query.group;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM reads of groups (RFC 7644 §3.4, RFC 7643 §4.2): by id, by filter, and {@code POST .search}; all
 * need the scope {@code scim:read} and go through {@link TenantScopedSearch}. {@code members} comes from
 * the memberships read model, all of them however many, and is not read at all when not returned.
 */
@RestController
@RequestMapping("/scim/v2/Groups")
class GroupController {

    private static final String MEMBERS = "members";

    private final TenantScopedSearch search;
    private final MembershipReferences memberships;

    GroupController(TenantScopedSearch search, MembershipReferences memberships) {
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
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.GROUP, attributes, excludedAttributes);
        ResourceDocument group = search.group(caller.tenantId(), id)
                .orElseThrow(() -> ScimException.notFound("Group " + id + " not found."));
        String etag = ScimResources.etag(group.version());
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
        }
        Map<String, ArrayNode> members = members(List.of(group), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .header(HttpHeaders.ETAG, etag)
                .body(render(group, members, caller, selection));
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
                AttributeSelection.of(ScimSchemas.GROUP, attributes, excludedAttributes), caller);
    }

    @PostMapping("/.search")
    ResponseEntity<ListResponse> searchRequest(@RequestBody SearchRequest request, Caller caller) {
        requireRead(caller);
        AttributeSelection selection = AttributeSelection.of(ScimSchemas.GROUP, request.attributeList(),
                request.excludedAttributeList());
        return query(request.listRequest(), selection, caller);
    }

    private ResponseEntity<ListResponse> query(ListRequest request, AttributeSelection selection, Caller caller) {
        SearchResult result = search.groups(caller.tenantId(), request);
        Map<String, ArrayNode> members = members(result.documents(), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(ListResponse.of(result,
                        result.documents().stream().map(group -> render(group, members, caller, selection)).toList()));
    }

    /** The members of these groups, by group id: one memberships query for all of them, none if not returned. */
    private Map<String, ArrayNode> members(List<ResourceDocument> groups, AttributeSelection selection, Caller caller) {
        if (!selection.returns(MEMBERS)) {
            return Map.of();
        }
        return memberships.members(caller.tenantId(), groups.stream().map(ResourceDocument::resourceId).toList(),
                selection.returns(MEMBERS, "display"), caller.baseUrl());
    }

    private static ObjectNode render(ResourceDocument group, Map<String, ArrayNode> members, Caller caller,
                                     AttributeSelection selection) {
        ObjectNode resource = ScimResources.group(group.resourceId(), group.attributes(), members.get(group.resourceId()),
                group.created(), group.lastModified(), group.version(), caller.baseUrl());
        return selection.apply(resource);
    }

    private static void requireRead(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_READ)) {
            throw ScimException.forbidden("Reading groups needs the scope " + Scopes.SCIM_READ + ".");
        }
    }
}
