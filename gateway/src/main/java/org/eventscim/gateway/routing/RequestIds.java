package org.eventscim.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;

/** A client's X-Request-Id is kept when it is a sane token (it ends up in the audit trail), else one is made. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String from(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
