package org.eventscim.query.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;

/**
 * A SCIM list response (RFC 7644 §3.4.2): {@code startIndex} for index pagination, {@code nextCursor} for
 * cursor pagination (RFC 9865 §2.2) unless this is the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListResponse(List<String> schemas, long totalResults, Integer startIndex, int itemsPerPage,
                           String nextCursor, @JsonProperty("Resources") List<ObjectNode> resources) {

    public static ListResponse of(long totalResults, int startIndex, List<ObjectNode> resources) {
        return new ListResponse(List.of(ScimSchemas.LIST_RESPONSE), totalResults, startIndex, resources.size(), null,
                resources);
    }

    public static ListResponse of(SearchResult result, List<ObjectNode> resources) {
        return new ListResponse(List.of(ScimSchemas.LIST_RESPONSE), result.total(), result.startIndex(),
                resources.size(), result.nextCursor(), resources);
    }
}
