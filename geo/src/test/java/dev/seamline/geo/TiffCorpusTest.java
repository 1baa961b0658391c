package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed TIFF/GeoTIFF files ({@code corpus/}, made by {@code corpus/make_corpus.py},
 * described line by line in {@code corpus/manifest.tsv}): each file goes through everything a reader
 * does with a scene ({@link HostileTiff#exercise}: open with the CRS, every piece of information, every
 * block read) and must end as its manifest line says — a one-line {@link BadInputException} naming the
 * file and the problem, or, for damage where Seamline does not look, a clean read — within 10 s, and
 * without allocating more than {@value #MAX_ALLOCATED_MB} MB for a file of at most 20 KB.
 */
class TiffCorpusTest {

    static final int MAX_ALLOCATED_MB = 64;

    static final Corpus CORPUS = Corpus.besides(TiffCorpusTest.class);

    static List<Corpus.Case> cases() {
        return CORPUS.cases();
    }

    @BeforeAll
    static void warmUp() throws Exception {
        // the first EPSG lookup, SIS GeoTIFF reader and ImageIO use load databases and classes once per process
        for (String f : new String[] {"laea_3035.tif", "geographic_4326.tif", "jpeg_tiled.tif"}) {
            HostileTiff.exercise(Fixtures.resource("made/" + f));
        }
        HostileTiff.exercise(Fixtures.resource("corpus/base.tif"));
        try {
            HostileTiff.exercise(Fixtures.resource("corpus/geokeys_user_defined_empty.tif"));
        } catch (BadInputException expected) {
            // warms up SIS's own GeoTIFF reader
        }
    }

    @Test
    void corpusHasAtLeastFortyBrokenFiles() {
        assertTrue(cases().stream().filter(c -> c.mode().equals("bad")).count() >= 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFileEndsAsItsManifestSays(Corpus.Case c) {
        Path p = CORPUS.resolve(c.name());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                if (c.mode().equals("bad")) {
                    BadInputException e = assertThrows(BadInputException.class, () -> HostileTiff.exercise(p), c.how());
                    Corpus.assertOneLine(e.getMessage(), p + ": ", c.phrase());
                } else {
                    assertTrue(HostileTiff.exercise(p) > 0);
                    if (c.mode().equals("ok-pattern")) {
                        assertBasePattern(p);
                    }
                }
            } catch (OutOfMemoryError e) {
                fail(c.name() + ": out of memory", e);
            }
        });
    }

    /** Measured on the test's own thread (the timeout above runs the body on another one). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSmallFileNeverAllocatesMuch(Corpus.Case c) throws IOException {
        Path p = CORPUS.resolve(c.name());
        long size = Files.size(p);
        assertTrue(size <= 20_000, c.name() + " is " + size + " bytes");
        // the outcome is checked above
        Corpus.assertAllocatesUnder(MAX_ALLOCATED_MB, c.name() + " (" + size + " bytes) made Seamline allocate",
                () -> HostileTiff.exercise(p), Exception.class);
    }

    /** base.tif's pixels: (7 i + 3 j) mod 256, as make_corpus.py writes them (and GDAL reads them back). */
    private static void assertBasePattern(Path p) throws Exception {
        try (Scene s = Scene.open(p)) {
            PixelBuffer b = s.read(new PixelWindow(0, 0, 32, 32));
            byte[] px = (byte[]) b.data();
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    assertEquals((byte) ((7 * i + 3 * j) % 256), px[j * 32 + i], "pixel " + i + "," + j);
                }
            }
        }
    }
}
