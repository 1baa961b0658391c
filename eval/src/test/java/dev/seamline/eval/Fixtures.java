package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.formats.text.JsonInput;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures: the case folders under src/test/resources/dev/seamline/eval and value comparisons. */
final class Fixtures {

    static final double TOL = 1e-9;

    private Fixtures() {
    }

    /** A resource folder or file next to this package, e.g. {@code coco/edges}. */
    static Path resource(String relative) {
        try {
            var url = Fixtures.class.getResource(relative);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + relative);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared real-data folder, ../../shared/data/real from the module directory. */
    static Path realData() {
        return Path.of("../../shared/data/real").toAbsolutePath().normalize();
    }

    static boolean hasRealData(String sub) {
        return Files.isDirectory(realData().resolve(sub));
    }

    static JsonNode json(Path file) throws Exception {
        return JsonInput.MAPPER.readTree(file.toFile());
    }

    /** Expected number (null meaning NaN) equals actual within {@link #TOL}. */
    static void assertNumber(JsonNode expected, double actual, String what) {
        if (expected == null || expected.isNull()) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN/null, got " + actual);
        } else {
            assertEquals(expected.asDouble(), actual, TOL, what);
        }
    }

    static void assertNumber(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, TOL, what);
        }
    }
}
