package dev.seamline.formats.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Pretty-printed JSON of plain values, character for character what Jackson's object mapper writes
 * with {@code INDENT_OUTPUT} ({@link #write}), through the generator alone: the mapper's start is
 * ~0.1 s of CPU at the end of a short run (an eval's {@code --json}). Stateless and thread-safe.
 */
public final class PrettyJson {

    private PrettyJson() {
    }

    /**
     * {@code value} as {@code JsonInput.MAPPER} with {@code INDENT_OUTPUT} writes it. Plain values
     * (maps with string keys, lists, strings, booleans, {@code Integer}, {@code Long}, {@code Float},
     * {@code Double}, null) are written by the generator, the mapper's own calls in the mapper's order;
     * a value holding anything else is handed to the mapper whole.
     */
    public static String write(Object value) {
        if (!plain(value)) {
            try {
                return JsonInput.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFiles.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static boolean plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!plain(x)) {
                    return false;
                }
            }
            return true;
        }
        return v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float;
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object x : l) {
                write(g, x);
            }
            g.writeEndArray();
        } else if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else {
            g.writeNumber((Double) v);
        }
    }
}
