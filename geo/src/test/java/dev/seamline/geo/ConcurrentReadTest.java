package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many threads reading random windows of one scene get the same samples as one thread, with or without the cache. */
class ConcurrentReadTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiled_deflate.tif", "striped_lzw.tif", "uint16_4band.tif", "jpeg_tiled.tif"})
    void concurrentReadsEqualSequentialOnes(String file) throws Exception {
        Path p = Fixtures.resource("made/" + file);
        Random rnd = new Random(42);
        List<PixelWindow> windows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            windows.add(new PixelWindow(rnd.nextInt(140) - 20, rnd.nextInt(90) - 20, 1 + rnd.nextInt(60), 1 + rnd.nextInt(60)));
        }
        List<PixelBuffer> expected = new ArrayList<>();
        try (Scene s = Scene.open(p, 0)) {
            for (PixelWindow w : windows) {
                expected.add(s.read(w));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Scene s = Scene.open(p, 1)) {
            List<Future<PixelBuffer>> got = new ArrayList<>();
            for (PixelWindow w : windows) {
                got.add(pool.submit(() -> s.read(w)));
            }
            for (int i = 0; i < windows.size(); i++) {
                Object a = expected.get(i).data(), b = got.get(i).get().data();
                if (a instanceof byte[] x) {
                    assertArrayEquals(x, (byte[]) b, "window " + windows.get(i));
                } else {
                    assertArrayEquals((short[]) a, (short[]) b, "window " + windows.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
