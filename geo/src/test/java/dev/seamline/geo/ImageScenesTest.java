package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PNG and JPEG scenes beyond GDAL's numbers: the PNG is streamed by rows in the tile sweep's order (rows
 * held for about two bands of tiles, no restart, the same pixels as the JDK's PNG reader with four
 * threads reading), and every bad file is one line naming it.
 */
class ImageScenesTest {

    @TempDir
    Path dir;

    /** A grey PNG of w × h random-ish pixels, written by the JDK's PNG writer; returns its samples. */
    private static byte[] writePng(Path p, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 7 + y * 3) & 0xff;
                img.setRGB(x, y, (v << 16) | ((rnd.nextInt(256)) << 8) | ((x ^ y) & 0xff));
            }
        }
        ImageIO.write(img, "png", p.toFile());
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y * w + x] = (byte) (rgb >> 16);
                out[w * h + y * w + x] = (byte) (rgb >> 8);
                out[2 * w * h + y * w + x] = (byte) rgb;
            }
        }
        return out;
    }

    private static byte[] window(byte[] all, int w, int h, PixelWindow win) {
        byte[] out = new byte[(int) win.pixelCount() * 3];
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < win.height(); j++) {
                System.arraycopy(all, b * w * h + (win.y() + j) * w + win.x(), out,
                        b * (int) win.pixelCount() + j * win.width(), win.width());
            }
        }
        return out;
    }

    @Test
    void aPngIsStreamedByRowsInTheTileSweepOrder() throws Exception {
        Path p = dir.resolve("strip.png");
        int w = 300, h = 1500, tile = 128, step = 112;
        byte[] want = writePng(p, w, h, 1);
        try (Scene s = Scene.open(p)) {
            PngImage png = (PngImage) s.imagePixels();
            png.keepWholeBelow(0); // as for a scene too large to keep whole
            List<PixelWindow> tiles = new ArrayList<>();
            for (int y = 0; y < h; y += step) {
                for (int x = 0; x < w; x += step) {
                    tiles.add(new PixelWindow(x, y, tile, tile));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<PixelBuffer>> reads = new ArrayList<>();
                int maxHeld = 0;
                for (int i = 0; i < tiles.size(); i++) {
                    PixelWindow t = tiles.get(i);
                    reads.add(pool.submit(() -> s.read(t)));
                    if (i >= 8) { // at most eight tiles ahead, as the tile source's bounded queue
                        check(reads.get(i - 8).get(), want, w, h);
                    }
                    maxHeld = Math.max(maxHeld, png.rowsHeld());
                }
                for (int i = Math.max(0, tiles.size() - 8); i < tiles.size(); i++) {
                    check(reads.get(i).get(), want, w, h);
                }
                // eight tiles in flight over three tiles a row span three bands: the ring grows once to hold them
                assertTrue(png.restarts() <= 1, "the sweep went back above the rows held " + png.restarts() + " times");
                // at most the span of the reads in flight (three bands) plus one window
                assertTrue(maxHeld <= 3 * step + 2 * tile, "rows held " + maxHeld + " for tiles of " + tile);
                assertTrue(maxHeld < h / 2, "rows held " + maxHeld + " of " + h);
            } finally {
                pool.shutdown();
            }
            // a read above the rows held starts the decode again, and is still right
            long before = png.restarts();
            check(s.read(new PixelWindow(10, 5, 50, 40)), want, w, h);
            assertEquals(before + 1, png.restarts());
        }
    }

    @Test
    void aStreamedPngKeepsItsRowsInAnUnlinkedFileOfTwoBands() throws Exception {
        Path p = dir.resolve("wide.png");
        int w = 1000, h = 900, tile = 100, step = 90;
        byte[] want = writePng(p, w, h, 4);
        Path spillDir = Files.createDirectory(dir.resolve("spill"));
        Scene s = Scene.open(p);
        PngImage png = (PngImage) s.imagePixels();
        try (s) {
            png.keepWholeBelow(0);
            png.spillTo(spillDir);
            // a short window, then a taller one: the ring grows into a new file keeping the rows it held
            check(s.read(new PixelWindow(5, 0, 30, 20)), want, w, h);
            check(s.read(new PixelWindow(7, 10, 40, tile)), want, w, h);
            assertEquals(10 + tile, png.rowsHeld(), "rows 0.." + (10 + tile) + " held after growing");
            for (int y = 0; y < h; y += step) {
                for (int x = 0; x < w; x += step) {
                    check(s.read(new PixelWindow(x, y, tile, tile)), want, w, h);
                }
                try (var names = Files.list(spillDir)) {
                    assertEquals(0, names.count(), "the spill file has no name while in use");
                }
                // two windows' rows of 3 × 1000 bytes, whatever the height
                assertTrue(png.spillBytes() > 0 && png.spillBytes() <= 2L * tile * 3 * w, "spill bytes " + png.spillBytes());
            }
            assertEquals(0, png.restarts());
        }
        assertEquals(0, png.spillBytes(), "closed: the spill is gone");
        try (var names = Files.list(spillDir)) {
            assertEquals(0, names.count());
        }
    }

    @Test
    void threadsTakingWindowsInTurnKeepToTheRowsHeld() throws Exception {
        // as `seamline bench read --threads 4`: each thread reads windows k, k+4, k+8 ... with no queue
        // between them; the fair lock makes them take turns, so none falls below the rows held for long
        Path p = dir.resolve("turns.png");
        int w = 700, h = 1200, tile = 100, step = 90, n = 4;
        byte[] want = writePng(p, w, h, 3);
        try (Scene s = Scene.open(p)) {
            PngImage png = (PngImage) s.imagePixels();
            png.keepWholeBelow(0);
            List<PixelWindow> tiles = new ArrayList<>();
            for (int y = 0; y < h; y += step) {
                for (int x = 0; x < w; x += step) {
                    tiles.add(new PixelWindow(x, y, tile, tile));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int first = k;
                    jobs.add(pool.submit(() -> {
                        for (int i = first; i < tiles.size(); i += n) {
                            check(s.read(tiles.get(i)), want, w, h);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            // a thread that falls behind anyway costs a restart and doubles the ring: at most log2(1200 / 200) + 1
            assertTrue(png.restarts() <= 3, "restarts " + png.restarts());
        }
    }

    private static void check(PixelBuffer b, byte[] want, int w, int h) {
        PixelWindow v = b.valid();
        PixelWindow win = b.window();
        byte[] got = (byte[]) b.data();
        byte[] exp = window(want, w, h, v);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < v.height(); j++) {
                for (int i = 0; i < v.width(); i++) {
                    int g = got[k * (int) win.pixelCount() + (v.y() - win.y() + j) * win.width() + (v.x() - win.x() + i)];
                    int e = exp[k * (int) v.pixelCount() + j * v.width() + i];
                    if (g != e) {
                        throw new AssertionError("band " + k + " pixel " + (v.x() + i) + "," + (v.y() + j) + ": " + g + " vs " + e);
                    }
                }
            }
        }
    }

    @Test
    void aSmallPngIsKeptWholeAndReadAnyOrder() throws Exception {
        Path p = dir.resolve("small.png");
        byte[] want = writePng(p, 90, 70, 2);
        try (Scene s = Scene.open(p)) {
            PixelWindow a = new PixelWindow(40, 50, 30, 20), b = new PixelWindow(3, 1, 20, 10);
            assertArrayEquals(window(want, 90, 70, a), (byte[]) s.read(a).data());
            assertArrayEquals(window(want, 90, 70, b), (byte[]) s.read(b).data());
            assertEquals(0, ((PngImage) s.imagePixels()).restarts());
            assertTrue(s.georeferencing().isEmpty());
            assertEquals(List.of(p), s.files());
            assertEquals("PNG", s.format());
        }
    }

    // --- bad input: one line naming the file, a BadInputException ---

    private static BadInputException failure(Path p) {
        return assertThrows(BadInputException.class, () -> {
            try (Scene s = Scene.open(p)) {
                s.read(new PixelWindow(0, 0, s.width(), s.height()));
            }
        });
    }

    private static void assertOneLine(BadInputException e, Path file, String fragment) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(file.toString()), m);
        assertTrue(m.contains(fragment), "expected '" + fragment + "' in: " + m);
    }

    private Path copy(String fixture, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(Fixtures.resource("images/" + fixture), p);
        return p;
    }

    @Test
    void aTruncatedPngIsOneLine() throws Exception {
        Path p = copy("rgb8_pngw_prj.png", "cut.png");
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
        assertOneLine(failure(p), p, "truncated PNG");
        Files.write(p, java.util.Arrays.copyOf(b, 40));
        assertOneLine(failure(p), p, "truncated PNG");
    }

    @Test
    void aBadCrcIsOneLine() throws Exception {
        Path p = copy("rgb8_filters.png", "crc.png");
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x5a;
        Files.write(p, b);
        assertOneLine(failure(p), p, "bad CRC in chunk IDAT");
        Path q = copy("rgb8_filters.png", "crc_ihdr.png");
        byte[] c = Files.readAllBytes(q);
        c[20] ^= 1; // the IHDR's height
        Files.write(q, c);
        assertOneLine(failure(q), q, "bad CRC in chunk IHDR");
    }

    @Test
    void anUnsupportedColourTypeIsOneLine() throws Exception {
        Path p = copy("grey8_nodata.png", "type5.png");
        byte[] b = Files.readAllBytes(p);
        b[25] = 5; // IHDR colour type, then its CRC made right again
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        int v = (int) crc.getValue();
        b[29] = (byte) (v >>> 24);
        b[30] = (byte) (v >>> 16);
        b[31] = (byte) (v >>> 8);
        b[32] = (byte) v;
        Files.write(p, b);
        assertOneLine(failure(p), p, "unsupported PNG colour type 5");
    }

    @Test
    void aCorruptJpegIsOneLine() throws Exception {
        Path p = copy("rgb_pam.jpg", "cut.jpg");
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length * 2 / 3));
        assertOneLine(failure(p), p, "corrupt JPEG data");
        Files.write(p, java.util.Arrays.copyOf(b, 100));
        assertOneLine(failure(p), p, "JPEG");
    }

    @Test
    void aCmykJpegIsRefusedInOneLine() throws Exception {
        Path p = Fixtures.resource("images/cmyk.jpg");
        assertOneLine(failure(p), p, "unsupported CMYK JPEG");
    }

    @Test
    void aDirectoryOrFifoNamedPngIsOneLine() throws Exception {
        Path d = Files.createDirectory(dir.resolve("folder.png"));
        assertOneLine(failure(d), d, "is a directory");
        Path fifo = dir.resolve("pipe.png");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available");
        assertOneLine(failure(fifo), fifo, "not a regular file");
    }

    @Test
    void aMalformedWorldFileIsOneLineNamingIt() throws Exception {
        Path p = copy("no_sidecar.png", "w.png");
        Path wld = dir.resolve("w.wld");
        Files.writeString(wld, "0.5\n0\n0\n-0.5\n500000\n");
        assertOneLine(failure(p), wld, "malformed world file: 5 numbers");
        Files.writeString(wld, "0.5\n0\nzero\n-0.5\n500000\n4649776\n");
        assertOneLine(failure(p), wld, "is not a number");
    }

    @Test
    void aWorldFileWithoutCrsIsNotGeoreferencingButIsListed() throws Exception {
        Path p = copy("no_sidecar.png", "nocrs.png");
        Path pgw = dir.resolve("nocrs.pgw");
        Files.writeString(pgw, "0.5\n0\n0\n-0.5\n500000.25\n4649775.75\n");
        try (Scene s = Scene.open(p)) {
            assertTrue(s.georeferencing().isEmpty());
            assertEquals(List.of(p, pgw), s.files());
            assertTrue(s.georeferencingNote().orElseThrow().contains("no CRS"));
        }
    }
}
