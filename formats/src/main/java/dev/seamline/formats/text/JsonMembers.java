package dev.seamline.formats.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The members of one element of a JSON array, read straight from the parser by {@link #readArray}
 * and {@link #readObjectArrays}, for the files where a tree per element would be most of the reading
 * (COCO's 100,000 results). Only the members named
 * up front are kept: numbers, strings, booleans and nulls as values, arrays of numbers as numbers,
 * any other array or object as a tree; the rest are skipped (still checked for well-formed JSON).
 * Where a member is missing, of the wrong type or out of range, an accessor hands the member's tree
 * to the matching {@link JsonInput} accessor, so values and messages are those of the tree readers;
 * {@link #path} gives the tree of one member ({@link JsonNode}'s own lenient conversions). As with a
 * tree, the last of duplicate members wins.
 *
 * <p>One instance is refilled for every element: it is valid only during the handler's call. Not
 * thread-safe.
 */
public final class JsonMembers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int INT = 0, LONG = 1, BIG = 2, DOUBLE = 3;

    private final Path file;
    private final String[] names;
    private boolean object;
    /** Per named member: its value's first token, null when absent. */
    private final JsonToken[] token;
    /** Per member: a number's or a number array's first index in the number pool, and its length. */
    private final int[] from, length;
    private final String[] text;
    private final JsonNode[] tree;
    /** The number pool: kind (INT, LONG, BIG, DOUBLE), value as a double and as a long, the big integer. */
    private int[] kind = new int[16];
    private double[] dbl = new double[16];
    private long[] lng = new long[16];
    private BigInteger[] big = new BigInteger[16];
    private int pooled;

    JsonMembers(Path file, List<String> names) {
        this.file = file;
        this.names = names.toArray(String[]::new);
        int n = this.names.length;
        token = new JsonToken[n];
        from = new int[n];
        length = new int[n];
        text = new String[n];
        tree = new JsonNode[n];
    }

    /**
     * Reads a file whose root is an array, handing each element to {@code handler} as its members
     * (only those named in {@code members} kept), with the line it starts on.
     *
     * @throws BadInputException naming the file and line for malformed JSON or a root that is not an
     *                           array, or as the handler throws it
     */
    public static void readArray(Path file, List<String> members, JsonInput.MembersHandler handler) throws BadInputException {
        JsonFiles.parse(file, p -> {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(file, "line " + JsonFiles.line(p) + ": expected a JSON array at the top level");
            }
            readElements(file, p, "", new JsonMembers(file, members), handler);
            if (p.nextToken() != null) {
                throw new BadInputException(file, "line " + JsonFiles.line(p) + ": unexpected content after the array");
            }
            return null;
        });
    }

    /**
     * Reads a file whose root is an object: each member named in {@code arrays} must be an array and
     * its elements go to {@code handler} as their members (only those named in {@code members} kept);
     * the other top-level members are skipped (still checked for well-formed JSON).
     *
     * @throws BadInputException naming the file and line for malformed JSON, a root that is not an
     *                           object or a named member that is not an array, or as the handler throws it
     */
    public static void readObjectArrays(Path file, java.util.Set<String> arrays, List<String> members,
            JsonInput.MembersHandler handler) throws BadInputException {
        JsonFiles.parse(file, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(file, "line " + JsonFiles.line(p) + ": expected a JSON object at the top level");
            }
            JsonMembers m = new JsonMembers(file, members);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (arrays.contains(name)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new BadInputException(file, "line " + JsonFiles.line(p) + ": \"" + name + "\" must be an array");
                    }
                    readElements(file, p, name, m, handler);
                } else {
                    p.skipChildren();
                }
            }
            return null;
        });
    }

    private static void readElements(Path file, JsonParser p, String name, JsonMembers m, JsonInput.MembersHandler handler)
            throws IOException, BadInputException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new BadInputException(file, "line " + JsonFiles.line(p) + ": the file ends inside an array");
            }
            int line = JsonFiles.line(p);
            m.read(p);
            handler.element(name, m, line);
        }
    }

    /** True when the element is an object (else it has no members). */
    public boolean isObject() {
        return object;
    }

    /** True when the element has member {@code field} (which must be one of the names read). */
    public boolean has(String field) {
        return token[slot(field)] != null;
    }

    /** Member {@code field} as Jackson's tree would hold it; a missing node when absent (as {@link JsonNode#path}). */
    public JsonNode path(String field) {
        JsonNode n = node(slot(field));
        return n == null ? MissingNode.getInstance() : n;
    }

    /** As {@link JsonInput#number}: a finite number, else an error naming file and line. */
    public double number(int line, String field) throws BadInputException {
        int i = slot(field);
        if (isNumber(i) && Double.isFinite(dbl[from[i]])) {
            return dbl[from[i]];
        }
        return JsonFields.number(file, line, holding(i), field);
    }

    /** As {@link JsonInput#integer}: an integral number, else an error naming file and line. */
    public long integer(int line, String field) throws BadInputException {
        int i = slot(field);
        if (isNumber(i) && kind[from[i]] <= LONG) {
            return lng[from[i]];
        }
        return JsonFields.integer(file, line, holding(i), field);
    }

    /** As {@link JsonInput#score}: a number in [0, 1], else an error naming file and line. */
    public double score(int line, String field) throws BadInputException {
        int i = slot(field);
        if (isNumber(i) && dbl[from[i]] >= 0 && dbl[from[i]] <= 1) {
            return dbl[from[i]];
        }
        return JsonFields.score(file, line, holding(i), field);
    }

    /** As {@link JsonInput#xywh}: a COCO {@code [x, y, w, h]} of finite numbers with finite sums. */
    public double[] xywh(int line, String field) throws BadInputException {
        int i = slot(field);
        if (token[i] == JsonToken.START_ARRAY && tree[i] == null && length[i] == 4) {
            int o = from[i];
            double x = dbl[o], y = dbl[o + 1], w = dbl[o + 2], h = dbl[o + 3];
            if (Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h)
                    && Double.isFinite(x + w) && Double.isFinite(y + h)) {
                return new double[] {x, y, w, h};
            }
        }
        return JsonFields.xywh(file, line, holding(i), field);
    }

    // ---- reading

    /** Reads the element the parser stands on (its first token), and everything in it. */
    void read(JsonParser p) throws IOException {
        Arrays.fill(token, null);
        Arrays.fill(tree, null);
        Arrays.fill(text, null);
        Arrays.fill(big, 0, pooled, null);
        pooled = 0;
        object = p.currentToken() == JsonToken.START_OBJECT;
        if (!object) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = find(p.currentName());
            JsonToken t = p.nextToken();
            if (i < 0) {
                p.skipChildren();
                continue;
            }
            token[i] = t;
            tree[i] = null;
            switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    from[i] = pooled;
                    length[i] = 1;
                    pool(p);
                }
                case VALUE_STRING -> text[i] = p.getText();
                case START_ARRAY -> readArray(p, i);
                case START_OBJECT -> tree[i] = tree(p);
                default -> {
                    // true, false, null: the token says it all
                }
            }
        }
    }

    /** An array member: numbers into the pool while it holds only numbers, else a tree. */
    private void readArray(JsonParser p, int i) throws IOException {
        from[i] = pooled;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            pool(p);
        }
        length[i] = pooled - from[i];
        if (t == JsonToken.END_ARRAY) {
            return;
        }
        ArrayNode a = NODES.arrayNode();
        for (int k = from[i]; k < pooled; k++) {
            a.add(numberNode(k));
        }
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            a.add(tree(p));
        }
        tree[i] = a;
    }

    private void pool(JsonParser p) throws IOException {
        if (pooled == kind.length) {
            int n = pooled * 2;
            kind = Arrays.copyOf(kind, n);
            dbl = Arrays.copyOf(dbl, n);
            lng = Arrays.copyOf(lng, n);
            big = Arrays.copyOf(big, n);
        }
        int k = pooled++;
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            kind[k] = DOUBLE;
            dbl[k] = p.getDoubleValue();
            return;
        }
        switch (p.getNumberType()) {
            case INT -> {
                kind[k] = INT;
                lng[k] = p.getIntValue();
            }
            case LONG -> {
                kind[k] = LONG;
                lng[k] = p.getLongValue();
            }
            default -> {
                BigInteger b = p.getBigIntegerValue();
                kind[k] = BIG;
                big[k] = b;
                lng[k] = b.longValue();
            }
        }
        dbl[k] = kind[k] == BIG ? big[k].doubleValue() : (double) lng[k];
    }

    /** The value the parser stands on as a tree, with the node types Jackson's own tree reader gives. */
    private static JsonNode tree(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.replace(name, tree(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(tree(p));
                }
                return a;
            }
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            default:
                return NODES.nullNode();
        }
    }

    // ---- the trees of the accessors' fall-back

    private boolean isNumber(int i) {
        return token[i] == JsonToken.VALUE_NUMBER_INT || token[i] == JsonToken.VALUE_NUMBER_FLOAT;
    }

    private JsonNode node(int i) {
        JsonToken t = token[i];
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numberNode(from[i]);
            case VALUE_STRING -> NODES.textNode(text[i]);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case START_ARRAY -> {
                if (tree[i] != null) {
                    yield tree[i];
                }
                ArrayNode a = NODES.arrayNode();
                for (int k = from[i]; k < from[i] + length[i]; k++) {
                    a.add(numberNode(k));
                }
                yield a;
            }
            case START_OBJECT -> tree[i];
            default -> NODES.nullNode();
        };
    }

    private JsonNode numberNode(int k) {
        return switch (kind[k]) {
            case INT -> NODES.numberNode((int) lng[k]);
            case LONG -> NODES.numberNode(lng[k]);
            case BIG -> NODES.numberNode(big[k]);
            default -> NODES.numberNode(dbl[k]);
        };
    }

    /** An object holding member i alone (or nothing, when absent): what the tree accessors take. */
    private ObjectNode holding(int i) {
        ObjectNode o = NODES.objectNode();
        JsonNode n = node(i);
        if (n != null) {
            o.set(names[i], n);
        }
        return o;
    }

    private int find(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int slot(String field) {
        int i = find(field);
        if (i < 0) {
            throw new IllegalArgumentException("member '" + field + "' was not asked for when reading");
        }
        return i;
    }
}
