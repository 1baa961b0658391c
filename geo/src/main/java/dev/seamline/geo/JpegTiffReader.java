package dev.seamline.geo;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads windows of a JPEG-compressed (8-bit) TIFF through the JDK's {@code javax.imageio} TIFF
 * plugin, which converts YCbCr to RGB as GDAL does and decodes only the blocks a region touches.
 * An ImageIO reader is not thread-safe, so each concurrent caller borrows one from a pool.
 * Package-private.
 */
final class JpegTiffReader implements AutoCloseable {

    private final Path path;
    private final ConcurrentLinkedQueue<ImageReader> pool = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ImageReader> all = new ConcurrentLinkedQueue<>();

    JpegTiffReader(Path path) {
        this.path = path;
    }

    private ImageReader borrow() throws IOException {
        ImageReader r = pool.poll();
        if (r != null) {
            return r;
        }
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("tiff");
        if (!it.hasNext()) {
            throw new IOException("no javax.imageio TIFF reader in this JDK");
        }
        r = it.next();
        ImageInputStream in = ImageIO.createImageInputStream(path.toFile());
        r.setInput(in, true, true);
        all.add(r);
        return r;
    }

    /**
     * Reads the region [x, x+w) × [y, y+h) (inside the image) of the given bands into {@code dst},
     * band-sequential with the given row stride and band stride, starting at {@code dstOffset}.
     */
    void read(int x, int y, int w, int h, int[] bands, byte[] dst, int dstOffset, int rowStride, int bandStride)
            throws IOException {
        ImageReader r = borrow();
        try {
            ImageReadParam p = r.getDefaultReadParam();
            p.setSourceRegion(new java.awt.Rectangle(x, y, w, h));
            Raster raster = r.read(0, p).getRaster();
            int[] row = new int[w];
            int rx = raster.getMinX(), ry = raster.getMinY();
            for (int k = 0; k < bands.length; k++) {
                for (int j = 0; j < h; j++) {
                    raster.getSamples(rx, ry + j, w, 1, bands[k], row);
                    int o = dstOffset + k * bandStride + j * rowStride;
                    for (int i = 0; i < w; i++) {
                        dst[o + i] = (byte) row[i];
                    }
                }
            }
        } finally {
            pool.add(r);
        }
    }

    @Override
    public void close() {
        for (ImageReader r; (r = all.poll()) != null; ) {
            Object in = r.getInput();
            r.dispose();
            if (in instanceof ImageInputStream s) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a read-only stream
                }
            }
        }
        pool.clear();
    }
}
