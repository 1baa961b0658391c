package dev.seamline.tiling;

import dev.seamline.core.Box;
import dev.seamline.core.PixelWindow;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * Overlapping square tiles laid over a scene, or over a region of interest in it, in row-major order.
 *
 * <p>Along each axis the tiles start at the covered area's near edge and step by the stride
 * ({@code tileSize − overlap}); the last one is shifted back inside or padded according to the
 * {@link EdgePolicy}. Every pixel of the covered area lies in at least one tile's window and in
 * exactly one tile's core. Coordinates are scene pixels with (0,0) the top-left corner of the
 * top-left pixel.
 *
 * <p>A value: immutable and thread-safe, equal when built from equal inputs.
 */
public final class TileGrid {

    private final int sceneWidth;
    private final int sceneHeight;
    private final TileLayout layout;
    private final PixelWindow region;
    private final int[] xs;
    private final int[] ys;
    private final double[] coreXs;
    private final double[] coreYs;

    private TileGrid(int sceneWidth, int sceneHeight, TileLayout layout, PixelWindow region) {
        this.sceneWidth = sceneWidth;
        this.sceneHeight = sceneHeight;
        this.layout = layout;
        this.region = region;
        this.xs = starts(region.x(), region.width(), sceneWidth, layout);
        this.ys = starts(region.y(), region.height(), sceneHeight, layout);
        this.coreXs = coreEdges(xs, region.x(), region.endX(), layout.tileSize());
        this.coreYs = coreEdges(ys, region.y(), region.endY(), layout.tileSize());
    }

    /** Tiles over the whole scene of {@code sceneWidth × sceneHeight} pixels. */
    public static TileGrid of(int sceneWidth, int sceneHeight, TileLayout layout) {
        return of(sceneWidth, sceneHeight, layout, new PixelWindow(0, 0, sceneWidth, sceneHeight));
    }

    /**
     * Tiles over {@code region} of the scene (clipped to the scene).
     *
     * @throws IllegalArgumentException when the scene or the clipped region is empty
     */
    public static TileGrid of(int sceneWidth, int sceneHeight, TileLayout layout, PixelWindow region) {
        Objects.requireNonNull(layout, "layout");
        if (sceneWidth < 1 || sceneHeight < 1) {
            throw new IllegalArgumentException("scene must not be empty: " + sceneWidth + " x " + sceneHeight);
        }
        PixelWindow clipped = region.clip(sceneWidth, sceneHeight);
        if (clipped.isEmpty()) {
            throw new IllegalArgumentException("region of interest " + region + " does not meet the "
                    + sceneWidth + " x " + sceneHeight + " scene");
        }
        return new TileGrid(sceneWidth, sceneHeight, layout, clipped);
    }

    private static int[] starts(int start, int extent, int sceneExtent, TileLayout layout) {
        int size = layout.tileSize();
        int stride = layout.stride();
        if (extent <= size) {
            int p = layout.edgePolicy() == EdgePolicy.SHIFT_INSIDE ? Math.max(0, Math.min(start, sceneExtent - size)) : start;
            return new int[] {p};
        }
        int n = (int) ((extent - size + (long) stride - 1) / stride) + 1;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = start + i * stride;
        }
        if (layout.edgePolicy() == EdgePolicy.SHIFT_INSIDE) {
            p[n - 1] = start + extent - size;
        }
        return p;
    }

    /** Core boundaries: n+1 values, the first and last on the covered area's edges, the others at overlap middles. */
    private static double[] coreEdges(int[] starts, int from, int to, int size) {
        int n = starts.length;
        double[] e = new double[n + 1];
        e[0] = from;
        e[n] = to;
        for (int i = 1; i < n; i++) {
            double middle = (starts[i] + (double) starts[i - 1] + size) / 2;
            e[i] = Math.max(from, Math.min(to, middle));
        }
        return e;
    }

    /** Scene width, pixels. */
    public int sceneWidth() {
        return sceneWidth;
    }

    /** Scene height, pixels. */
    public int sceneHeight() {
        return sceneHeight;
    }

    /** The tile options. */
    public TileLayout layout() {
        return layout;
    }

    /** The covered area: the region of interest, or the whole scene. */
    public PixelWindow region() {
        return region;
    }

    /** Number of tile columns. */
    public int columns() {
        return xs.length;
    }

    /** Number of tile rows. */
    public int rows() {
        return ys.length;
    }

    /** Number of tiles. */
    public int size() {
        return xs.length * ys.length;
    }

    /** The tile in column {@code col} and row {@code row}. */
    public Tile tile(int col, int row) {
        Objects.checkIndex(col, xs.length);
        Objects.checkIndex(row, ys.length);
        int s = layout.tileSize();
        return new Tile(row * xs.length + col, col, row, new PixelWindow(xs[col], ys[row], s, s),
                new Box(coreXs[col], coreYs[row], coreXs[col + 1], coreYs[row + 1]),
                col > 0, row > 0, col < xs.length - 1, row < ys.length - 1);
    }

    /** The tile with row-major index {@code index}. */
    public Tile tile(int index) {
        Objects.checkIndex(index, size());
        return tile(index % xs.length, index / xs.length);
    }

    /** Every tile, row-major; the list is computed on access and holds no tiles itself. */
    public List<Tile> tiles() {
        return new AbstractList<>() {
            @Override
            public Tile get(int index) {
                return tile(index);
            }

            @Override
            public int size() {
                return TileGrid.this.size();
            }
        };
    }

    /** The first scene row read by tiles of grid row {@code row}. */
    public int rowTop(int row) {
        return ys[row];
    }

    /** True when {@code tile} is one of this grid's tiles. */
    public boolean contains(Tile tile) {
        return tile.index() >= 0 && tile.index() < size() && tile(tile.index()).equals(tile);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileGrid g && g.sceneWidth == sceneWidth && g.sceneHeight == sceneHeight
                && g.layout.equals(layout) && g.region.equals(region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sceneWidth, sceneHeight, layout, region);
    }

    @Override
    public String toString() {
        return "TileGrid[" + sceneWidth + "x" + sceneHeight + ", " + layout + ", region " + region + ", "
                + columns() + "x" + rows() + " tiles]";
    }
}
