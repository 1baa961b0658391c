package dev.seamline.formats.text;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.InputFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Line-by-line reading of text formats with errors that name the file and the line; shared by the
 * readers of the format packages and the metrics, not a user API. Stateless and thread-safe. */
public final class TextLines {

    private TextLines() {
    }

    /** Receives one line (without its terminator) and its 1-based number. */
    public interface LineHandler {
        /** Takes one line; may refuse it with a {@link BadInputException}. */
        void line(String text, int number) throws BadInputException;
    }

    /**
     * The longest line read, characters: a label or prediction line is a few hundred characters (a
     * SpaceNet building's WKT a few thousand), so a longer one is refused before it fills the heap (a
     * 1.2 GB labelTxt without a newline would otherwise end in an {@code OutOfMemoryError}).
     */
    public static final int MAX_LINE_CHARS = 8 << 20;

    /**
     * Reads a UTF-8 file line by line (a leading byte-order mark dropped), handing each to {@code handler}.
     * Lines end at {@code \n}, {@code \r\n} or {@code \r}, as {@link BufferedReader#readLine} has them.
     *
     * @throws BadInputException for a missing or non-regular file (a FIFO would block forever), text that
     *                           is not UTF-8, a line over {@link #MAX_LINE_CHARS} characters, or what the
     *                           handler refuses
     */
    public static void read(Path file, LineHandler handler) throws BadInputException {
        InputFiles.requireRegularFile(file);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[1 << 13];
            StringBuilder line = new StringBuilder();
            int n = 0;
            boolean afterCr = false;
            boolean pending = false; // characters (or an empty line) not yet handed over
            for (int len; (len = r.read(buf)) > 0;) {
                int start = 0;
                for (int i = 0; i < len; i++) {
                    char c = buf[i];
                    if (c == '\n' && afterCr) { // the \n of a \r\n: the line went at the \r
                        afterCr = false;
                        start = i + 1;
                        continue;
                    }
                    afterCr = false;
                    if (c == '\n' || c == '\r') {
                        String text;
                        if (line.length() == 0) { // the whole line is in this buffer
                            text = new String(buf, start, i - start);
                        } else {
                            append(file, n + 1, line, buf, start, i);
                            text = line.toString();
                            line.setLength(0);
                        }
                        n = emit(handler, text, n);
                        pending = false;
                        afterCr = c == '\r';
                        start = i + 1;
                    } else {
                        pending = true;
                    }
                }
                append(file, n + 1, line, buf, start, len);
            }
            if (pending || line.length() > 0) {
                emit(handler, line.toString(), n);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file, "not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static void append(Path file, int number, StringBuilder line, char[] buf, int from, int to)
            throws BadInputException {
        if (line.length() + (to - from) > MAX_LINE_CHARS) {
            throw new BadInputException(file, "line " + number + " is longer than " + (MAX_LINE_CHARS >> 20)
                    + " M characters (no line end where one was expected): not a label or prediction file");
        }
        line.append(buf, from, to - from);
    }

    private static int emit(LineHandler handler, String s, int n) throws BadInputException {
        n++;
        if (n == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        handler.line(s, n);
        return n;
    }

    /**
     * Splits on runs of blanks (spaces and tabs), dropping leading and trailing white space: what
     * {@code line.strip().split("[ \\t]+")} gives (an empty array for a blank line), without a regex.
     */
    public static String[] fields(String line) {
        int from = 0, to = line.length();
        while (from < to && Character.isWhitespace(line.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return new String[0];
        }
        int count = 1;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if ((c == ' ' || c == '\t') && line.charAt(i - 1) != ' ' && line.charAt(i - 1) != '\t') {
                count++;
            }
        }
        String[] out = new String[count];
        int k = 0, start = from;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (start < i) {
                    out[k++] = line.substring(start, i);
                }
                start = i + 1;
            }
        }
        out[k] = line.substring(start, to);
        return out;
    }

    /**
     * A finite number as Python's {@code float()} reads it ({@code what} names it in the error), else an
     * error naming file and line.
     */
    public static double parseDouble(Path file, int line, String field, String what) throws BadInputException {
        double d = parseDouble(field);
        if (Double.isNaN(d)) {
            throw new BadInputException(file, "line " + line + ": " + what + " must be a finite number, found '" + field + "'");
        }
        return d;
    }

    /**
     * As {@link #parseDouble(Path, int, String, String)}, with {@code what} = {@code prefix + index}
     * built only for the error message.
     */
    public static double parseDouble(Path file, int line, String field, String prefix, int index) throws BadInputException {
        double d = parseDouble(field);
        if (Double.isNaN(d)) {
            throw new BadInputException(file, "line " + line + ": " + prefix + index + " must be a finite number, found '"
                    + field + "'");
        }
        return d;
    }

    /** A number as Python's {@code float()} reads it, NaN when it is not one or not finite. */
    private static double parseDouble(String field) {
        for (int i = 0; i < field.length(); i++) {
            switch (field.charAt(i)) {
                case 'x', 'X', 'p', 'P', 'f', 'F', 'd', 'D' -> {
                    return Double.NaN; // Java reads "0x1p3" and "2f"; the official Python scorers do not
                }
                default -> {
                }
            }
        }
        try {
            double d = Double.parseDouble(field);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
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
