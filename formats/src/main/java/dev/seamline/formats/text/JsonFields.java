package dev.seamline.formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import java.nio.file.Path;

/**
 * The field accessors of {@link JsonInput} (which delegates here), in a class that does not hold
 * Jackson's object mapper, for the streaming readers. Stateless and thread-safe.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A finite number {@code field} of {@code node}, else an error naming file and line. */
    public static double number(Path file, int line, JsonNode node, String field) throws BadInputException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must be a number"
                    + (v == null ? " (missing)" : ", found " + v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must be finite");
        }
        return d;
    }

    /** An integral number {@code field} of {@code node}, else an error naming file and line. */
    public static long integer(Path file, int line, JsonNode node, String field) throws BadInputException {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must be an integer"
                    + (v == null ? " (missing)" : ", found " + v));
        }
        return v.longValue();
    }

    /** An array {@code field} of exactly {@code count} finite numbers, else an error naming file and line. */
    public static double[] numbers(Path file, int line, JsonNode node, String field, int count) throws BadInputException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.size() != count) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must be an array of " + count
                    + " numbers" + (v == null ? " (missing)" : ", found " + v));
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).doubleValue())) {
                throw new BadInputException(file, "line " + line + ": \"" + field + "\" must hold finite numbers, found " + v);
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    /**
     * A COCO {@code [x, y, w, h]}: four finite numbers whose sums {@code x + w} and {@code y + h} are
     * finite too (two numbers near 1.8e308 are each finite, their sum is not a box corner).
     */
    public static double[] xywh(Path file, int line, JsonNode node, String field) throws BadInputException {
        double[] b = numbers(file, line, node, field, 4);
        if (!Double.isFinite(b[0] + b[2]) || !Double.isFinite(b[1] + b[3])) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must hold finite numbers whose sums x + w "
                    + "and y + h are finite, found " + node.get(field));
        }
        return b;
    }

    /** A string or number {@code field} as text, else an error naming file and line. */
    public static String text(Path file, int line, JsonNode node, String field) throws BadInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new BadInputException(file, "line " + line + ": \"" + field + "\" must be a string or number"
                    + (v == null ? " (missing)" : ", found " + v));
        }
        return v.asText();
    }

    /** A number {@code field} in [0, 1], else an error naming file and line. */
    public static double score(Path file, int line, JsonNode node, String field) throws BadInputException {
        double s = number(file, line, node, field);
        if (!(s >= 0 && s <= 1)) {
            throw new BadInputException(file, "line " + line + ": score " + s + " is outside [0, 1]");
        }
        return s;
    }
}
