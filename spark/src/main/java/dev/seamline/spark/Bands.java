package dev.seamline.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * How many row bands a scene is split into, each one Spark task. {@code auto} gives a scene one band
 * per {@value #AUTO_TILES_PER_BAND} tiles of its grid (rounded up); a fixed count applies to every
 * scene. A scene never has more bands than grid rows. Immutable, thread-safe and serializable.
 *
 * @param count bands per scene, at least 1; 0 means auto
 */
public record Bands(int count) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Tiles per band that {@link #AUTO} aims at: large enough that a task's setup is small beside its work. */
    public static final int AUTO_TILES_PER_BAND = 128;

    /** One band per {@value #AUTO_TILES_PER_BAND} tiles. */
    public static final Bands AUTO = new Bands(0);

    /** @throws IllegalArgumentException for a negative count */
    public Bands {
        if (count < 0) {
            throw new IllegalArgumentException("bands must be auto or at least 1, was " + count);
        }
    }

    /**
     * Parses {@code auto} or a count of at least 1.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Bands parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 1) {
                return new Bands(n);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--bands must be auto or a whole number of at least 1, was '" + text + "'");
    }

    /** The bands of a grid of {@code rows} × {@code columns} tiles, from 1 to {@code rows}. */
    public int bandsFor(int rows, int columns) {
        int wanted = count > 0 ? count : (int) Math.ceil((double) rows * columns / AUTO_TILES_PER_BAND);
        return Math.max(1, Math.min(rows, wanted));
    }

    /**
     * The first grid row of band {@code band} of {@code bands} over {@code rows} rows: the rows are
     * shared out evenly, the earlier bands taking one more when they do not divide.
     */
    public static int firstRow(int band, int bands, int rows) {
        int base = rows / bands;
        int extra = rows % bands;
        return band * base + Math.min(band, extra);
    }
}
