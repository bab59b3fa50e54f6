package org.eventscim.query.search;

import java.util.List;

/** The body of {@code POST /<resources>/.search} (RFC 7644 §3.4.3); unknown members are ignored. */
public record SearchRequest(String filter, Integer startIndex, Integer count, List<String> attributes,
                            List<String> excludedAttributes) {

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
