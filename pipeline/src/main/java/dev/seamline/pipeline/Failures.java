package dev.seamline.pipeline;

import dev.seamline.core.SeamlineException;

/**
 * One-line reasons for failures, as the summary, {@code run.json} and the command's stderr show them.
 * Thread-safe (stateless).
 */
final class Failures {

    private Failures() {
    }

    /**
     * The first line of the failure's message (Seamline's own exceptions as they are, others with their
     * class name), ending in {@code : no space left on device} when anything in its causes says the
     * disk is full (the JDK's {@code No space left on device}, SQLite's {@code SQLITE_FULL}) and the
     * line does not say so already.
     */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = e instanceof SeamlineException || e instanceof java.io.IOException
                ? (m == null || m.isBlank() ? e.getClass().getSimpleName() : m) : e.toString();
        String line = text.lines().findFirst().orElse(text).strip();
        if (diskFull(e) && !line.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            line += ": no space left on device";
        }
        return line;
    }

    /** Whether the failure, or one of its causes, is a full disk. */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("SQLITE_FULL")
                    || m.contains("database or disk is full"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
