package org.eventscim.query.search;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The body of {@code POST /<resources>/.search} (RFC 7644 §3.4.3, RFC 9865 §2.1); unknown members are
 * ignored. {@code startIndex} and {@code count} are read as text, so that a value that is not an integer
 * gets the same answer as in a query parameter. {@code attributes} and {@code excludedAttributes} are arrays, but
 * some clients send the query parameter's comma-separated string; it means the same.
 */
public record SearchRequest(String filter, String sortBy, String sortOrder, String startIndex, String count,
                            String cursor,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> attributes,
                            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> excludedAttributes) {

    public ListRequest listRequest() {
        return new ListRequest(filter, sortBy, sortOrder, startIndex, count, cursor);
    }

    /** {@code attributes} as the comma-separated list a query parameter would give. */
    public String attributeList() {
        return joined(attributes);
    }

    /** {@code excludedAttributes} as the comma-separated list a query parameter would give. */
    public String excludedAttributeList() {
        return joined(excludedAttributes);
    }

    private static String joined(List<String> names) {
        return names == null ? null : String.join(",", names);
    }
}
