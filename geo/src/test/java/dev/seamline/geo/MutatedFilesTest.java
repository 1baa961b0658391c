package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random damage to GDAL-made files (bytes overwritten in the header and directory, or the file
 * cut short): opening and reading either works or fails with a one-line {@link BadInputException}
 * naming the file, never another exception, a hang or an out-of-memory.
 */
class MutatedFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiled_deflate.tif", "striped_lzw.tif", "uint16_4band_planar_be.tif", "bigtiff_small.tif",
        "packbits_int16.tif", "float32_pred3.tif", "jpeg_tiled.tif"})
    void damagedFilesFailCleanly(String file, @TempDir Path dir) throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.resource("made/" + file));
        Random rnd = new Random(file.hashCode());
        Path p = dir.resolve("damaged.tif");
        for (int trial = 0; trial < 150; trial++) {
            byte[] b = original.clone();
            if (trial % 5 == 4) {
                b = java.util.Arrays.copyOf(b, 8 + rnd.nextInt(b.length - 8));
            } else {
                int hits = 1 + rnd.nextInt(4);
                int span = Math.min(b.length, 600); // header, directory and tag arrays of these small files
                for (int h = 0; h < hits; h++) {
                    b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
                }
            }
            Files.write(p, b);
            int t = trial;
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Scene s = Scene.open(p)) {
                    s.read(new PixelWindow(-3, -3, Math.min(s.width(), 500) + 6, Math.min(s.height(), 500) + 6));
                } catch (BadInputException e) {
                    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
                    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
                } catch (Exception | OutOfMemoryError e) {
                    fail(file + " trial " + t + ": " + e, e);
                }
            });
        }
    }
}
