package dev.seamline.core;

import java.util.Objects;

/**
 * The samples of a {@link PixelWindow}, band-sequential ("planar", the layout models take as CHW):
 * sample (band b, column x, row y) of the window sits at index {@code b·w·h + y·w + x} of one
 * primitive array, whose type follows {@link SampleType} ({@code byte[]} for 8-bit, {@code short[]}
 * for 16-bit, {@code int[]}, {@code float[]}, {@code double[]}). No per-sample objects, no
 * {@code BufferedImage}.
 *
 * <p>{@code valid} is the part of the window that lies inside the raster, in raster pixel
 * coordinates; samples outside it are padding (the nodata value, or 0).
 *
 * <p>The buffer owns its array and nobody writes it after construction, so a buffer is safe to read
 * from many threads; callers must not modify the array returned by the {@code as*} methods.
 */
public final class PixelBuffer {

    private final PixelWindow window;
    private final PixelWindow valid;
    private final int bandCount;
    private final SampleType sampleType;
    private final Object data;

    /**
     * @param window     the window the samples cover, raster pixels
     * @param valid      the part of {@code window} inside the raster (may be empty)
     * @param bandCount  number of bands held, ≥ 1
     * @param sampleType the sample type, which fixes the array type
     * @param data       the samples, band-sequential, length {@code bandCount·w·h}
     */
    public PixelBuffer(PixelWindow window, PixelWindow valid, int bandCount, SampleType sampleType, Object data) {
        this.window = Objects.requireNonNull(window, "window");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.sampleType = Objects.requireNonNull(sampleType, "sampleType");
        this.data = Objects.requireNonNull(data, "data");
        if (bandCount < 1) {
            throw new IllegalArgumentException("band count must be at least 1, was " + bandCount);
        }
        this.bandCount = bandCount;
        long expected = window.pixelCount() * bandCount;
        int length = java.lang.reflect.Array.getLength(data);
        if (length != expected) {
            throw new IllegalArgumentException("buffer holds " + length + " samples, expected " + expected);
        }
        Class<?> want = arrayClass(sampleType);
        if (data.getClass() != want) {
            throw new IllegalArgumentException(sampleType + " samples need a " + want.getSimpleName()
                    + ", got " + data.getClass().getSimpleName());
        }
    }

    /** The Java array class that holds samples of this type. */
    public static Class<?> arrayClass(SampleType type) {
        return switch (type) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
        };
    }

    /** A zero-filled array for {@code count} samples of this type. */
    public static Object newArray(SampleType type, int count) {
        return switch (type) {
            case UINT8, INT8 -> new byte[count];
            case UINT16, INT16 -> new short[count];
            case UINT32, INT32 -> new int[count];
            case FLOAT32 -> new float[count];
            case FLOAT64 -> new double[count];
        };
    }

    /** The window the samples cover, raster pixels. */
    public PixelWindow window() {
        return window;
    }

    /** The part of the window inside the raster, raster pixels. */
    public PixelWindow valid() {
        return valid;
    }

    /** Number of bands held. */
    public int bandCount() {
        return bandCount;
    }

    /** The sample type. */
    public SampleType sampleType() {
        return sampleType;
    }

    /** Window width. */
    public int width() {
        return window.width();
    }

    /** Window height. */
    public int height() {
        return window.height();
    }

    /** True when the whole window lies inside the raster (no padding). */
    public boolean isComplete() {
        return valid.equals(window);
    }

    /** The raw array: a {@code byte[]}, {@code short[]}, {@code int[]}, {@code float[]} or {@code double[]}. */
    public Object data() {
        return data;
    }

    /** The samples of an 8-bit buffer. */
    public byte[] asBytes() {
        return (byte[]) data;
    }

    /** The samples of a 16-bit buffer. */
    public short[] asShorts() {
        return (short[]) data;
    }

    /** The samples of a 32-bit integer buffer. */
    public int[] asInts() {
        return (int[]) data;
    }

    /** The samples of a Float32 buffer. */
    public float[] asFloats() {
        return (float[]) data;
    }

    /** The samples of a Float64 buffer. */
    public double[] asDoubles() {
        return (double[]) data;
    }

    /** Index of sample (band, x, y) in the array; x and y are relative to the window. */
    public int index(int band, int x, int y) {
        return (band * window.height() + y) * window.width() + x;
    }

    /**
     * One sample as a double, unsigned types read as unsigned; x and y relative to the window.
     * Convenient, not fast: bulk code reads the array.
     */
    public double sample(int band, int x, int y) {
        int i = index(band, x, y);
        return switch (sampleType) {
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT8 -> ((byte[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xFFFF;
            case INT16 -> ((short[]) data)[i];
            case UINT32 -> ((int[]) data)[i] & 0xFFFFFFFFL;
            case INT32 -> ((int[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    /**
     * Samples {@code from .. from + count - 1} of the array (band-major, as {@link #index} counts) into
     * {@code dst} from {@code to}, as float32: unsigned types read as unsigned, then each value rounded to
     * the nearest float as a Java cast does (exact up to 2^24).
     *
     * @throws IndexOutOfBoundsException when a range passes the end of either array
     */
    public void copyFloats(int from, float[] dst, int to, int count) {
        switch (sampleType) {
            case UINT8 -> {
                byte[] a = (byte[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i] & 0xff;
                }
            }
            case INT8 -> {
                byte[] a = (byte[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case UINT16 -> {
                short[] a = (short[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i] & 0xffff;
                }
            }
            case INT16 -> {
                short[] a = (short[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case UINT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i] & 0xffffffffL;
                }
            }
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = a[from + i];
                }
            }
            case FLOAT32 -> System.arraycopy((float[]) data, from, dst, to, count);
            case FLOAT64 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < count; i++) {
                    dst[to + i] = (float) a[from + i];
                }
            }
        }
    }
}
