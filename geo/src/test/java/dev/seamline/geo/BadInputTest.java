package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each malformed file of make_fixtures.py (patched copies of a small GDAL GeoTIFF) fails on open with
 * a one-line {@link BadInputException} naming the file and the problem.
 */
class BadInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not_a_tiff.tif              | not a TIFF file",
        "truncated.tif               | truncated file",
        "tile_offsets_past_end.tif   | lies past the end of the file",
        "absurd_dimensions.tif       | absurd dimensions",
        "unsupported_compression.tif | unsupported compression ZSTD",
        "zero_bands.tif              | has no bands",
        "corrupt_geokeys.tif         | corrupt GeoKeys",
        "unknown_epsg.tif            | unknown EPSG code 9999",
    })
    void badFileIsOneLineNamingFileAndProblem(String file, String problem) {
        Path p = Fixtures.resource("bad/" + file);
        BadInputException e = assertThrows(BadInputException.class, () -> Scene.open(p).close());
        assertOneLine(e, p, problem);
    }

    @Test
    void openForPixelsDefersTheCrs() throws Exception {
        Path p = Fixtures.resource("bad/unknown_epsg.tif");
        try (Scene s = Scene.openForPixels(p, 8)) {
            assertTrue(s.read(new PixelWindow(0, 0, 8, 8)).isComplete());
            IllegalStateException e = assertThrows(IllegalStateException.class, s::georeferencing);
            assertOneLine((BadInputException) e.getCause(), p, "unknown EPSG code 9999");
        }
        try (Scene s = Scene.openForPixels(Fixtures.resource("made/laea_3035.tif"), 8)) {
            assertEquals(3035, s.georeferencing().orElseThrow().epsg().getAsInt());
        }
    }

    @Test
    void missingFileAndDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("nope.tif");
        assertOneLine(assertThrows(BadInputException.class, () -> Scene.open(missing)), missing, "no such file");
        assertOneLine(assertThrows(BadInputException.class, () -> Scene.open(dir)), dir, "is a directory");
    }

    @Test
    void corruptBlockDataFailsOnReadNamingFileAndTile(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.resource("made/tiled_deflate.tif"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4000; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path p = dir.resolve("garbled.tif");
        Files.write(p, bytes);
        try (Scene s = Scene.open(p)) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> s.read(new PixelWindow(0, 0, s.width(), s.height())));
            assertOneLine(e, p, "tile");
        }
    }

    @Test
    void emptyFile(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("empty.tif");
        Files.write(p, new byte[0]);
        assertOneLine(assertThrows(BadInputException.class, () -> Scene.open(p)), p, "not a TIFF file");
    }

    static void assertOneLine(BadInputException e, Path p, String problem) {
        String m = e.getMessage();
        assertTrue(m.startsWith(p + ": "), "names the file: " + m);
        assertTrue(m.contains(problem), "says '" + problem + "': " + m);
        assertEquals(1, m.lines().count(), "one line: " + m);
    }
}
