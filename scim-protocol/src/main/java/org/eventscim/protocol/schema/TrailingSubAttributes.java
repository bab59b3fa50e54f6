package org.eventscim.protocol.schema;

/**
 * Rewrites a comparison on a sub-attribute after a value filter, {@code emails[type eq "work"].value eq "x"}, into
 * the RFC 7644 form {@code emails[(type eq "work") and value eq "x"]}: the same values must match both. Microsoft
 * Entra ID sends the first form when it matches users by work email; RFC 7644's grammar has no place for it, and
 * the SDK's parser refuses it. Only text outside quoted strings is read; anything else is left as it was.
 */
final class TrailingSubAttributes {

    private TrailingSubAttributes() {
    }

    static String rewrite(String filter) {
        String text = filter;
        for (int close = nextClosingBracket(text, 0); close >= 0; ) {
            int open = matchingOpen(text, close);
            int end = open < 0 ? -1 : comparisonEnd(text, close);
            if (end < 0) {
                close = nextClosingBracket(text, close + 1);
                continue;
            }
            String comparison = text.substring(close + 2, end);
            text = text.substring(0, open + 1) + "(" + text.substring(open + 1, close) + ") and " + comparison + "]"
                    + text.substring(end);
            int moved = close + ") and ".length() + 1 + comparison.length();
            close = nextClosingBracket(text, moved + 1);
        }
        return text;
    }

    /** Where {@code .sub op value} after the ']' at {@code close} ends, or -1 when none follows. */
    private static int comparisonEnd(String text, int close) {
        int nameStart = close + 1;
        if (nameStart >= text.length() || text.charAt(nameStart) != '.') {
            return -1;
        }
        int nameEnd = word(text, nameStart + 1);
        int operatorStart = spaces(text, nameEnd);
        int operatorEnd = word(text, operatorStart);
        if (nameEnd == nameStart + 1 || operatorStart == nameEnd || operatorEnd == operatorStart) {
            return -1;
        }
        if (text.substring(operatorStart, operatorEnd).equalsIgnoreCase("pr")) {
            return operatorEnd;
        }
        int valueStart = spaces(text, operatorEnd);
        if (valueStart == operatorEnd || valueStart >= text.length()) {
            return -1;
        }
        return text.charAt(valueStart) == '"' ? quotedEnd(text, valueStart) : bareEnd(text, valueStart);
    }

    /** The index of the next ']' outside quotes from {@code from}, or -1. */
    private static int nextClosingBracket(String text, int from) {
        boolean[] outside = OutsideQuotes.of(text);
        for (int i = from; i < text.length(); i++) {
            if (outside[i] && text.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    /** The '[' that the ']' at {@code close} closes (value filters do not nest), or -1. */
    private static int matchingOpen(String text, int close) {
        boolean[] outside = OutsideQuotes.of(text);
        int open = -1;
        for (int i = 0; i < close; i++) {
            if (outside[i] && text.charAt(i) == '[') {
                open = i;
            } else if (outside[i] && text.charAt(i) == ']') {
                open = -1;
            }
        }
        return open;
    }

    /** The end of the attribute name or operator starting at {@code from}. */
    private static int word(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                || text.charAt(i) == '-' || text.charAt(i) == '$')) {
            i++;
        }
        return i;
    }

    private static int spaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int quotedEnd(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** A number, true, false or null: up to the next space or ')'. */
    private static int bareEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != ')') {
            i++;
        }
        return i;
    }
}
