package dev.seamline.tiling;

import dev.seamline.core.Box;
import dev.seamline.core.PixelWindow;

/**
 * One tile of a {@link TileGrid}: its place in the grid, the pixels it reads, and its core.
 *
 * <p>{@code window} is in scene pixels and may reach past the scene (padding). {@code core} is the part
 * of the covered area nearer to this tile than to any neighbour: overlaps are split at their middle,
 * so the cores of a grid partition the covered area exactly (half-open boxes; a middle may fall on a
 * half pixel). The {@code seam*} flags say which sides of the window are interior seams, that is, have
 * a neighbouring tile beyond them; a box touching such a side was cut by the tile edge.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index      row-major index in the grid, {@code row · columns + col}
 * @param col        column in the grid, from 0
 * @param row        row in the grid, from 0
 * @param window     the pixels the tile reads, scene pixels
 * @param core       the tile's share of the covered area, continuous scene pixels
 * @param seamLeft   a neighbour lies to the left
 * @param seamTop    a neighbour lies above
 * @param seamRight  a neighbour lies to the right
 * @param seamBottom a neighbour lies below
 */
public record Tile(int index, int col, int row, PixelWindow window, Box core,
        boolean seamLeft, boolean seamTop, boolean seamRight, boolean seamBottom) {

    /**
     * True when {@code box} (scene pixels) reaches within {@code tolerance} pixels of an interior seam
     * of this tile: the tile saw only part of the object.
     */
    public boolean isCut(Box box, double tolerance) {
        return seamLeft && box.x0() <= window.x() + tolerance
                || seamTop && box.y0() <= window.y() + tolerance
                || seamRight && box.x1() >= window.endX() - tolerance
                || seamBottom && box.y1() >= window.endY() - tolerance;
    }

    /** True when the point (scene pixels) lies in this tile's core. */
    public boolean coreContains(double x, double y) {
        return core.contains(x, y);
    }
}
