package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.IndexSort;
import dev.seamline.tiling.Tile;

/**
 * The {@link SeamRule} applied to one component of the {@link OverlapGraph}: ranks each detection by
 * where it lies in its tile (0 whole in the core, 1 whole elsewhere, 2 cut), lets each detection give
 * way to a better-ranked one from another tile that agrees with it where both tiles see, then hands the
 * surviving cut views to the {@link SeamStitch}. Immutable; the graph it works on is not thread-safe.
 */
final class SeamGiveWay {

    private final SeamRule rule;
    private final Matching matching;

    SeamGiveWay(SeamRule rule, Matching matching) {
        this.rule = rule;
        this.matching = matching;
    }

    /** Ranks the component's members {@code m}, marks those giving way dead, and stitches cut views. */
    void apply(OverlapGraph g, int[] m) {
        int[] rank = g.rank;
        boolean anyTile = false;
        for (int i : m) {
            PendingDetection it = g.items[i];
            if (it.tile == null) {
                rank[i] = 0;
                continue;
            }
            anyTile = true;
            Box b = it.det.box();
            if (it.tile.isCut(b, rule.edgeTolerance())) {
                rank[i] = 2;
            } else {
                rank[i] = it.tile.coreContains(b.centerX(), b.centerY()) ? 0 : 1;
            }
        }
        if (!anyTile || allZero(rank, m)) {
            return; // nothing to give way: no cut view and no view outside its core
        }
        int[] order = m.clone();
        IndexSort.sort(order, (a, b) -> rank[a] != rank[b] ? Integer.compare(rank[a], rank[b]) : g.compare(a, b));
        for (int i : order) {
            if (rank[i] == 0) {
                continue;
            }
            for (int k = g.adjStart[i]; k < g.adjStart[i + 1]; k++) {
                int j = g.adj[k];
                if (g.alive[j] && rank[j] < rank[i] && agree(g, i, j)) {
                    g.alive[i] = false;
                    break;
                }
            }
        }
        SeamStitch.stitch(g, order, this);
    }

    private static boolean allZero(int[] rank, int[] m) {
        for (int i : m) {
            if (rank[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when i and j come from different tiles, may match by class, and agree where both tiles see. */
    boolean agree(OverlapGraph g, int i, int j) {
        Tile ti = g.items[i].tile, tj = g.items[j].tile;
        if (ti == null || tj == null || ti.index() == tj.index()) {
            return false;
        }
        if (!matching.classesMatch(g.items[i].det.classId(), g.items[j].det.classId())) {
            return false;
        }
        Box common = ti.window().toBox().intersection(tj.window().toBox());
        if (common.isEmpty()) {
            return false;
        }
        return Geometry.iouWithin(g.items[i].det, g.items[j].det, common) >= rule.agreement();
    }
}
