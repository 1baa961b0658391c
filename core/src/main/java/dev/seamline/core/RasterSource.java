package dev.seamline.core;

import java.util.OptionalDouble;

/**
 * Anything that gives the pixels of a raster window by window: a GeoTIFF scene (module
 * {@code geo}), an in-memory test raster. Tiling and the pipeline see scenes through this interface
 * only, so they need no GeoTIFF code.
 *
 * <p>Implementations must allow concurrent {@link #read} calls from many threads.
 */
public interface RasterSource extends AutoCloseable {

    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /** Number of bands. */
    int bandCount();

    /** The type of every sample. */
    SampleType sampleType();

    /** The nodata value, if the raster declares one. */
    OptionalDouble nodata();

    /** A short name for messages: usually the file name. */
    String name();

    /**
     * Reads a window of the given bands (0-based, in the order wanted). Parts of the window outside
     * the raster are filled with the nodata value, or 0 when there is none; the buffer's
     * {@link PixelBuffer#valid()} says which part is real.
     *
     * @throws SeamlineException when the file cannot be read (a {@link BadInputException} when it is
     *         malformed)
     */
    PixelBuffer read(PixelWindow window, int[] bands) throws SeamlineException;

    /** Reads a window of every band. */
    default PixelBuffer read(PixelWindow window) throws SeamlineException {
        int[] all = new int[bandCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return read(window, all);
    }

    @Override
    void close() throws SeamlineException;
}
