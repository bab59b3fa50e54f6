package org.eventscim.query.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;

/** A SCIM list response (RFC 7644 §3.4.2). */
public record ListResponse(List<String> schemas, long totalResults, int startIndex, int itemsPerPage,
                           @JsonProperty("Resources") List<ObjectNode> resources) {

    public static ListResponse of(long totalResults, int startIndex, List<ObjectNode> resources) {
        return new ListResponse(List.of(ScimSchemas.LIST_RESPONSE), totalResults, startIndex, resources.size(),
                resources);
    }
}
