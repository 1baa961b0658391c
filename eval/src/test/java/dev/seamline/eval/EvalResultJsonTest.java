package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seamline.formats.text.JsonInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code --json} of every metric: what Jackson's mapper with INDENT_OUTPUT writes, character for character. */
class EvalResultJsonTest {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void jsonIsTheMappersPrettyPrint(Metric m) throws Exception {
        for (boolean geojson : new boolean[] {false, true}) {
            EvalResult r = Evaluator.evaluate(EvalCorpusTest.valid(m, geojson));
            String mapper = JsonInput.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r.jsonValues()) + "\n";
            assertEquals(mapper, r.toJson(), m + (geojson ? " (GeoJSON)" : ""));
        }
    }
}
