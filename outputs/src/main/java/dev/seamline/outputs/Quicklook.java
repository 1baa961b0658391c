package dev.seamline.outputs;

import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A preview of a scene with its detections, {@code <stem>.quicklook.png}, built while the tiles
 * stream past, in memory bounded by the preview size (about 20 bytes per preview pixel whatever the
 * scene's size).
 *
 * <p>The preview's longest side is at most {@code maxSide} pixels (1,024 by default; a smaller scene
 * keeps its size): one preview pixel covers an {@code s × s} square of scene pixels, {@code s} =
 * longest scene side / {@code maxSide}. Its value is the mean of up to 4 × 4 scene samples spread
 * evenly over that square (nearest-sample when {@code s ≤ 1}); a sample is taken from the first tile
 * that holds it, so overlapping tiles, tile order and threads do not change the result. Nodata
 * samples are left out; preview pixels no tile covered stay dark grey. Bands 1, 2, 3 are shown as
 * red, green, blue; a 1- or 2-band scene is shown grey from band 1. 8-bit data is shown as is;
 * other types (16-bit, float) are stretched per band from the 2nd to the 98th percentile of the
 * preview's values, like QGIS's cumulative-count cut.
 *
 * <p>Detections ({@link #addDetections}, scene pixels) are drawn as they are finalised, as 1-pixel
 * outlines of their box or oriented box in their class's colour (at least 3 × 3 preview pixels, so a
 * car in a 40,000² scene stays visible as a dot), onto an overlay kept beside the pixels; the legend
 * in the top-left corner gives every class of the catalog with its colour and its count.
 * {@link #commit()} writes the PNG atomically; nothing is written before.
 *
 * <p>Thread-safe: tiles may come from several reader threads.
 */
public final class Quicklook implements DetectionSink {

    private static final Logger LOG = LoggerFactory.getLogger(Quicklook.class);

    /** The default longest side of the preview, pixels. */
    public static final int DEFAULT_MAX_SIDE = 1024;

    /** Class colours (Tableau 10), by position in the catalog, repeating after ten. */
    private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
        0xFF9DA7, 0x9C755F, 0xBAB0AC};
    private static final int BACKGROUND = 0x303030;
    private static final int MAX_SUBSAMPLES = 4;

    private final OutputContext context;
    private final Path target;
    private final OptionalDouble nodata;
    private final double scale;
    private final int width;
    private final int height;
    private final int k;
    private final int[] sampleX;
    private final int[] sampleY;
    private final BitSet seen;
    private final int[] counts;
    private final BufferedImage overlay;
    private final Graphics2D overlayGraphics;
    private final TreeMap<Integer, Long> perClass = new TreeMap<>();
    private float[][] sums;
    private SampleType sampleType;
    private boolean finished;

    /**
     * A quicklook of at most {@link #DEFAULT_MAX_SIDE} pixels, without nodata.
     *
     * @param context the scene (size, stem, catalog) and output folder
     */
    public Quicklook(OutputContext context) {
        this(context, DEFAULT_MAX_SIDE, OptionalDouble.empty());
    }

    /**
     * @param context the scene (size, stem, catalog) and output folder
     * @param maxSide the longest side of the preview, pixels, ≥ 16
     * @param nodata  the scene's nodata value: such samples are left out of the preview
     */
    public Quicklook(OutputContext context, int maxSide, OptionalDouble nodata) {
        this.context = Objects.requireNonNull(context, "context");
        this.nodata = Objects.requireNonNull(nodata, "nodata");
        if (maxSide < 16) {
            throw new IllegalArgumentException("quicklook side must be at least 16 pixels, was " + maxSide);
        }
        if (context.sceneWidth() < 1 || context.sceneHeight() < 1) {
            throw new IllegalArgumentException("scene size must be positive: " + context.sceneWidth() + " x "
                    + context.sceneHeight());
        }
        this.target = context.outDir().resolve(context.stem() + ".quicklook.png");
        int longest = Math.max(context.sceneWidth(), context.sceneHeight());
        this.scale = longest > maxSide ? (double) longest / maxSide : 1.0;
        this.width = Math.max(1, (int) Math.min(maxSide, Math.ceil(context.sceneWidth() / scale)));
        this.height = Math.max(1, (int) Math.min(maxSide, Math.ceil(context.sceneHeight() / scale)));
        this.k = scale <= 1 ? 1 : Math.min(MAX_SUBSAMPLES, (int) Math.ceil(scale));
        this.sampleX = positions(width * k, context.sceneWidth());
        this.sampleY = positions(height * k, context.sceneHeight());
        this.seen = new BitSet(width * k * height * k);
        this.counts = new int[width * height];
        this.overlay = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        this.overlayGraphics = overlay.createGraphics();
        overlayGraphics.setStroke(new BasicStroke(1f));
    }

    /** Scene coordinate of each subsample column (or row): evenly spread, increasing. */
    private int[] positions(int n, int sceneSize) {
        int[] p = new int[n];
        for (int c = 0; c < n; c++) {
            p[c] = (int) Math.min(sceneSize - 1, Math.floor((c + 0.5) / k * scale));
        }
        return p;
    }

    /** The PNG this quicklook writes on {@link #commit()}: {@code <outDir>/<stem>.quicklook.png}. */
    public Path target() {
        return target;
    }

    /** Preview width, pixels. */
    public int width() {
        return width;
    }

    /** Preview height, pixels. */
    public int height() {
        return height;
    }

    /**
     * Takes the samples of one tile into the preview.
     *
     * @param window the tile's window, scene pixels (the part of it inside {@code pixels.valid()} is used)
     * @param pixels the tile's samples; bands and type must be the same for every tile of the scene
     */
    public synchronized void addTile(PixelWindow window, PixelBuffer pixels) {
        checkOpen();
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
            throw new IllegalArgumentException("quicklook of " + context.sceneFileName() + ": tile " + buf
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
            for (int c = c0; c < c1; c++) {
                int bit = r * cols + c;
                if (seen.get(bit)) {
                    continue;
                }
                seen.set(bit);
                int sx = sampleX[c] - buf.x();
                int p = py * width + c / k;
                if (bytes != null) { // 8-bit, the common case: straight from the array
                    int off = sy * bw + sx;
                    if (hasNodata && isNodataByte(bytes, bands, plane, off, ndByte)) {
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

    /** Draws finalised detections (scene pixels) and counts them per class. */
    public synchronized void addDetections(List<Detection> detections) {
        checkOpen();
        for (Detection d : detections) {
            perClass.merge(d.classId(), 1L, Long::sum);
            overlayGraphics.setColor(new Color(colour(d.classId())));
            double[] q = d.isOriented() ? d.oriented().corners() : d.box().corners();
            double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            int[] xs = new int[4], ys = new int[4];
            for (int i = 0; i < 4; i++) {
                double x = q[2 * i] / scale, y = q[2 * i + 1] / scale;
                xs[i] = (int) Math.floor(x);
                ys[i] = (int) Math.floor(y);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            if (maxX - minX < 3 && maxY - minY < 3) {
                int cx = (int) Math.floor((minX + maxX) / 2), cy = (int) Math.floor((minY + maxY) / 2);
                overlayGraphics.drawRect(cx - 1, cy - 1, 2, 2);
            } else {
                overlayGraphics.drawPolygon(xs, ys, 4);
            }
        }
    }

    /** Same as {@link #addDetections}. */
    @Override
    public void accept(List<Detection> detections) {
        addDetections(detections);
    }

    /** Renders the preview, the boxes and the legend, and writes the PNG atomically. */
    @Override
    public synchronized void commit() throws IOException {
        checkOpen();
        finished = true;
        BufferedImage img = render();
        PartFile part = PartFile.create(target);
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part.temp))) {
                if (!ImageIO.write(img, "png", out)) {
                    throw new IOException(target + ": no PNG writer in this Java runtime");
                }
            }
            part.commit();
        } finally {
            part.abort();
            overlayGraphics.dispose();
        }
    }

    /** Drops the preview; nothing was written unless committed. */
    @Override
    public synchronized void close() {
        if (!finished) {
            finished = true;
            overlayGraphics.dispose();
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException(target + ": quicklook already written or closed");
        }
    }

    /** The finished picture: stretched samples, the overlay, the legend. */
    BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        Arrays.fill(rgb, BACKGROUND);
        if (sums != null) {
            int bands = sums.length;
            float[][] means = new float[bands][width * height];
            for (int b = 0; b < bands; b++) {
                for (int p = 0; p < rgb.length; p++) {
                    means[b][p] = counts[p] > 0 ? sums[b][p] / counts[p] : 0;
                }
            }
            double[][] range = new double[bands][];
            for (int b = 0; b < bands; b++) {
                range[b] = sampleType == SampleType.UINT8 ? new double[] {0, 255} : percentiles(means[b]);
            }
            for (int p = 0; p < rgb.length; p++) {
                if (counts[p] == 0) {
                    continue;
                }
                int r = toByte(means[0][p], range[0]);
                int g = bands == 3 ? toByte(means[1][p], range[1]) : r;
                int bl = bands == 3 ? toByte(means[2][p], range[2]) : r;
                rgb[p] = (r << 16) | (g << 8) | bl;
            }
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        Graphics2D g = img.createGraphics();
        try {
            g.drawImage(overlay, 0, 0, null);
            legend(g);
        } finally {
            g.dispose();
        }
        return img;
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

    private int colour(int classId) {
        List<ObjectClass> classes = context.classes().classes();
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).id() == classId) {
                return PALETTE[i % PALETTE.length];
            }
        }
        return 0xC0C0C0;
    }

    /** The legend: one line per catalog class (and any other class seen) with colour and count. */
    private void legend(Graphics2D g) {
        TreeMap<Integer, Long> lines = new TreeMap<>();
        for (ObjectClass c : context.classes().classes()) {
            lines.put(c.id(), 0L);
        }
        lines.putAll(perClass);
        String[] text = new String[lines.size()];
        int[] colours = new int[lines.size()];
        int i = 0;
        for (var e : lines.entrySet()) {
            text[i] = context.classes().nameOf(e.getKey()) + "  " + String.format(Locale.ROOT, "%,d", e.getValue());
            colours[i++] = colour(e.getKey());
        }
        int fontSize = Math.max(9, Math.min(14, Math.max(width, height) / 60));
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            FontMetrics fm = g.getFontMetrics();
            int lineH = fm.getHeight(), sw = fm.getAscent();
            int textW = 0;
            for (String t : text) {
                textW = Math.max(textW, fm.stringWidth(t));
            }
            int pad = 4, boxW = pad * 3 + sw + textW, boxH = pad * 2 + lineH * text.length;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.7f));
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, boxW, boxH);
            g.setComposite(AlphaComposite.SrcOver);
            for (int j = 0; j < text.length; j++) {
                int top = pad + j * lineH;
                g.setColor(new Color(colours[j]));
                g.fillRect(pad, top + (lineH - sw) / 2, sw, sw);
                g.setColor(Color.WHITE);
                g.drawString(text[j], pad * 2 + sw, top + fm.getAscent());
            }
        } catch (RuntimeException | InternalError | UnsatisfiedLinkError e) {
            // a runtime without fonts: keep the picture, say why the legend is missing
            LOG.warn("{}: quicklook legend not drawn (no usable font: {})", context.sceneFileName(), e.toString());
        }
    }
}
