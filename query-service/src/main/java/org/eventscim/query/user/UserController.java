package org.eventscim.query.user;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.UserDocument;
import org.eventscim.query.index.UserSchema;
import org.eventscim.query.search.ListResponse;
import org.eventscim.query.search.Page;
import org.eventscim.query.search.ScimFilterTranslator;
import org.eventscim.query.search.SearchProperties;
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
 * {@code scim:read} and go through {@link TenantScopedSearch}.
 */
@RestController
@RequestMapping("/scim/v2/Users")
class UserController {

    private final TenantScopedSearch search;
    private final ScimFilterTranslator filters = new ScimFilterTranslator(UserSchema.SCHEMA);
    private final SearchProperties limits;

    UserController(TenantScopedSearch search, SearchProperties limits) {
        this.search = search;
        this.limits = limits;
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(@PathVariable String id,
                                   @RequestParam(required = false) String attributes,
                                   @RequestParam(required = false) String excludedAttributes,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   Caller caller) {
        requireRead(caller);
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes);
        UserDocument user = search.user(caller.tenantId(), id)
                .orElseThrow(() -> ScimException.notFound("User " + id + " not found."));
        String etag = ScimResources.etag(user.version());
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
        }
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .header(HttpHeaders.ETAG, ScimResources.etag(user.version()))
                .body(render(user, caller, selection));
    }

    @GetMapping
    ResponseEntity<ListResponse> list(@RequestParam(required = false) String filter,
                                      @RequestParam(required = false) Integer startIndex,
                                      @RequestParam(required = false) Integer count,
                                      @RequestParam(required = false) String attributes,
                                      @RequestParam(required = false) String excludedAttributes,
                                      Caller caller) {
        return query(filter, startIndex, count, AttributeSelection.of(attributes, excludedAttributes), caller);
    }

    @PostMapping("/.search")
    ResponseEntity<ListResponse> searchRequest(@RequestBody SearchRequest request, Caller caller) {
        AttributeSelection selection = AttributeSelection.of(joined(request.attributes()),
                joined(request.excludedAttributes()));
        return query(request.filter(), request.startIndex(), request.count(), selection, caller);
    }

    private ResponseEntity<ListResponse> query(String filter, Integer startIndex, Integer count,
                                               AttributeSelection selection, Caller caller) {
        requireRead(caller);
        Page page = Page.of(startIndex, count, limits);
        Query criteria = filter == null || filter.isBlank() ? null : filters.translate(filter);
        SearchResult<UserDocument> result = search.users(caller.tenantId(), criteria, page);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(ListResponse.of(result.total(), page.startIndex(),
                        result.documents().stream().map(user -> render(user, caller, selection)).toList()));
    }

    private static ObjectNode render(UserDocument user, Caller caller, AttributeSelection selection) {
        return selection.apply(ScimResources.user(user.resourceId(), user.attributes(), user.created(),
                user.lastModified(), user.version(), caller.baseUrl()));
    }

    private static String joined(List<String> names) {
        return names == null ? null : String.join(",", names);
    }

    private static void requireRead(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_READ)) {
            throw ScimException.forbidden("Reading users needs the scope " + Scopes.SCIM_READ + ".");
        }
    }

    /** The body of {@code POST /Users/.search} (RFC 7644 §3.4.3); unknown members are ignored. */
    record SearchRequest(String filter, Integer startIndex, Integer count, List<String> attributes,
                         List<String> excludedAttributes) {
    }
}
