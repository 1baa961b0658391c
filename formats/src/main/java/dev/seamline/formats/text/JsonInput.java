package dev.seamline.formats.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streaming JSON input with line numbers: every element of a top-level array (or of a named array
 * member of the top-level object) is handed over as a small tree together with the line it starts
 * on, so that errors can name the file and the line. Shared by the readers of the format packages
 * (and the metrics' own small inputs), not a user API. Stateless and thread-safe.
 */
public final class JsonInput {

    /**
     * The one Jackson mapper of the format readers and writers: default settings, on the readers' one
     * factory ({@link JsonFiles#FACTORY}: decimal numbers parsed by Jackson's fast double parser).
     * The streaming readers ({@link JsonMembers#readArray}) and {@link PrettyJson} do without it:
     * building a mapper is ~0.1 s of CPU at the start of a short run.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFiles.FACTORY);

    private JsonInput() {
    }

    /** Receives one array element, as its {@link JsonMembers}, and the line it starts on (1-based). */
    public interface MembersHandler {
        /** Takes one element; may refuse it with a {@link BadInputException}. */
        void element(String arrayName, JsonMembers members, int line) throws BadInputException;
    }

    /** Receives one array element and the line it starts on (1-based). */
    public interface ElementHandler {
        /** Takes one element; may refuse it with a {@link BadInputException}. */
        void element(String arrayName, JsonNode node, int line) throws BadInputException;
    }

    /**
     * Reads a file whose root is an object: each member named in {@code arrays} must be an array and
     * its elements go to {@code handler}; other members are returned in a small tree (arrays skipped).
     */
    public static JsonNode readObjectArrays(Path file, java.util.Set<String> arrays, ElementHandler handler)
            throws BadInputException {
        com.fasterxml.jackson.databind.node.ObjectNode rest = MAPPER.createObjectNode();
        return parse(file, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(file, "line " + line(p) + ": expected a JSON object at the top level");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (arrays.contains(name)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new BadInputException(file, "line " + line(p) + ": \"" + name + "\" must be an array");
                    }
                    readElements(file, p, name, handler);
                } else if (t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    rest.set(name, MAPPER.readTree(p));
                }
            }
            return rest;
        });
    }

    /** Reads a file whose root is an array, handing each element to {@code handler}. */
    public static void readArray(Path file, ElementHandler handler) throws BadInputException {
        parse(file, p -> {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(file, "line " + line(p) + ": expected a JSON array at the top level");
            }
            readElements(file, p, "", handler);
            if (p.nextToken() != null) {
                throw new BadInputException(file, "line " + line(p) + ": unexpected content after the array");
            }
            return null;
        });
    }

    /**
     * As {@link #readObjectArrays}, but each element comes as its {@link JsonMembers}, read straight from
     * the parser without a tree: {@link JsonMembers#readObjectArrays}.
     */
    public static void readObjectArrayMembers(Path file, java.util.Set<String> arrays, List<String> members,
            MembersHandler handler) throws BadInputException {
        JsonMembers.readObjectArrays(file, arrays, members, handler);
    }

    /** As {@link #readArray}, but each element comes as its {@link JsonMembers}: {@link JsonMembers#readArray}. */
    public static void readArrayMembers(Path file, List<String> members, MembersHandler handler) throws BadInputException {
        JsonMembers.readArray(file, members, handler);
    }

    /** Reads a whole (small) JSON file as a tree. */
    public static JsonNode readTree(Path file) throws BadInputException {
        return parse(file, p -> {
            JsonNode n = MAPPER.readTree(p);
            if (n == null) {
                throw new BadInputException(file, "empty file, expected JSON");
            }
            return n;
        });
    }

    private static void readElements(Path file, JsonParser p, String name, ElementHandler handler) throws IOException,
            BadInputException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new BadInputException(file, "line " + line(p) + ": the file ends inside an array");
            }
            int line = line(p);
            JsonNode node = MAPPER.readTree(p);
            handler.element(name, node, line);
        }
    }

    private static <T> T parse(Path file, JsonFiles.ParserBody<T> body) throws BadInputException {
        return JsonFiles.parse(file, body);
    }

    private static int line(JsonParser p) {
        return JsonFiles.line(p);
    }

    // ---- field access with errors that name file and line (JsonFields) ----

    /** A finite number {@code field} of {@code node}, else an error naming file and line. */
    public static double number(Path file, int line, JsonNode node, String field) throws BadInputException {
        return JsonFields.number(file, line, node, field);
    }

    /** An integral number {@code field} of {@code node}, else an error naming file and line. */
    public static long integer(Path file, int line, JsonNode node, String field) throws BadInputException {
        return JsonFields.integer(file, line, node, field);
    }

    /** An array {@code field} of exactly {@code count} finite numbers, else an error naming file and line. */
    public static double[] numbers(Path file, int line, JsonNode node, String field, int count) throws BadInputException {
        return JsonFields.numbers(file, line, node, field, count);
    }

    /** A COCO {@code [x, y, w, h]}: see {@link JsonFields#xywh}. */
    public static double[] xywh(Path file, int line, JsonNode node, String field) throws BadInputException {
        return JsonFields.xywh(file, line, node, field);
    }

    /** A string or number {@code field} as text, else an error naming file and line. */
    public static String text(Path file, int line, JsonNode node, String field) throws BadInputException {
        return JsonFields.text(file, line, node, field);
    }

    /** A number {@code field} in [0, 1], else an error naming file and line. */
    public static double score(Path file, int line, JsonNode node, String field) throws BadInputException {
        return JsonFields.score(file, line, node, field);
    }
}
