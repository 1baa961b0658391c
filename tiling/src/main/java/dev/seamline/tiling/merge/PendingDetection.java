package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.tiling.Tile;

/**
 * One detection waiting to be merged, with what the seam rule needs to know about its tile: the tile
 * (null outside a tiled scene), its position in the tile's list, and its footprint (its box clipped to
 * the tile's window, scene pixels). Immutable.
 */
final class PendingDetection {
    final Detection det;
    final Tile tile;
    final int seq;
    final double fx0, fy0, fx1, fy1;

    /** @param det the detection, already clipped to its tile; its footprint is its box clipped to the window */
    PendingDetection(Detection det, Tile tile, int seq, Box footprint) {
        this.det = det;
        this.tile = tile;
        this.seq = seq;
        this.fx0 = footprint.x0();
        this.fy0 = footprint.y0();
        this.fx1 = footprint.x1();
        this.fy1 = footprint.y1();
    }
}
