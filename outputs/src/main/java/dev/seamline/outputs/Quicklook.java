package dev.seamline.outputs;

import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
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
 * evenly over that square, no two the same scene pixel (nearest-sample when {@code s < 2}); a sample is taken from the first tile
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
 * <p>The pixels come from a {@link PreviewRaster} (the downsampling accumulator and its stretch);
 * this class draws on them. Thread-safe: tiles may come from several reader threads.
 */
public final class Quicklook implements DetectionSink {

    private static final Logger LOG = LoggerFactory.getLogger(Quicklook.class);

    /** The default longest side of the preview, pixels. */
    public static final int DEFAULT_MAX_SIDE = 1024;

    /** Class colours (Tableau 10), by position in the catalog, repeating after ten. */
    private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
        0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private final OutputContext context;
    private final Path target;
    private final PreviewRaster raster;
    private final double scale;
    private final int width;
    private final int height;
    private final BufferedImage overlay;
    private final Graphics2D overlayGraphics;
    private final TreeMap<Integer, Long> perClass = new TreeMap<>();
    private boolean finished;
    /** The prepared PNG, between {@link #prepare()} and {@link #commit()}. */
    private PartFile part;
    /** The picture without its drawings, rendered by {@link #tilesComplete()}; null before, or after a later tile. */
    private int[] background;

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
        Objects.requireNonNull(nodata, "nodata");
        if (maxSide < 16) {
            throw new IllegalArgumentException("quicklook side must be at least 16 pixels, was " + maxSide);
        }
        if (context.sceneWidth() < 1 || context.sceneHeight() < 1) {
            throw new IllegalArgumentException("scene size must be positive: " + context.sceneWidth() + " x "
                    + context.sceneHeight());
        }
        this.target = context.outDir().resolve(context.stem() + ".quicklook.png");
        this.raster = new PreviewRaster(context.sceneWidth(), context.sceneHeight(), maxSide, nodata,
                context.sceneFileName());
        this.scale = raster.scale();
        this.width = raster.width();
        this.height = raster.height();
        this.overlay = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        this.overlayGraphics = overlay.createGraphics();
        overlayGraphics.setStroke(new BasicStroke(1f));
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
        raster.addTile(window, pixels);
        background = null;
    }

    /**
     * Every tile has been added: renders the picture without its drawings now (the stretch needs every
     * tile), so that {@link #prepare()}, which the scene's last detections wait for, only draws on it
     * and writes it. Optional; a tile added later undoes it.
     */
    public synchronized void tilesComplete() {
        checkOpen();
        int[] rgb = new int[width * height];
        raster.rgbInto(rgb);
        background = rgb;
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

    /**
     * Renders the preview, the boxes and the legend into the PNG's temporary file and forces it to
     * storage; {@link #commit()} then only renames it. The PNG is {@link RgbPng}'s (deflated in
     * parts, in parallel).
     */
    @Override
    public synchronized void prepare() throws IOException {
        checkOpen();
        finished = true;
        try {
            BufferedImage img = render();
            part = PartFile.create(target);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part.temp,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS), 1 << 16)) {
                RgbPng.write(pixels(img), width, height, out);
            }
            part.sync();
        } catch (IOException | RuntimeException e) {
            if (part != null) {
                part.abort();
                part = null;
            }
            throw e;
        } finally {
            overlayGraphics.dispose();
        }
    }

    /** The {@code 0xRRGGBB} pixels of a {@code TYPE_INT_RGB} image, its own array. */
    private static int[] pixels(BufferedImage img) {
        return ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    /** Writes the PNG atomically ({@link #prepare()} first, unless done). */
    @Override
    public synchronized void commit() throws IOException {
        if (part == null) {
            if (finished) {
                throw new IllegalStateException(target + ": quicklook already written or closed");
            }
            prepare();
        }
        PartFile p = part;
        part = null;
        try {
            p.commit();
        } finally {
            p.abort();
        }
    }

    /** Drops the preview; nothing was written unless committed. */
    @Override
    public synchronized void close() {
        if (part != null) {
            part.abort();
            part = null;
        }
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
        // straight into the image's pixels: what setRGB stores for these opaque colours, without its
        // colour-model call per pixel
        if (background != null) {
            System.arraycopy(background, 0, pixels(img), 0, background.length);
        } else {
            raster.rgbInto(pixels(img));
        }
        Graphics2D g = img.createGraphics();
        try {
            g.drawImage(overlay, 0, 0, null);
            legend(g);
        } finally {
            g.dispose();
        }
        return img;
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
