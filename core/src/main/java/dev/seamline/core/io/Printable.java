package dev.seamline.core.io;

/**
 * User text made fit for a one-line message (an error naming a bad value, a key, a parser's
 * complaint), so that a newline or a terminal escape in the input cannot break or forge the line.
 * Two behaviours, each used where Seamline has always used it: {@link #escape} for a value quoted in
 * a message (escaped, cut short), {@link #mask} for a whole message from elsewhere (kept whole).
 * Stateless and thread-safe.
 */
public final class Printable {

    /** The longest escaped text kept; longer text is cut there and ends in "…". */
    public static final int MAX_LENGTH = 80;

    private Printable() {
    }

    /**
     * {@code s} with every ISO control character (U+0000–U+001F, U+007F–U+009F) and every line or
     * paragraph separator (U+2028, U+2029) written as {@code \}{@code uXXXX}, cut to {@value #MAX_LENGTH}
     * characters followed by "…" when longer.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            b.append(Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.length() < MAX_LENGTH ? b.toString() : b + "…";
    }

    /** {@code s} with every ASCII control character (U+0000–U+001F, U+007F) replaced by '?', at full length. */
    public static String mask(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
