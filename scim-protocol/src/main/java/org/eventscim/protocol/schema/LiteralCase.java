package org.eventscim.protocol.schema;

/**
 * Writes the literals {@code true}, {@code false} and {@code null} of a filter in lower case. RFC 7644 §3.4.2.2
 * gives the filter grammar in ABNF, whose quoted strings match in any case (RFC 5234 §2.3), so {@code active eq True}
 * is a valid filter; the SDK's parser reads comparison values as JSON, which knows only the lower-case forms.
 * Quoted strings, and words of which the literal is only a part, are left as they are.
 */
final class LiteralCase {

    private LiteralCase() {
    }

    static String lowered(String filter) {
        boolean[] outside = OutsideQuotes.of(filter);
        StringBuilder text = null;
        int i = 0;
        while (i < filter.length()) {
            if (!outside[i] || !isWordCharacter(filter.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < filter.length() && outside[end] && isWordCharacter(filter.charAt(end))) {
                end++;
            }
            String word = filter.substring(i, end);
            if (isLiteral(word) && !word.equals(word.toLowerCase())) {
                if (text == null) {
                    text = new StringBuilder(filter);
                }
                text.replace(i, end, word.toLowerCase());
            }
            i = end;
        }
        return text == null ? filter : text.toString();
    }

    private static boolean isLiteral(String word) {
        return word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false") || word.equalsIgnoreCase("null");
    }

    /** Characters of attribute names, URNs, operators and bare values: a literal must stand alone among them. */
    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '$';
    }
}
