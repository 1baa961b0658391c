package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of TIFF, BigTIFF and GeoKey parsing and block decoding: any bytes
 * must open and read, or fail with a one-line {@link BadInputException} naming the file — no other
 * exception, no error, no more than {@value #MAX_ALLOCATED_MB} MB allocated for one input, no input
 * taking over {@value #MAX_SECONDS} s.
 *
 * <p>A plain build replays the committed inputs in {@code TiffFuzzTestInputs/} (seeds and every
 * crash found); {@code JAZZER_FUZZ=1} fuzzes (docs/robustness.md, "What Seamline promises").
 */
class TiffFuzzTest {

    static final int MAX_ALLOCATED_MB = 64, MAX_SECONDS = 10;

    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
        try {
            Path dir = Files.createTempDirectory("seamline-fuzz-tiff");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve("fuzzed.tif");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    });

    static {
        // first use of the EPSG database, SIS's GeoTIFF reader and ImageIO allocates once per process: not per input
        for (String f : new String[] {"laea_3035.tif", "geographic_4326.tif", "jpeg_tiled.tif", "point_rotated.tif"}) {
            try {
                HostileTiff.exercise(Fixtures.resource("made/" + f));
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void sceneOpenInfoAndEveryBlock(byte[] data) throws Exception {
        Path p = FILE.get();
        Files.write(p, data);
        long t0 = System.nanoTime(), a0 = HostileTiff.allocatedBytes();
        try {
            HostileTiff.exercise(p);
        } catch (BadInputException e) {
            HostileTiff.assertOneLineNamingFile(e, p);
        }
        long mb = (HostileTiff.allocatedBytes() - a0) >> 20;
        long s = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(mb < MAX_ALLOCATED_MB || mb < 2L * data.length >> 20, data.length + " bytes made Seamline allocate " + mb + " MB");
        assertTrue(s < MAX_SECONDS, data.length + " bytes took " + s + " s");
    }
}
