package dev.seamline.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * How many row bands a scene is split into, each one Spark task. A fixed count applies to every scene;
 * {@code auto} gives each scene bands of about {@link #autoTilesPerBand} tiles: at most
 * {@value #AUTO_TILES_PER_BAND}, fewer when the run's tiles would otherwise not give every task slot
 * of the session a band. A scene never has more bands than grid rows. Immutable, thread-safe and
 * serializable.
 *
 * <p>Why {@value #AUTO_TILES_PER_BAND}: a band costs, besides its tiles, a task's scheduling and
 * deserialization (~30 ms), its last forward pass filled with blank tiles (half a batch on average) and
 * the seam detections it sends its scene's reducer; at 400 tiles (~40 s of one core with the built-in
 * model, docs/benchmarks.md "Seamline on Spark") that is under 1 % of its work, while a scene of
 * 8,192² px (1,521 tiles of 512 px) still gives 4 tasks and one of 2,048² (81 tiles) one.
 *
 * @param count bands per scene, at least 1; 0 means auto
 */
public record Bands(int count) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** The most tiles {@link #AUTO} puts in one band. */
    public static final int AUTO_TILES_PER_BAND = 400;

    /** Bands of {@link #autoTilesPerBand} tiles. */
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

    /**
     * The tiles per band {@code auto} aims at in a run of {@code runTiles} tiles (every scene's grid) on
     * {@code slots} concurrent tasks: {@value #AUTO_TILES_PER_BAND}, or the run's tiles shared out over
     * the slots when that is fewer (one 2,048² scene on {@code local[2]}: two bands, both cores busy).
     */
    public static int autoTilesPerBand(long runTiles, int slots) {
        long share = (runTiles + Math.max(1, slots) - 1) / Math.max(1, slots);
        return (int) Math.max(1, Math.min(AUTO_TILES_PER_BAND, share));
    }

    /**
     * The bands of a grid of {@code rows} × {@code columns} tiles, from 1 to {@code rows}.
     *
     * @param tilesPerBand what {@code auto} aims at ({@link #autoTilesPerBand}); unused for a fixed count
     */
    public int bandsFor(int rows, int columns, int tilesPerBand) {
        long wanted = count > 0 ? count : ((long) rows * columns + tilesPerBand - 1) / Math.max(1, tilesPerBand);
        return (int) Math.max(1, Math.min(rows, wanted));
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
