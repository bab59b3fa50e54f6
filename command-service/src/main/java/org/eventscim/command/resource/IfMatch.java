package org.eventscim.command.resource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/** Reads an If-Match header (RFC 7232 §3.1) against our {@code W/"<version>"} entity tags. */
public final class IfMatch {

    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private IfMatch() {
    }

    /** The version the client expects, or null when it expects none in particular (no header, or *). */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher tag = VERSION_TAG.matcher(header.trim());
        if (!tag.matches()) {
            throw new ScimException(HttpStatus.PRECONDITION_FAILED, null,
                    "If-Match must name one version as W/\"<version>\", not " + header.trim() + ".");
        }
        return Long.parseLong(tag.group(1));
    }
}
