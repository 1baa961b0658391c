package dev.seamline.testkit;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Pixels in memory for tests, sample by sample from a formula: {@link #buffer} fills a {@link
 * PixelBuffer} over a window, {@link #source} serves a whole {@link RasterSource} that way.
 *
 * <p>Samples are given as {@code double} and stored as a cast to the sample type would store them
 * ({@code (byte)}, {@code (short)} of the whole number, so 255 and 65535 land as the unsigned values of
 * UInt8 and UInt16; UInt32 through a {@code long}). Stateless and thread-safe; the sources it makes are
 * immutable and thread-safe when their formula is.
 */
public final class Rasters {

    /** The sample of a band at a raster pixel, from the pixel's column and row. */
    @FunctionalInterface
    public interface Samples {

        /** The sample of band {@code band} (0-based) at column {@code x}, row {@code y} of the raster. */
        double at(int band, int x, int y);
    }

    private Rasters() {
    }

    /**
     * A buffer over {@code window} holding {@code bands} in that order: sample {@code (k, x, y)} of the
     * buffer is {@code samples.at(bands[k], window.x() + x, window.y() + y)}, for every pixel of the
     * window (inside {@code valid} or not: the formula decides what padding holds).
     *
     * @param valid the part of {@code window} inside the raster, raster pixels
     */
    public static PixelBuffer buffer(PixelWindow window, PixelWindow valid, int[] bands, SampleType type,
            Samples samples) {
        int w = window.width(), h = window.height(), n = w * h;
        Object data = PixelBuffer.newArray(type, n * bands.length);
        for (int k = 0; k < bands.length; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    store(data, k * n + y * w + x, samples.at(bands[k], window.x() + x, window.y() + y));
                }
            }
        }
        return new PixelBuffer(window, valid, bands.length, type, data);
    }

    /**
     * A raster of {@code width × height} pixels named {@code name}: inside, sample (b, x, y) is {@code
     * samples.at(b, x, y)}; a window reaching outside is padded with the nodata value, or 0 without one.
     * Closing it does nothing.
     */
    public static RasterSource source(String name, int width, int height, int bandCount, SampleType type,
            OptionalDouble nodata, Samples samples) {
        return new Formula(name, width, height, bandCount, type, nodata, samples);
    }

    private static void store(Object data, int i, double v) {
        if (data instanceof byte[] a) {
            a[i] = (byte) (int) v;
        } else if (data instanceof short[] a) {
            a[i] = (short) (int) v;
        } else if (data instanceof int[] a) {
            a[i] = (int) (long) v;
        } else if (data instanceof float[] a) {
            a[i] = (float) v;
        } else {
            ((double[]) data)[i] = v;
        }
    }

    private record Formula(String name, int width, int height, int bandCount, SampleType sampleType,
            OptionalDouble nodata, Samples samples) implements RasterSource {

        Formula {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sampleType, "sampleType");
            Objects.requireNonNull(nodata, "nodata");
            Objects.requireNonNull(samples, "samples");
        }

        @Override
        public PixelBuffer read(PixelWindow window, int[] bands) {
            double fill = nodata.orElse(0);
            return buffer(window, window.clip(width, height), bands, sampleType,
                    (b, x, y) -> x >= 0 && y >= 0 && x < width && y < height ? samples.at(b, x, y) : fill);
        }

        @Override
        public void close() {
        }
    }
}
