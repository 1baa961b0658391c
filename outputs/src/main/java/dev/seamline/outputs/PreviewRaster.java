package dev.seamline.outputs;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalDouble;

/**
 * The {@link Quicklook}'s picture without its drawings: the downsampling accumulator that takes the
 * tiles' samples into a preview of at most {@code maxSide} pixels a side, and the stretch that turns
 * it into RGB. One preview pixel covers an {@code s × s} square of scene pixels ({@code s} = longest
 * scene side / {@code maxSide}, or 1 for a smaller scene); its value is the mean of {@code k × k} scene
 * samples spread evenly over that square, {@code k} = ⌊s⌋ up to 4 (so that no two are the same scene
 * pixel; one sample for {@code s < 2}), each taken from the first tile that holds it, nodata samples
 * left out. Memory: about 20 bytes per preview pixel. Not thread-safe: the quicklook holds its lock.
 */
final class PreviewRaster {

    private static final int BACKGROUND = 0x303030;
    private static final int MAX_SUBSAMPLES = 4;

    private final String sceneFileName;
    private final OptionalDouble nodata;
    private final double scale;
    private final int width;
    private final int height;
    private final int k;
    private final int[] sampleX;
    private final int[] sampleY;
    private final BitSet seen;
    private final int[] counts;
    private float[][] sums;
    private SampleType sampleType;

    /**
     * @param sceneWidth    scene width, pixels, ≥ 1
     * @param sceneHeight   scene height, pixels, ≥ 1
     * @param maxSide       the longest side of the preview, pixels
     * @param nodata        the scene's nodata value: such samples are left out
     * @param sceneFileName the scene's name, for messages
     */
    PreviewRaster(int sceneWidth, int sceneHeight, int maxSide, OptionalDouble nodata, String sceneFileName) {
        this.sceneFileName = sceneFileName;
        this.nodata = nodata;
        int longest = Math.max(sceneWidth, sceneHeight);
        this.scale = longest > maxSide ? (double) longest / maxSide : 1.0;
        this.width = Math.max(1, (int) Math.min(maxSide, Math.ceil(sceneWidth / scale)));
        this.height = Math.max(1, (int) Math.min(maxSide, Math.ceil(sceneHeight / scale)));
        this.k = Math.max(1, Math.min(MAX_SUBSAMPLES, (int) Math.floor(scale)));
        this.sampleX = positions(width * k, sceneWidth);
        this.sampleY = positions(height * k, sceneHeight);
        this.seen = new BitSet(width * k * height * k);
        this.counts = new int[width * height];
    }

    /** Scene coordinate of each subsample column (or row): evenly spread, increasing. */
    private int[] positions(int n, int sceneSize) {
        int[] p = new int[n];
        for (int c = 0; c < n; c++) {
            p[c] = (int) Math.min(sceneSize - 1, Math.floor((c + 0.5) / k * scale));
        }
        return p;
    }

    /** Scene pixels per preview pixel (1 for a scene smaller than the preview). */
    double scale() {
        return scale;
    }

    /** Preview width, pixels. */
    int width() {
        return width;
    }

    /** Preview height, pixels. */
    int height() {
        return height;
    }

