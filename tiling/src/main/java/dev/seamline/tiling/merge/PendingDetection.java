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

    /**
     * A tile's detection as the merger holds it: its box clipped to {@code window} (the tile's window
     * within the scene; an oriented box is kept whole and located by its clipped bounds), or null when
     * nothing of it lies in the window.
     */
    static PendingDetection clipped(Detection d, Tile tile, int seq, Box window) {
        Box footprint = d.box().intersection(window);
        if (footprint.isEmpty()) {
            return null;
        }
        Detection clipped = d.isOriented() || footprint.equals(d.box()) ? d
                : new Detection(footprint, null, d.classId(), d.score());
        return new PendingDetection(clipped, tile, seq, footprint);
    }
}
