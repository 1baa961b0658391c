package dev.seamline.core;

import dev.seamline.core.io.Printable;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a class name of a model must follow, because names reach file names (DOTA's
 * {@code Task1_<class>.txt}, report plots) and the lines of text formats (a DOTA part line is
 * tab-separated): a name is not blank, holds no control character (tab, newline, NUL …, or a line
 * or paragraph separator) and no path separator ({@code /} or {@code \}), is at most
 * {@value #MAX_CHARS} characters and {@value #MAX_BYTES} bytes of UTF-8 (so that
 * {@code Task1_<name>.txt} fits a file system's 255-byte name), and no two names of one model
 * are equal once Unicode-normalised (NFC) and case-folded — on a case-insensitive file system (macOS,
 * Windows) they would share one file. Under these rules a name is its own file name, so file names made
 * from class names never collide. Stateless and thread-safe.
 */
public final class ClassNames {

    /** The longest class name, in characters (code points). */
    public static final int MAX_CHARS = 100;
    /** The longest class name, in bytes of UTF-8. */
    public static final int MAX_BYTES = 200;
    /** How many problems a message lists before "…". */
    private static final int LISTED = 5;

    private ClassNames() {
    }

    /** What is wrong with one name, or the empty string. */
    public static String problem(String name) {
        if (name.isBlank()) {
            return "is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return "holds a control character (" + String.format("U+%04X", (int) c) + ")";
            }
            if (c == '/' || c == '\\') {
                return "holds a path separator '" + c + "'";
            }
        }
        int chars = name.codePointCount(0, name.length());
        if (chars > MAX_CHARS) {
            return "is " + chars + " characters long (at most " + MAX_CHARS + ")";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "is " + bytes + " bytes of UTF-8 (at most " + MAX_BYTES + ")";
        }
        return "";
    }

    /**
     * Every problem of a model's names, each as {@code "<name>" <what is wrong>} (names escaped for a
     * one-line message), in the names' order; empty when they are all fine.
     */
    public static List<String> problems(List<String> names) {
        List<String> out = new ArrayList<>();
        Map<String, String> folded = new HashMap<>();
        for (String n : names) {
            String p = problem(n);
            if (!p.isEmpty()) {
                out.add(quote(n) + " " + p);
                continue;
            }
            String key = Normalizer.normalize(n, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            String other = folded.putIfAbsent(key, n);
            if (other != null && !other.equals(n)) { // a name given twice is the catalog's to report
                out.add(quote(other) + " and " + quote(n)
                        + " differ only in case or Unicode form (one file name on case-insensitive file systems)");
            }
        }
        return out;
    }

    /**
     * The problems as one line: {@code "refused class names: …; class names become file names and
     * fields of text formats"}, or the empty string when there are none.
     */
    public static String describe(List<String> names) {
        List<String> p = problems(names);
        if (p.isEmpty()) {
            return "";
        }
        String listed = String.join("; ", p.subList(0, Math.min(LISTED, p.size())))
                + (p.size() > LISTED ? "; and " + (p.size() - LISTED) + " more" : "");
        return "refused class name" + (p.size() == 1 ? "" : "s") + ": " + listed + " (a class name becomes a file name and "
                + "a field of text formats: at most " + MAX_CHARS + " characters, no control characters, no / or \\)";
    }

    private static String quote(String name) {
        return "\"" + Printable.escape(name) + "\"";
    }
}
