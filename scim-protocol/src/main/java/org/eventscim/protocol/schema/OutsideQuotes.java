package org.eventscim.protocol.schema;

/** Which characters of a filter or path are its syntax, not part of a quoted string (JSON escapes included). */
final class OutsideQuotes {

    private OutsideQuotes() {
    }

    /** For each index of {@code text}, whether that character is outside every quoted string, quotes excluded. */
    static boolean[] of(String text) {
        boolean[] outside = new boolean[text.length()];
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else {
                outside[i] = true;
            }
        }
        return outside;
    }
}
