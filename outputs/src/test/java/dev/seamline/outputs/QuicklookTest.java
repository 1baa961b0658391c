package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quicklook on a synthetic scene: bounded size, each preview pixel the documented mean of scene
 * samples, the same picture whatever the tile order and threads, boxes in class colours, 16-bit and
 * 1-band stretching, nodata, and the atomic PNG.
 */
class QuicklookTest {

    static final int W = 1200, H = 900;

    @TempDir
    Path tmp;

    OutputContext context(int w, int h, ClassCatalog classes) {
        return new OutputContext(tmp, "scene", "scene.tif", w, h, Optional.empty(), classes, 1);
    }

    static List<PixelWindow> tiles(int w, int h, int size, int step) {
        List<PixelWindow> out = new ArrayList<>();
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                out.add(new PixelWindow(x, y, size, size));
            }
        }
        return out;
    }

    @Test
    void previewPixelsAreTheMeanOfTheirSceneSamplesWhateverTheTileOrder() throws Exception {
        SyntheticScene scene = SyntheticScene.of(SceneSpec.of(W, H, 11));
        OutputContext ctx = context(W, H, scene.catalog());
        Quicklook inOrder = new Quicklook(ctx, 300, OptionalDouble.empty());
        assertEquals(300, inOrder.width());
        assertEquals(225, inOrder.height());
        for (PixelWindow t : tiles(W, H, 256, 224)) {
            inOrder.addTile(t, scene.render(t));
        }
        // other tiles (no overlap, other size), shuffled, from three threads
        Quicklook shuffled = new Quicklook(ctx, 300, OptionalDouble.empty());
        List<PixelWindow> other = new ArrayList<>(tiles(W, H, 300, 300));
        Collections.shuffle(other, new Random(5));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (PixelWindow t : other) {
                done.add(pool.submit(() -> shuffled.addTile(t, scene.render(t))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        BufferedImage a = inOrder.render(), b = shuffled.render();
        assertArrayEquals(a.getRGB(0, 0, 300, 225, null, 0, 300), b.getRGB(0, 0, 300, 225, null, 0, 300));

        // scale 4: a preview pixel is the mean of the 4 x 4 samples at floor((c + 0.5) / 4 * 4) = c (+0 … 3)
        PixelBuffer all = scene.render(new PixelWindow(0, 0, W, H));
        Random r = new Random(3);
        for (int i = 0; i < 50; i++) {
            int px = 100 + r.nextInt(200), py = 100 + r.nextInt(125); // clear of the legend
            int[] rgb = new int[3];
            for (int band = 0; band < 3; band++) {
                double sum = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        sum += all.sample(band, px * 4 + sx, py * 4 + sy);
                    }
                }
                rgb[band] = (int) Math.round(sum / 16);
            }
            assertEquals((rgb[0] << 16) | (rgb[1] << 8) | rgb[2], a.getRGB(px, py) & 0xFFFFFF, "preview pixel " + px + "," + py);
        }
    }

    @Test
    void boxesInClassColoursAndThePngIsWrittenAtomically() throws Exception {
        ClassCatalog classes = ClassCatalog.ofNames(List.of("car", "truck", "ship"));
        OutputContext ctx = context(2000, 1000, classes);
        Quicklook q = new Quicklook(ctx, 500, OptionalDouble.empty());
        PixelWindow w = new PixelWindow(0, 0, 2000, 1000);
        q.addTile(w, new PixelBuffer(w, w, 3, SampleType.UINT8, new byte[3 * 2000 * 1000]));
        q.accept(List.of(Detection.of(new Box(800, 400, 1200, 800), 2, 0.9), // preview (200,100)-(300,200)
                Detection.of(new Box(1600, 600, 1602, 601), 0, 0.5))); // a car: at least 3 x 3 preview pixels
        assertFalse(Files.exists(q.target()));
        q.commit();
        assertEquals(tmp.resolve("scene.quicklook.png"), q.target());
        BufferedImage png = ImageIO.read(q.target().toFile());
        assertEquals(500, png.getWidth());
        assertEquals(250, png.getHeight());
        int ship = 0xE15759, car = 0x4E79A7;
        assertEquals(ship, png.getRGB(250, 100) & 0xFFFFFF, "top edge of the ship's box");
        assertEquals(ship, png.getRGB(200, 150) & 0xFFFFFF, "left edge of the ship's box");
        assertEquals(0, png.getRGB(250, 150) & 0xFFFFFF, "inside the box: the (black) scene");
        assertEquals(car, png.getRGB(399, 149) & 0xFFFFFF, "the car's 3 x 3 mark");
        assertEquals(car, png.getRGB(401, 151) & 0xFFFFFF, "the car's 3 x 3 mark");
        assertArrayEquals(q.render().getRGB(0, 0, 500, 250, null, 0, 500), png.getRGB(0, 0, 500, 250, null, 0, 500));
        assertEquals(List.of(q.target()), Files.list(tmp).toList());
        assertThrows(IllegalStateException.class, () -> q.addDetections(List.of()));

        Quicklook dropped = new Quicklook(context(100, 100, classes));
        dropped.addDetections(List.of(Detection.of(new Box(1, 1, 5, 5), 0, 0.5)));
        dropped.close();
        assertEquals(List.of(q.target()), Files.list(tmp).toList(), "closed without commit: no file");
    }

    @Test
    void sixteenBitSingleBandIsStretchedGreyAndNodataStaysBackground() {
        int w = 1000, h = 200;
        short[] v = new short[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (short) (1000 + 30 * x); // 1,000 … 30,970: beyond the signed 16-bit range
            }
        }
        for (int i = (h - 10) * w; i < h * w; i++) {
            v[i] = 0; // the last 10 rows (preview row 19) are nodata
        }
        PixelWindow win = new PixelWindow(0, 0, w, h);
        Quicklook q = new Quicklook(context(w, h, ClassCatalog.ofNames(List.of("x"))), 100, OptionalDouble.of(0));
        q.addTile(win, new PixelBuffer(win, win, 1, SampleType.UINT16, v));
        BufferedImage img = q.render();
        assertEquals(100, img.getWidth());
        assertEquals(20, img.getHeight());
        int prev = -1;
        for (int x = 0; x < 100; x++) {
            int rgb = img.getRGB(x, 15) & 0xFFFFFF;
            int grey = rgb & 0xFF;
            assertEquals(grey * 0x010101, rgb, "grey at x " + x);
            assertTrue(grey >= prev, "monotone along the gradient");
            prev = grey;
        }
        assertEquals(0, img.getRGB(0, 15) & 0xFF, "2nd percentile and below: black");
        assertEquals(255, img.getRGB(99, 15) & 0xFF, "98th percentile and above: white");
        assertEquals(0x303030, img.getRGB(50, 19) & 0xFFFFFF, "nodata row stays background");
    }

    @Test
    void eightBitNodataNeedsEveryBand() {
        int w = 256, h = 128;
        byte[] v = new byte[3 * w * h];
        java.util.Arrays.fill(v, (byte) 200);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 64; x++) {
                for (int b = 0; b < 3; b++) {
                    v[(b * h + y) * w + x] = (byte) 255; // columns 0-63: nodata 255 in every band
                }
            }
            for (int x = 64; x < 128; x++) {
                v[y * w + x] = (byte) 255; // columns 64-127: 255 in band 1 only, a real (red) sample
            }
        }
        PixelWindow win = new PixelWindow(0, 0, w, h);
        Quicklook q = new Quicklook(context(w, h, ClassCatalog.ofNames(List.of("x"))), 64, OptionalDouble.of(255));
        q.addTile(win, new PixelBuffer(win, win, 3, SampleType.UINT8, v));
        BufferedImage img = q.render(); // 64 x 32: one preview pixel per 4 x 4 scene pixels; row 30 is below the legend
        assertEquals(0x303030, img.getRGB(8, 30) & 0xFFFFFF, "nodata in every band: background");
        assertEquals(0xFFC8C8, img.getRGB(24, 30) & 0xFFFFFF, "255 in one band only is data");
        assertEquals(0xC8C8C8, img.getRGB(48, 30) & 0xFFFFFF);
    }

    @Test
    void sizeIsBoundedWhateverTheScene() {
        ClassCatalog c = ClassCatalog.ofNames(List.of("x"));
        Quicklook huge = new Quicklook(context(40_000, 40_000, c));
        assertEquals(1024, huge.width());
        assertEquals(1024, huge.height());
        PixelWindow t = new PixelWindow(39_488, 39_488, 512, 512); // the last tile, reaching the corner
        huge.addTile(t, new PixelBuffer(t, t, 3, SampleType.UINT8, new byte[3 * 512 * 512]));
        assertEquals(0, huge.render().getRGB(1023, 1023) & 0xFFFFFF);
        Quicklook small = new Quicklook(context(500, 300, c));
        assertEquals(500, small.width());
        assertEquals(300, small.height());
        Quicklook wide = new Quicklook(context(50_000, 10, c));
        assertEquals(1024, wide.width());
        assertEquals(1, wide.height());
    }

    @Test
    void pngDecodesToThePictureWhateverItsSize() throws Exception {
        Random random = new Random(18);
        // heights below, at and across the part size (256 rows), one part and several
        int[][] sizes = {{1, 1}, {17, 5}, {300, 200}, {300, 256}, {300, 257}, {1024, 1024}, {1024, 37}, {5, 1000}};
        for (int[] size : sizes) {
            int w = size[0], h = size[1];
            for (int kind = 0; kind < 3; kind++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = switch (kind) {
                            case 0 -> random.nextInt(1 << 24);                          // noise: many IDAT chunks
                            case 1 -> ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | 0x80; // smooth
                            default -> (x / 7 + y / 5) % 2 == 0 ? 0x303030 : 0x4E79A7;   // flat areas
                        };
                        img.setRGB(x, y, rgb);
                    }
                }
                int[] pixels = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
                java.io.ByteArrayOutputStream ours = new java.io.ByteArrayOutputStream();
                RgbPng.write(pixels, w, h, ours);
                String what = w + "x" + h + " picture of kind " + kind;
                assertSamePixels(img, ImageIO.read(new java.io.ByteArrayInputStream(ours.toByteArray())), what);
                // the zlib stream whole, its Adler-32 included (ImageIO does not check it; Inflater does),
                // its rows unfiltered as the PNG specification says
                assertArrayEquals(scanlines(pixels, w, h), unfiltered(inflatedIdat(ours.toByteArray()), w, h), what);
            }
        }
    }

    @Test
    void adlerOfTwoRunsCombinesAsTheAdlerOfBoth() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] all = new byte[random.nextInt(200_000)];
            random.nextBytes(all);
            if (i % 3 == 0) {
                java.util.Arrays.fill(all, (byte) 0xFF); // the sums' largest growth
            }
            int cut = all.length == 0 ? 0 : random.nextInt(all.length + 1);
            java.util.zip.Adler32 first = new java.util.zip.Adler32(), second = new java.util.zip.Adler32(),
                    both = new java.util.zip.Adler32();
            first.update(all, 0, cut);
            second.update(all, cut, all.length - cut);
            both.update(all);
            assertEquals(both.getValue(), RgbPng.combine(first.getValue(), second.getValue(), all.length - cut),
                    all.length + " bytes cut at " + cut);
        }
    }

    private static byte[] scanlines(int[] rgb, int w, int h) {
        byte[] raw = new byte[h * (1 + 3 * w)];
        for (int y = 0, at = 0; y < h; y++) {
            raw[at++] = 0;
            for (int x = 0; x < w; x++) {
                int p = rgb[y * w + x];
                raw[at++] = (byte) (p >> 16);
                raw[at++] = (byte) (p >> 8);
                raw[at++] = (byte) p;
            }
        }
        return raw;
    }

    /**
     * PNG scanlines (a filter type byte, then R, G, B per pixel) with each row's filter undone, the
     * five types of the PNG specification (section 9), into scanlines of filter type 0.
     */
    private static byte[] unfiltered(byte[] filtered, int w, int h) {
        int rowBytes = 1 + 3 * w;
        assertEquals((long) h * rowBytes, filtered.length, "scanline bytes");
        byte[] out = new byte[filtered.length];
        for (int y = 0; y < h; y++) {
            int r = y * rowBytes;
            int type = filtered[r];
            for (int i = 1; i < rowBytes; i++) {
                int a = i > 3 ? out[r + i - 3] & 0xFF : 0;
                int b = y > 0 ? out[r - rowBytes + i] & 0xFF : 0;
                int c = y > 0 && i > 3 ? out[r - rowBytes + i - 3] & 0xFF : 0;
                int predictor = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    case 4 -> {
                        int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                        yield pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    }
                    default -> throw new AssertionError("row " + y + ": filter type " + type);
                };
                out[r + i] = (byte) (filtered[r + i] + predictor);
            }
        }
        return out;
    }

    /** The IDAT chunks' zlib stream of a PNG, inflated (Inflater checks the stream's Adler-32). */
    private static byte[] inflatedIdat(byte[] png) throws Exception {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        for (int at = 8; at < png.length;) {
            int len = java.nio.ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                z.write(png, at + 8, len);
            }
            at += 12 + len;
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(z.toByteArray());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("the zlib stream ends early");
            }
            out.write(buf, 0, n);
        }
        assertEquals(0, inflater.getRemaining(), "bytes after the zlib stream");
        inflater.end();
        return out.toByteArray();
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if ((expected.getRGB(x, y) & 0xFFFFFF) != (actual.getRGB(x, y) & 0xFFFFFF)) {
                    throw new AssertionError(what + ": pixel " + x + "," + y + " differs");
                }
            }
        }
    }

    @Test
    void pictureRenderedAheadIsThePictureRenderedAtTheEnd() throws Exception {
        ClassCatalog classes = ClassCatalog.ofNames(List.of("car"));
        int w = 1300, h = 900;
        Random random = new Random(9);
        byte[] v = new byte[3 * w * h];
        random.nextBytes(v);
        PixelWindow left = new PixelWindow(0, 0, 700, h), right = new PixelWindow(600, 0, 700, h);
        PixelWindow whole = new PixelWindow(0, 0, w, h);
        List<Detection> found = List.of(Detection.of(new Box(100, 100, 180, 140), 0, 0.9));
        Quicklook atEnd = new Quicklook(context(w, h, classes));
        Quicklook ahead = new Quicklook(context(w, h, classes));
        Quicklook undone = new Quicklook(context(w, h, classes));
        for (Quicklook q : List.of(atEnd, ahead, undone)) {
            q.addTile(left, new PixelBuffer(whole, whole, 3, SampleType.UINT8, v));
        }
        undone.tilesComplete(); // too early: the next tile undoes it
        for (Quicklook q : List.of(atEnd, ahead, undone)) {
            q.addTile(right, new PixelBuffer(whole, whole, 3, SampleType.UINT8, v));
        }
        ahead.tilesComplete();
        for (Quicklook q : List.of(atEnd, ahead, undone)) {
            q.addDetections(found);
        }
        BufferedImage expected = atEnd.render();
        assertSamePixels(expected, ahead.render(), "rendered ahead");
        assertSamePixels(expected, undone.render(), "rendered ahead, then a tile");
    }

    @Test
    void quicklookFileIsThePngOfTheRenderedPicture() throws Exception {
        ClassCatalog classes = ClassCatalog.ofNames(List.of("car", "ship"));
        int w = 1500, h = 700;
        byte[] v = new byte[3 * w * h];
        new Random(3).nextBytes(v);
        PixelWindow win = new PixelWindow(0, 0, w, h);
        Quicklook q = new Quicklook(context(w, h, classes));
        q.addTile(win, new PixelBuffer(win, win, 3, SampleType.UINT8, v));
        q.addDetections(List.of(Detection.of(new Box(100, 100, 180, 140), 0, 0.9),
                Detection.of(new Box(900, 300, 903, 302), 1, 0.8)));
        BufferedImage expected = q.render();
        q.commit();
        assertSamePixels(expected, ImageIO.read(q.target().toFile()), q.target().toString());
    }
}
