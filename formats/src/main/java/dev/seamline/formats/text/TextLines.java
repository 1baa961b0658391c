package dev.seamline.formats.text;

import dev.seamline.core.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Line-by-line reading of text formats with errors that name the file and the line; shared by the
 * readers of the format packages and the metrics, not a user API. Stateless and thread-safe. */
public final class TextLines {

    /** Characters of number syntax that Java's parser accepts and Python's {@code float()} refuses. */
    private static final java.util.regex.Pattern JAVA_ONLY_NUMBER = java.util.regex.Pattern.compile("[xXpPfFdD]");

    private TextLines() {
    }

    /** Receives one line (without its terminator) and its 1-based number. */
    public interface LineHandler {
        /** Takes one line; may refuse it with a {@link BadInputException}. */
        void line(String text, int number) throws BadInputException;
    }

    /**
     * Reads a UTF-8 file line by line (a leading byte-order mark dropped), handing each to {@code handler}.
     *
     * @throws BadInputException for a missing file, text that is not UTF-8, or what the handler refuses
     */
    public static void read(Path file, LineHandler handler) throws BadInputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (n == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                    s = s.substring(1);
                }
                handler.line(s, n);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file, "not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Splits on runs of blanks (spaces and tabs), dropping leading and trailing blanks. */
    public static String[] fields(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("[ \\t]+");
    }

    /**
     * A finite number as Python's {@code float()} reads it ({@code what} names it in the error), else an
     * error naming file and line.
     */
    public static double parseDouble(Path file, int line, String field, String what) throws BadInputException {
        try {
            if (JAVA_ONLY_NUMBER.matcher(field).find()) {
                throw new NumberFormatException(); // Java reads "0x1p3" and "2f"; the official Python scorers do not
            }
            double d = Double.parseDouble(field);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadInputException(file, "line " + line + ": " + what + " must be a finite number, found '" + field + "'");
        }
    }

    /** A number in [0, 1], else an error naming file and line. */
    public static double parseScore(Path file, int line, String field) throws BadInputException {
        double s = parseDouble(file, line, field, "score");
        if (!(s >= 0 && s <= 1)) {
            throw new BadInputException(file, "line " + line + ": score " + field + " is outside [0, 1]");
        }
        return s;
    }
}
