package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;

/**
 * The pixels of a scene that is not a TIFF (a PNG or a JPEG), behind {@link Scene}. Regions are copied
 * into a band-sequential array as {@link dev.seamline.core.PixelBuffer} lays out its samples.
 * Implementations allow concurrent {@link #read} calls. Package-private.
 */
interface ImagePixels extends AutoCloseable {

    /**
     * Copies the region [x, x+w) × [y, y+h) (inside the image) of the given bands into {@code dest}
     * ({@code byte[]} for 8-bit, {@code short[]} for 16-bit samples) from {@code offset}, with the
     * given row and band strides.
     *
     * @throws BadInputException when the file turns out truncated or corrupt, naming it
     */
    void read(int x, int y, int w, int h, int[] bands, Object dest, int offset, int rowStride, int bandStride)
            throws BadInputException, IOException;

    /** How the file stores its pixels and how Seamline reads them, for {@code seamline info}. */
    String describe();

    @Override
    void close();
}
