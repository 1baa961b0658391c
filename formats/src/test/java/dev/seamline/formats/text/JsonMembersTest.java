package dev.seamline.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming members of {@link JsonInput#readArrayMembers} against the tree reader on the same
 * elements: each member as a node equals Jackson's own tree node (type and value), and every accessor
 * gives the value, or the message, of the tree accessor.
 */
class JsonMembersTest {

    private static final List<String> NAMES = List.of("v", "dup", "absent");

    /** Values of every JSON kind, the number types Jackson tells apart, and arrays that stop being numbers. */
    private static final String[] VALUES = {"1", "-7", "0", "2147483648", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "1.5", "-0.0", "1e999", "-1e999", "1E5", "0.1", "2.5e-320", "\"one\"", "\"\"",
        "\"a\\\"b\\u00e9\"", "true", "false", "null", "[]", "[1, 2, 3, 4]", "[1.5, 2, 3e2, 4]", "[1, 2, 3]",
        "[1, 2, 3, 4, 5]", "[1, \"2\", 3, 4]", "[1, 2, [3], 4]", "[1e999, 0, 1, 1]", "[1.5e308, 0, 1.5e308, 1]",
        "[0, 1.5e308, 1, 1.5e308]", "[null, 1, 2, 3]", "[12345678901234567890123, 0, 1, 1]", "{}",
        "{\"a\": [1, {\"b\": null}], \"a\": 2}", "0.5", "1", "1.0000001", "-0.0001"};

    @Test
    void everyMemberIsJacksonsNodeAndEveryAccessorTheTreeAccessors(@TempDir Path dir) throws Exception {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < VALUES.length; i++) {
            // each value twice: alone, and as the last of a duplicated member after a skipped one
            json.append("{\"v\": ").append(VALUES[i]).append(", \"skipped\": [[1, 2], {\"x\": 3}], \"dup\": 0, \"dup\": ")
                    .append(VALUES[i]).append("},\n");
        }
        json.append("7, [1, 2], {}\n]");
        Path file = dir.resolve("elements.json");
        Files.writeString(file, json);
        List<JsonNode> trees = new ArrayList<>();
        JsonInput.readArray(file, (name, n, line) -> trees.add(n));
        List<String> checked = new ArrayList<>();
        JsonInput.readArrayMembers(file, NAMES, (name, m, line) -> {
            JsonNode tree = trees.get(checked.size());
            assertEquals(tree.isObject(), m.isObject(), "element " + tree);
            for (String field : NAMES) {
                String what = "member " + field + " of " + tree;
                assertEquals(tree.has(field), m.has(field), what);
                assertEquals(tree.path(field), m.path(field), what);
                assertEquals(tree.path(field).getClass(), m.path(field).getClass(), what);
                assertSame(() -> JsonInput.number(file, line, tree, field), () -> m.number(line, field), what + " number");
                assertSame(() -> (double) JsonInput.integer(file, line, tree, field), () -> (double) m.integer(line, field),
                        what + " integer");
                assertSame(() -> JsonInput.score(file, line, tree, field), () -> m.score(line, field), what + " score");
                assertSame(() -> List.of(box(JsonInput.xywh(file, line, tree, field))),
                        () -> List.of(box(m.xywh(line, field))), what + " xywh");
            }
            checked.add(tree.toString());
        });
        assertEquals(trees.size(), checked.size());
    }

    @Test
    void malformedJsonInsideAnElementIsTheParsersMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"v\": 1},\n {\"skipped\": [1, 2,, 3]}]");
        BadInputException tree = assertThrowsBad(() -> JsonInput.readArray(file, (name, n, line) -> { }));
        BadInputException members = assertThrowsBad(() -> JsonInput.readArrayMembers(file, NAMES, (name, m, line) -> { }));
        assertEquals(tree.getMessage(), members.getMessage());
        assertTrue(members.getMessage().contains("line 2"), members.getMessage());
    }

    @Test
    void topLevelMembersOtherThanTheArraysAreSkippedButChecked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("object.json");
        Files.writeString(file, "{\"info\": {\"deep\": [[[1]]]}, \"items\": [{\"v\": 2}], \"licenses\": []}");
        List<Double> seen = new ArrayList<>();
        JsonInput.readObjectArrayMembers(file, java.util.Set.of("items"), NAMES, (name, m, line) -> seen.add(m.number(line, "v")));
        assertEquals(List.of(2.0), seen);
        Files.writeString(file, "{\"info\": {\"deep\": [1,]}, \"items\": []}");
        BadInputException e = assertThrowsBad(() -> JsonInput.readObjectArrayMembers(file, java.util.Set.of("items"), NAMES,
                (name, m, line) -> { }));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static List<Double> box(double[] b) {
        List<Double> l = new ArrayList<>();
        for (double d : b) {
            l.add(d);
        }
        return l;
    }

    interface Value {
        Object get() throws BadInputException;
    }

    interface Action {
        void run() throws BadInputException;
    }

    /** Both give the same value, or both throw the same message. */
    private static void assertSame(Value tree, Value members, String what) {
        Object a, b;
        try {
            a = tree.get();
        } catch (BadInputException e) {
            a = "error: " + e.getMessage();
        }
        try {
            b = members.get();
        } catch (BadInputException e) {
            b = "error: " + e.getMessage();
        }
        assertEquals(a, b, what);
    }

    private static BadInputException assertThrowsBad(Action a) {
        try {
            a.run();
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("expected a BadInputException");
    }
}