    /** Takes the samples of one tile (the part of {@code window} inside {@code pixels.valid()}). */
    void addTile(PixelWindow window, PixelBuffer pixels) {
        PixelWindow buf = pixels.window();
        PixelWindow v = pixels.valid();
        int x0 = Math.max(window.x(), v.x()), y0 = Math.max(window.y(), v.y());
        int x1 = Math.min(window.endX(), v.endX()), y1 = Math.min(window.endY(), v.endY());
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        if (sums == null) {
            sampleType = pixels.sampleType();
            sums = new float[pixels.bandCount() >= 3 ? 3 : 1][width * height];
        } else if (pixels.sampleType() != sampleType || (pixels.bandCount() >= 3 ? 3 : 1) != sums.length) {
            throw new IllegalArgumentException("quicklook of " + sceneFileName + ": tile " + buf
                    + " has " + pixels.bandCount() + " " + pixels.sampleType() + " bands, earlier tiles " + sampleType);
        }
        int c0 = lowerBound(sampleX, x0), c1 = lowerBound(sampleX, x1);
        int r0 = lowerBound(sampleY, y0), r1 = lowerBound(sampleY, y1);
        int cols = width * k;
        boolean hasNodata = nodata.isPresent();
        double nd = hasNodata ? nodata.getAsDouble() : 0;
        int bands = sums.length;
        byte[] bytes = sampleType == SampleType.UINT8 ? pixels.asBytes() : null;
        int bw = buf.width(), plane = bw * buf.height();
        int ndByte = bytes != null && hasNodata && nd == Math.rint(nd) && nd >= 0 && nd <= 255 ? (int) nd : -1;
        for (int r = r0; r < r1; r++) {
            int sy = sampleY[r] - buf.y();
            int py = r / k;
            int base = r * cols;
            // the row's subsamples no earlier tile took, a run at a time (a tile's overlap is a run of seen
            // ones); searched in this row's part only, a copy of a few words
            BitSet taken = seen.get(base + c0, base + c1);
            seen.set(base + c0, base + c1);
            for (int c = c0 + taken.nextClearBit(0); c < c1; c = c0 + taken.nextClearBit(c - c0)) {
                int next = taken.nextSetBit(c - c0);
                int end = next < 0 ? c1 : c0 + next;
                if (bytes != null && !hasNodata) { // 8-bit without nodata, the common case: band by band
                    addBytes(bytes, bands, plane, sy * bw - buf.x(), py * width, c, end);
                    c = end;
                    continue;
                }
                for (; c < end; c++) {
                    int sx = sampleX[c] - buf.x();
                    int p = py * width + c / k;
                    if (bytes != null) { // 8-bit: straight from the array
                        int off = sy * bw + sx;
                        if (isNodataByte(bytes, bands, plane, off, ndByte)) {
                            continue;
                        }
                        counts[p]++;
                        for (int b = 0; b < bands; b++) {
                            sums[b][p] += bytes[b * plane + off] & 0xFF;
                        }
                        continue;
                    }
                    if (hasNodata && isNodata(pixels, bands, sx, sy, nd)) {
                        continue;
                    }
                    counts[p]++;
                    for (int b = 0; b < bands; b++) {
                        sums[b][p] += (float) pixels.sample(b, sx, sy);
                    }
                }
            }
        }
    }

    /**
     * Adds the 8-bit samples of subsample columns {@code [from, to)} of one row ({@code rowOff}: the row's
     * offset in the band plane, less the buffer's x) to the preview pixels of row {@code pRow}: a preview
     * pixel's samples (subsample columns {@code col·k} to {@code col·k + k − 1}) summed as integers
     * first, every band in the one pass. Equal to adding them one by one, as float sums of 8-bit samples
     * stay whole numbers below 2^24 (at most 4 × 4 × 255 per pixel).
     */
    private void addBytes(byte[] bytes, int bands, int plane, int rowOff, int pRow, int from, int to) {
        int[] sx = sampleX;
        if (bands == 3) {
            float[] s0 = sums[0], s1 = sums[1], s2 = sums[2];
            int at0 = rowOff, at1 = plane + rowOff, at2 = 2 * plane + rowOff;
            for (int q = from; q < to;) {
                int col = q / k;
                int end = Math.min(to, (col + 1) * k);
                int p = pRow + col;
                int a0 = 0, a1 = 0, a2 = 0;
                counts[p] += end - q;
                for (; q < end; q++) {
                    int x = sx[q];
                    a0 += bytes[at0 + x] & 0xFF;
                    a1 += bytes[at1 + x] & 0xFF;
                    a2 += bytes[at2 + x] & 0xFF;
                }
                s0[p] += a0;
                s1[p] += a1;
                s2[p] += a2;
            }
            return;
        }
        float[] s0 = sums[0];
        for (int q = from; q < to;) {
            int col = q / k;
            int end = Math.min(to, (col + 1) * k);
            int p = pRow + col;
            int a0 = 0;
            counts[p] += end - q;
            for (; q < end; q++) {
                a0 += bytes[rowOff + sx[q]] & 0xFF;
            }
            s0[p] += a0;
        }
    }

