package dev.seamline.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PrettyJson} writes what Jackson's mapper writes with INDENT_OUTPUT, character for character. */
class PrettyJsonTest {

    private static String mapper(Object v) throws Exception {
        return JsonInput.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v);
    }

    @Test
    void plainValuesAreWrittenAsTheMapperWritesThem() throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("stats", Arrays.asList(0.1, -0.0, 1e-17, 5.551115123125783E-17, 1e300, 123456789.125, null, 1.0, -1.0));
        v.put("max_dets", 100);
        v.put("big", Long.MAX_VALUE);
        v.put("f", 0.1f);
        v.put("flag", true);
        v.put("no", false);
        v.put("nothing", null);
        v.put("text", "caf\u00e9 \"quoted\" \\ tab\t newline\n \u0001 \ud83d\ude97 </script>");
        v.put("empty_map", new LinkedHashMap<>());
        v.put("empty_list", List.of());
        Map<String, Object> per = new LinkedHashMap<>();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("AP", 0.5);
        one.put("curve", List.of(List.of(1, 2), List.of()));
        per.put("1", one);
        per.put("", Map.of("k", "v"));
        v.put("per_class", per);
        assertEquals(mapper(v), PrettyJson.write(v));
        assertEquals(mapper(List.of(1, 2.5, "x")), PrettyJson.write(List.of(1, 2.5, "x")));
        assertEquals(mapper(3.0), PrettyJson.write(3.0));
        assertEquals(mapper(null), PrettyJson.write(null));
    }

    @Test
    void randomDoublesAreSpelledAsTheMapperSpellsThem() throws Exception {
        Random r = new Random(19);
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            l.add(switch (i % 4) {
                case 0 -> r.nextDouble();
                case 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> (double) r.nextInt(1000) / 1000;
                default -> r.nextGaussian() * 1e-5;
            });
        }
        assertEquals(mapper(l), PrettyJson.write(l));
    }

    @Test
    void otherValuesGoToTheMapperWhole() throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("a", new BigDecimal("1.50"));
        v.put("b", new double[] {1, 2});
        v.put("c", Thread.State.NEW);
        assertEquals(mapper(v), PrettyJson.write(v));
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(7, "seven");
        assertEquals(mapper(keys), PrettyJson.write(keys));
    }
}
