package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG scene's pixels (JFIF or Adobe; baseline, extended or progressive Huffman; 8-bit grey or
 * three-component YCbCr/RGB), decoded whole on the first read through the JDK's {@code javax.imageio}
 * JPEG reader (the IJG libjpeg 6b inside the JDK, which upsamples and converts YCbCr to RGB exactly as
 * GDAL's libjpeg-turbo does: the same samples, measured) and kept as the reader made it (pixel-interleaved
 * BGR, or grey): a read takes each band's samples out of it for its window only, so no second,
 * band-sequential copy of the image is made (measured: peak RSS 50-90 MB lower on 6,000 x 4,000, the
 * same speed within the noise). The
 * header is parsed by Seamline at open, so a CMYK/YCCK, 12-bit, lossless or arithmetic-coded JPEG is
 * refused there in one line. The decoded image may take at most a quarter of the Java heap; a larger one
 * is refused with a line saying to convert it to a tiled GeoTIFF. Any libjpeg warning (premature end of data, corrupt entropy data) is treated as a
 * corrupt file rather than returning grey blocks.
 *
 * <p>Thread-safe: the first read decodes, later reads copy from the decoded bands. Package-private.
 */
final class JpegImage implements ImagePixels {

    private final Path path;
    final int width, height, components;
    final boolean progressive;
    private final long limit;
    private volatile Decoded decoded;

    /**
     * The decoded samples: band {@code b} of pixel (x, y) is {@code samples[(y * width + x) * stride + offsets[b]]}.
     */
    private record Decoded(byte[] samples, int stride, int[] offsets) {
    }

    private JpegImage(Path path, int width, int height, int components, boolean progressive) {
        this.path = path;
        this.width = width;
        this.height = height;
        this.components = components;
        this.progressive = progressive;
        this.limit = Runtime.getRuntime().maxMemory() / 4;
    }

