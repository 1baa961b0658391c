package dev.seamline.samples;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A synthetic scene as a plain 8-bit RGB PNG or JPEG, as competitions ship their images (DOTA's
 * PNGs, Safe Passage's JPEGs), written by the JDK's ImageIO writers. The whole image is rendered in
 * memory (3 bytes a pixel): for images of competition size, not for whole scenes of any size, which
 * {@link SceneFiles} streams as GeoTIFF. Each file appears atomically. Stateless and thread-safe.
 */
public final class ImageFiles {

    /** JPEG quality the competition presets write with (ImageIO's scale, 0–1). */
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;

    private ImageFiles() {
    }

    /** The scene's pixels as an RGB image (the whole scene, rendered now). */
    public static BufferedImage image(SyntheticScene scene) {
        int w = scene.width();
        int h = scene.height();
        PixelBuffer px = scene.render(new PixelWindow(0, 0, w, h));
        byte[] s = px.asBytes();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (s[i] & 0xff) << 16 | (s[plane + i] & 0xff) << 8 | (s[2 * plane + i] & 0xff);
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }

    /** Writes the scene as a PNG (lossless: pixels equal the GeoTIFF's). */
    public static void writePng(SyntheticScene scene, Path file) throws SeamlineException {
        write(image(scene), file, "png", 1);
    }

    /**
     * Writes the scene as a baseline JPEG (YCbCr, 4:2:0 as ImageIO writes it).
     *
     * @param quality ImageIO's JPEG quality, 0–1 ({@link #DEFAULT_JPEG_QUALITY})
     */
    public static void writeJpeg(SyntheticScene scene, Path file, float quality) throws SeamlineException {
        writeJpeg(image(scene), file, quality);
    }

    /**
     * Writes an RGB image as a baseline JPEG, atomically.
     *
     * @param quality ImageIO's JPEG quality, 0–1 ({@link #DEFAULT_JPEG_QUALITY})
     */
    public static void writeJpeg(BufferedImage image, Path file, float quality) throws SeamlineException {
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("JPEG quality must be in [0, 1], was " + quality);
        }
        write(image, file, "jpeg", quality);
    }

    private static void write(BufferedImage img, Path file, String format, float quality) throws SeamlineException {
        try {
            AtomicFile.write(file, out -> {
                Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
                if (!writers.hasNext()) {
                    throw new IOException("the JDK has no " + format + " writer");
                }
                ImageWriter writer = writers.next();
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    if (format.equals("jpeg")) {
                        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                        param.setCompressionQuality(quality);
                    }
                    writer.write(null, new IIOImage(img, null, null), param);
                } finally {
                    writer.dispose();
                }
            });
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write the image: " + e.getMessage(), e);
        }
    }
}