    /** True when every shown band of an 8-bit sample equals nodata ({@code nd} < 0: a nodata no byte can hold). */
    private static boolean isNodataByte(byte[] data, int bands, int plane, int off, int nd) {
        if (nd < 0) {
            return false;
        }
        for (int b = 0; b < bands; b++) {
            if ((data[b * plane + off] & 0xFF) != nd) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNodata(PixelBuffer pixels, int bands, int x, int y, double nd) {
        for (int b = 0; b < bands; b++) {
            double s = pixels.sample(b, x, y);
            if (!(s == nd || (Double.isNaN(nd) && Double.isNaN(s)))) {
                return false;
            }
        }
        return true;
    }

    /** First index whose value is ≥ v. */
    private static int lowerBound(int[] a, int v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The preview as packed RGB, row by row: the mean of each pixel's samples, 8-bit data as is, other
     * types stretched per band from the 2nd to the 98th percentile; pixels no tile covered dark grey.
     */
    int[] rgb() {
        int[] rgb = new int[width * height];
        rgbInto(rgb);
        return rgb;
    }

    /** {@link #rgb()} into {@code rgb}, at least {@code width · height} long (an image's own pixels). */
    void rgbInto(int[] rgb) {
        Arrays.fill(rgb, 0, width * height, BACKGROUND);
        if (sums != null && sampleType == SampleType.UINT8) {
            bytesInto(rgb);
        } else if (sums != null) {
            int bands = sums.length;
            float[][] means = new float[bands][width * height];
            for (int b = 0; b < bands; b++) {
                for (int p = 0; p < counts.length; p++) {
                    means[b][p] = counts[p] > 0 ? sums[b][p] / counts[p] : 0;
                }
            }
            double[][] range = new double[bands][];
            for (int b = 0; b < bands; b++) {
                range[b] = sampleType == SampleType.UINT8 ? new double[] {0, 255} : percentiles(means[b]);
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[p] == 0) {
                    continue;
                }
                int r = toByte(means[0][p], range[0]);
                int g = bands == 3 ? toByte(means[1][p], range[1]) : r;
                int bl = bands == 3 ? toByte(means[2][p], range[2]) : r;
                rgb[p] = (r << 16) | (g << 8) | bl;
            }
        }
    }

    /**
     * {@link #rgbInto} of 8-bit data: each band's mean rounded half up, in integers (a sum of 8-bit
     * samples is a whole number below 2^24, held exactly by its float).
     */
    private void bytesInto(int[] rgb) {
        float[] s0 = sums[0], s1 = sums.length == 3 ? sums[1] : s0, s2 = sums.length == 3 ? sums[2] : s0;
        for (int p = 0; p < counts.length; p++) {
            int c = counts[p];
            if (c == 0) {
                continue;
            }
            int at = MEAN_AT[c];
            rgb[p] = (MEANS[at + (int) s0[p]] & 0xFF) << 16 | (MEANS[at + (int) s1[p]] & 0xFF) << 8
                    | MEANS[at + (int) s2[p]] & 0xFF;
        }
    }

    /** Where the means of a count's sums start in {@link #MEANS}: sums 0 … 255·count. */
    private static final int[] MEAN_AT = new int[MAX_SUBSAMPLES * MAX_SUBSAMPLES + 2];
    /** For each count 1 … k², the mean of each sum of that many 8-bit samples, rounded half up. */
    private static final byte[] MEANS;

    static {
        int n = 0;
        for (int c = 1; c < MEAN_AT.length; c++) {
            MEAN_AT[c] = n;
            n += 255 * c + 1;
        }
        MEANS = new byte[n];
        for (int c = 1; c < MEAN_AT.length - 1; c++) {
            for (int sum = 0; sum <= 255 * c; sum++) {
                MEANS[MEAN_AT[c] + sum] = (byte) rounded(sum, c);
            }
        }
    }

    /** {@code sum / count} rounded half up, for a sum ≥ 0 and a count ≥ 1. */
    private static int rounded(int sum, int count) {
        return (2 * sum + count) / (2 * count);
    }

    /** The 2nd and 98th percentiles of the covered preview pixels' values. */
    private double[] percentiles(float[] values) {
        int n = 0;
        for (int c : counts) {
            if (c > 0) {
                n++;
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        float[] v = new float[n];
        for (int p = 0, i = 0; p < values.length; p++) {
            if (counts[p] > 0) {
                v[i++] = values[p];
            }
        }
        Arrays.sort(v);
        double lo = v[(int) Math.floor(0.02 * (n - 1))], hi = v[(int) Math.ceil(0.98 * (n - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new double[] {lo, hi};
    }

    private static int toByte(double v, double[] range) {
        double t = (v - range[0]) / (range[1] - range[0]) * 255;
        return (int) Math.max(0, Math.min(255, Math.round(t)));
    }
}