    /** Reads the markers up to the frame header (SOFn) and checks that Seamline can decode the image. */
    static JpegImage open(Path path, FileChannel ch) throws BadInputException, IOException {
        long size = ch.size();
        long pos = 2;
        byte[] b2 = new byte[2];
        read(path, ch, 0, b2);
        if ((b2[0] & 0xff) != 0xFF || (b2[1] & 0xff) != 0xD8) {
            throw new BadInputException(path, "not a JPEG file (no SOI marker)");
        }
        while (true) {
            if (pos + 4 > size) {
                throw new BadInputException(path, "truncated JPEG: the file ends (" + size + " bytes) before the frame header");
            }
            read(path, ch, pos, b2);
            if ((b2[0] & 0xff) != 0xFF) {
                throw new BadInputException(path, "corrupt JPEG: no marker at byte " + pos);
            }
            int marker = b2[1] & 0xff;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new BadInputException(path, "corrupt JPEG: " + (marker == 0xD9 ? "end of image" : "scan data")
                        + " before any frame header");
            }
            read(path, ch, pos + 2, b2);
            int len = (b2[0] & 0xff) << 8 | (b2[1] & 0xff);
            if (len < 2 || pos + 2 + len > size) {
                throw new BadInputException(path, "truncated or corrupt JPEG: marker 0x" + Integer.toHexString(marker)
                        + " at byte " + pos + " declares " + len + " bytes");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (len < 8) {
                    throw new BadInputException(path, "corrupt JPEG: a frame header of " + len + " bytes");
                }
                byte[] f = new byte[6];
                read(path, ch, pos + 4, f);
                int precision = f[0] & 0xff;
                int h = (f[1] & 0xff) << 8 | (f[2] & 0xff), w = (f[3] & 0xff) << 8 | (f[4] & 0xff), n = f[5] & 0xff;
                if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
                    throw new BadInputException(path, "unsupported JPEG: " + process(marker)
                            + " (Seamline reads baseline, extended and progressive Huffman JPEGs)");
                }
                if (precision != 8) {
                    throw new BadInputException(path, "unsupported JPEG: " + precision + "-bit samples (Seamline reads 8-bit JPEGs)");
                }
                if (n == 4) {
                    throw new BadInputException(path, "unsupported CMYK JPEG (4 colour components): convert it to RGB first, "
                            + "e.g. with ImageMagick (convert in.jpg -colorspace sRGB out.jpg)");
                }
                if (n != 1 && n != 3) {
                    throw new BadInputException(path, "unsupported JPEG with " + n + " colour components (Seamline reads grey and YCbCr/RGB)");
                }
                if (w == 0 || h == 0) {
                    throw new BadInputException(path, "unsupported JPEG: dimensions " + w + " x " + h
                            + " (a height given later by a DNL marker is not supported)");
                }
                return new JpegImage(path, w, h, n, marker == 0xC2);
            }
            pos += 2 + len;
        }
    }

    private static String process(int marker) {
        return switch (marker) {
            case 0xC3 -> "lossless coding";
            case 0xC5, 0xC6, 0xC7 -> "hierarchical (differential) coding";
            default -> "arithmetic coding";
        };
    }

    int bands() {
        return components;
    }

    @Override
    public String describe() {
        return "JPEG, 8-bit " + (components == 1 ? "grey" : "YCbCr/RGB") + (progressive ? ", progressive" : ", baseline")
                + ": decoded whole on first read";
    }

    @Override
    public void read(int x, int y, int w, int h, int[] bands, Object dest, int offset, int rowStride, int bandStride)
            throws BadInputException, IOException {
        Decoded p = decoded();
        byte[] src = p.samples(), d = (byte[]) dest;
        int stride = p.stride();
        for (int k = 0; k < bands.length; k++) {
            int band = p.offsets()[bands[k]];
            for (int j = 0; j < h; j++) {
                int s = ((y + j) * width + x) * stride + band, o = offset + k * bandStride + j * rowStride;
                if (stride == 1) {
                    System.arraycopy(src, s, d, o, w);
                } else {
                    for (int i = 0; i < w; i++, s += stride) {
                        d[o + i] = src[s];
                    }
                }
            }
        }
    }

    private Decoded decoded() throws BadInputException, IOException {
        Decoded p = decoded;
        if (p == null) {
            synchronized (this) {
                p = decoded;
                if (p == null) {
                    p = decode();
                    decoded = p;
                }
            }
        }
        return p;
    }

    private Decoded decode() throws BadInputException, IOException {
        long bytes = (long) width * height * components;
        if (bytes > Math.min(limit, Integer.MAX_VALUE - 16)) { // the reader decodes into one Java array: 2 GB at most
            throw new BadInputException(path, "JPEG of " + width + " x " + height + " needs " + mb(bytes)
                    + " MB decoded whole, more than the limit of " + mb(Math.min(limit, Integer.MAX_VALUE - 16))
                    + " MB (a quarter of the Java heap, -Xmx, and at most 2 GB): "
                    + "convert it to a tiled GeoTIFF (gdal_translate -of COG), which Seamline reads tile by tile");
        }
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        if (!it.hasNext()) {
            throw new IOException("no javax.imageio JPEG reader in this JDK");
        }
        ImageReader reader = it.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new IOException("cannot open an image stream");
            }
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            // the reader's own image (3-byte BGR or grey), kept: measured faster than decoding into a banded
            // destination, and than copying it into one array per band
            BufferedImage got = reader.read(0, reader.getDefaultReadParam());
            if (!warnings.isEmpty()) {
                throw new BadInputException(path, "corrupt JPEG data (" + GeoKeys.oneLine(warnings.get(0)) + ")");
            }
            if (got.getWidth() != width || got.getHeight() != height || got.getRaster().getNumBands() != components) {
                throw new BadInputException(path, "corrupt JPEG: decoded " + got.getWidth() + " x " + got.getHeight() + " x "
                        + got.getRaster().getNumBands() + ", the header says " + width + " x " + height + " x " + components);
            }
            return samples(got);
        } catch (javax.imageio.IIOException e) {
            throw new BadInputException(path, "corrupt JPEG data (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            throw new BadInputException(path, "corrupt JPEG data (" + GeoKeys.oneLine(e.toString()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** The reader's image as it is when its samples are pixel-interleaved in one array, else copied so. */
    private Decoded samples(BufferedImage img) {
        java.awt.image.Raster r = img.getRaster();
        int n = width * height;
        if (r.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel m && r.getDataBuffer() instanceof DataBufferByte buf
                && buf.getNumBanks() == 1 && buf.getOffset() == 0 && m.getPixelStride() == components
                && m.getScanlineStride() == width * components && r.getSampleModelTranslateX() == 0
                && r.getSampleModelTranslateY() == 0 && m.getNumBands() == components) {
            return new Decoded(buf.getData(), components, m.getBandOffsets());
        }
        byte[] out = new byte[n * components]; // any other layout the reader chose: the generic path
        int[] row = new int[width * components];
        for (int y = 0; y < height; y++) {
            r.getPixels(r.getMinX(), r.getMinY() + y, width, 1, row);
            for (int i = 0; i < row.length; i++) {
                out[y * width * components + i] = (byte) row[i];
            }
        }
        int[] offsets = new int[components];
        for (int b = 0; b < components; b++) {
            offsets[b] = b;
        }
        return new Decoded(out, components, offsets);
    }

    @Override
    public void close() {
        decoded = null;
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static void read(Path path, FileChannel ch, long pos, byte[] dst) throws BadInputException, IOException {
        ByteBuffer b = ByteBuffer.wrap(dst);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new BadInputException(path, "truncated JPEG: the file ends at byte " + (pos + b.position()));
            }
        }
    }
}
