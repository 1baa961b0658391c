package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@link NumpySort} gives numpy's own argsort order, ties included, on the arrays of
 * src/test/resources/dev/seamline/eval/numpy/argsort_cases.json (make_argsort_cases.py).
 */
class NumpySortTest {

    @Test
    void matchesNumpyArgsortOnTies() throws Exception {
        JsonNode cases = Fixtures.json(Fixtures.resource("numpy/argsort_cases.json"));
        int k = 0;
        for (JsonNode c : cases) {
            JsonNode vals = c.get("values");
            double[] v = new double[vals.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = vals.get(i).isNull() ? Double.NaN : vals.get(i).asDouble();
            }
            int[] expected = new int[c.get("argsort").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("argsort").get(i).asInt();
            }
            assertArrayEquals(expected, NumpySort.argsort(v), "case " + k + " (n = " + v.length + ")");
            k++;
        }
    }
}
