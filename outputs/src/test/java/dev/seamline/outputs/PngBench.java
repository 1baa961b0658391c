package dev.seamline.outputs;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * Benchmark (a command, not a test): the quicklook's PNG encoder ({@link RgbPng}) against the JDK's
 * zlib on the same pixels, side by side in one run, alternating: zlib level 1 on unfiltered rows (what
 * {@code RgbPng} wrote before) and ImageIO's PNG writer (level 4 with per-row filters: what the
 * quicklook wrote first). For each picture prints the process CPU and the wall of one encoding
 * (medians of the runs, each the mean of 10 encodings; every thread counted, so the parallel parts do not flatter the wall) and the
 * bytes. The pictures are quicklooks {@code seamline detect} wrote; any opaque PNG will do.
 *
 * <pre>
 * mvn -q -pl outputs -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "outputs/target/test-classes:outputs/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.seamline.outputs.PngBench 30 out/scene.quicklook.png ...
 * </pre>
 */
public final class PngBench {

    private PngBench() {
    }

    /** Arguments: runs, then the PNG files. */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        for (int f = 1; f < args.length; f++) {
            BufferedImage img = ImageIO.read(Path.of(args[f]).toFile());
            int w = img.getWidth(), h = img.getHeight();
            int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
            BufferedImage asRgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            asRgb.setRGB(0, 0, w, h, rgb, 0, w);
            List<double[]> ours = new ArrayList<>(), zlib = new ArrayList<>(), imageio = new ArrayList<>();
            long[] bytes = new long[3];
            for (int r = -3; r < runs; r++) { // three untimed warm-up rounds
                double[] a = time(() -> {
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    RgbPng.write(rgb, w, h, o);
                    bytes[0] = o.size();
                });
                double[] b = time(() -> bytes[1] = zlibLevel1(rgb, w, h));
                double[] c = time(() -> {
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    ImageIO.write(asRgb, "png", o);
                    bytes[2] = o.size();
                });
                if (r >= 0) {
                    ours.add(a);
                    zlib.add(b);
                    imageio.add(c);
                }
            }
            double[] o = medians(ours), z = medians(zlib), i = medians(imageio);
            System.out.printf(Locale.ROOT, "%s (%dx%d), %d runs: RgbPng %.1f ms CPU, %.1f ms wall, %d bytes | "
                    + "zlib level 1 unfiltered %.1f ms CPU, %.1f wall, %d bytes | ImageIO %.1f ms CPU, %.1f wall, %d bytes | "
                    + "CPU ratio %.2f and %.2f, size ratio %.3f and %.3f%n", args[f], w, h, runs, o[0], o[1], bytes[0],
                    z[0], z[1], bytes[1], i[0], i[1], bytes[2], o[0] / z[0], o[0] / i[0], (double) bytes[0] / bytes[1],
                    (double) bytes[0] / bytes[2]);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Encodings per timing: the process CPU clock moves in 10 ms ticks. */
    private static final int REPEAT = 10;

    /** {process CPU ms, wall ms} of one step, the mean of {@value #REPEAT}. */
    private static double[] time(Step step) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        for (int i = 0; i < REPEAT; i++) {
            step.run();
        }
        return new double[] {(os.getProcessCpuTime() - c0) / 1e6 / REPEAT, (System.nanoTime() - t0) / 1e6 / REPEAT};
    }

    /** The PNG's zlib stream as the earlier RgbPng made it: unfiltered rows, level 1, one thread; its length. */
    private static long zlibLevel1(int[] rgb, int w, int h) throws Exception {
        int rowBytes = 1 + 3 * w;
        byte[] raw = new byte[h * rowBytes];
        for (int y = 0; y < h; y++) {
            for (int x = 0, b = y * rowBytes + 1; x < w; x++, b += 3) {
                int p = rgb[y * w + x];
                raw[b] = (byte) (p >> 16);
                raw[b + 1] = (byte) (p >> 8);
                raw[b + 2] = (byte) p;
            }
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Deflater d = new Deflater(1);
        try (DeflaterOutputStream z = new DeflaterOutputStream(o, d, 1 << 16)) {
            z.write(raw);
        }
        d.end();
        return o.size();
    }

    private static double[] medians(List<double[]> runs) {
        double[] m = new double[2];
        for (int k = 0; k < 2; k++) {
            List<Double> v = new ArrayList<>();
            for (double[] r : runs) {
                v.add(r[k]);
            }
            Collections.sort(v);
            m[k] = v.get(v.size() / 2);
        }
        return m;
    }
}
