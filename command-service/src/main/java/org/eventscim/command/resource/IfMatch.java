package org.eventscim.command.resource;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/**
 * The versions a write's If-Match header accepts (RFC 9110 §13.1.1): one or more of our {@code W/"<version>"} entity
 * tags, any of which may be the current one.
 */
public record IfMatch(Set<Long> versions) {

    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    /** In the client's order, for the 412's message. */
    public IfMatch {
        versions = Collections.unmodifiableSet(new LinkedHashSet<>(versions));
    }

    /** What the header accepts, or null when it accepts any version (no header, or *). */
    public static IfMatch parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Set<Long> accepted = new LinkedHashSet<>();
        for (String tag : header.split(",", -1)) {
            Matcher version = VERSION_TAG.matcher(tag.trim());
            if (!version.matches()) {
                throw new ScimException(HttpStatus.PRECONDITION_FAILED, null,
                        "If-Match must name versions as W/\"<version>\", not " + header.trim() + ".");
            }
            accepted.add(Long.parseLong(version.group(1)));
        }
        return new IfMatch(accepted);
    }

    public boolean accepts(long version) {
        return versions.contains(version);
    }

    @Override
    public String toString() {
        return versions.stream().map(version -> "W/\"" + version + "\"").collect(Collectors.joining(", "));
    }
}
