package org.eventscim.query.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.resource.AttributeSelection;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.search.ListRequest;
import org.eventscim.query.search.ListResponse;
import org.eventscim.query.search.SearchRequest;
import org.eventscim.query.search.SearchResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The SCIM reads every resource type has (RFC 7644 §3.4): by id with {@code If-None-Match}, by filter
 * with sorting and index or cursor paging, and {@code POST .search}; all need the scope
 * {@code scim:read}. A subclass says where its documents come from, how one renders, and which
 * multi-valued attribute is derived from the memberships read model for a whole page at once.
 */
public abstract class ResourceReadController {

    private final String resourceType;
    private final String coreSchema;
    private final Executor lookUps = Executors.newVirtualThreadPerTaskExecutor();

    protected ResourceReadController(String resourceType, String coreSchema) {
        this.resourceType = resourceType;
        this.coreSchema = coreSchema;
    }

    /** The tenant's live resource with this id. */
    protected abstract Optional<ResourceDocument> find(String tenant, String id);

    /** One page of the tenant's resources. */
    protected abstract SearchResult list(String tenant, ListRequest request);

    /** The derived attribute of each of the resources with these ids, by resource id; none if the selection leaves it out. */
    protected abstract Map<String, ArrayNode> derived(List<String> resourceIds, AttributeSelection selection,
                                                      Caller caller);

    /** The resource as SCIM JSON with its derived attribute (null when it has none), before attribute selection. */
    protected abstract ObjectNode render(ResourceDocument document, ArrayNode derived, Caller caller);

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(@PathVariable String id,
                                   @RequestParam(required = false) String attributes,
                                   @RequestParam(required = false) String excludedAttributes,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   Caller caller) {
        requireRead(caller);
        AttributeSelection selection = AttributeSelection.of(coreSchema, attributes, excludedAttributes);
        // Without a version to compare, the resource is nearly always returned: its derived attribute (another
        // Elasticsearch request) is looked up while the resource itself is read, not after.
        CompletableFuture<Map<String, ArrayNode>> derivedAlongside = ifNoneMatch == null
                ? CompletableFuture.supplyAsync(() -> derived(List.of(id), selection, caller), lookUps) : null;
        ResourceDocument document = find(caller.tenantId(), id)
                .orElseThrow(() -> ScimException.notFound(resourceType + " " + id + " not found."));
        String etag = ScimResources.etag(document.version());
        // RFC 9110 §13.1.1: a GET whose If-Match names none of the current version is not answered with it.
        if (ifMatch != null && !ifMatch.trim().equals("*") && !ifMatch.contains(etag)) {
            throw new ScimException(HttpStatus.PRECONDITION_FAILED, null,
                    resourceType + " " + id + " is at version " + etag + ", not " + ifMatch.trim() + ".");
        }
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
        }
        Map<String, ArrayNode> derived = derivedAlongside != null
                ? joined(derivedAlongside) : derived(List.of(id), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .header(HttpHeaders.ETAG, etag)
                .body(selection.apply(render(document, derived.get(document.resourceId()), caller)));
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
                AttributeSelection.of(coreSchema, attributes, excludedAttributes), caller);
    }

    @PostMapping("/.search")
    ResponseEntity<ListResponse> searchRequest(@RequestBody SearchRequest request, Caller caller) {
        requireRead(caller);
        return query(request.listRequest(),
                AttributeSelection.of(coreSchema, request.attributeList(), request.excludedAttributeList()), caller);
    }

    private ResponseEntity<ListResponse> query(ListRequest request, AttributeSelection selection, Caller caller) {
        SearchResult result = list(caller.tenantId(), request);
        Map<String, ArrayNode> derived = derived(
                result.documents().stream().map(ResourceDocument::resourceId).toList(), selection, caller);
        return ResponseEntity.ok()
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(ListResponse.of(result, result.documents().stream()
                        .map(document -> selection.apply(render(document, derived.get(document.resourceId()), caller)))
                        .toList()));
    }

    private static Map<String, ArrayNode> joined(CompletableFuture<Map<String, ArrayNode>> lookUp) {
        try {
            return lookUp.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private void requireRead(Caller caller) {
        if (!caller.hasScope(Scopes.SCIM_READ)) {
            throw ScimException.forbidden("Reading " + resourceType + " resources needs the scope " + Scopes.SCIM_READ + ".");
        }
    }
}
