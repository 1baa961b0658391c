package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import dev.seamline.core.IndexSort;
import java.util.Arrays;

/**
 * The detections of one merge run as a graph: the overlap index's pairs as adjacency lists, the
 * current detection of each node (the seam stitch may replace one), which nodes are still alive, the
 * seam rule's ranks, and the processing order. Shared by the component merger, the seam rule and the
 * groups handed to the strategies. Not thread-safe; one per run.
 */
final class OverlapGraph {

    final PendingDetection[] items;
    /** The current detection of each node: the item's, or the stitched one. */
    final Detection[] cur;
    final boolean[] alive;
    /** The seam rule's rank of each node (0 whole in its core, 1 whole elsewhere, 2 cut). */
    final int[] rank;
    /** Adjacency in CSR form: node i's neighbours are adj[adjStart[i] .. adjStart[i+1]). */
    final int[] adjStart;
    final int[] adj;
    /** Neighbour lists replacing the CSR ones for stitched nodes; null until a stitch happens. */
    int[][] adjOverride;

    /**
     * Builds the graph and unites every overlapping pair in {@code parent} (a union-find forest over the
     * nodes, each node its own root on entry).
     */
    OverlapGraph(PendingDetection[] items, int[] parent) {
        int n = items.length;
        this.items = items;
        cur = new Detection[n];
        double[] fx0 = new double[n], fy0 = new double[n], fx1 = new double[n], fy1 = new double[n];
        for (int i = 0; i < n; i++) {
            PendingDetection it = items[i];
            cur[i] = it.det;
            fx0[i] = it.fx0;
            fy0[i] = it.fy0;
            fx1[i] = it.fx1;
            fy1[i] = it.fy1;
        }
        IntList pairs = OverlapIndex.pairs(fx0, fy0, fx1, fy1);
        int[] degree = new int[n + 1];
        for (int k = 0; k < pairs.size; k += 2) {
            int a = pairs.data[k], b = pairs.data[k + 1];
            degree[a]++;
            degree[b]++;
            ComponentMerger.union(parent, a, b);
        }
        adjStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            adjStart[i + 1] = adjStart[i] + degree[i];
        }
        adj = new int[adjStart[n]];
        int[] fill = Arrays.copyOf(adjStart, n);
        for (int k = 0; k < pairs.size; k += 2) {
            int a = pairs.data[k], b = pairs.data[k + 1];
            adj[fill[a]++] = b;
            adj[fill[b]++] = a;
        }
        alive = new boolean[n];
        Arrays.fill(alive, true);
        rank = new int[n];
    }

    int size() {
        return items.length;
    }

    /** The nodes overlapping node i (for a stitched node: those of its parts). */
    int[] neighbours(int i) {
        if (adjOverride != null && adjOverride[i] != null) {
            return adjOverride[i];
        }
        return Arrays.copyOfRange(adj, adjStart[i], adjStart[i + 1]);
    }

    /** Processing order: descending score, then y0, x0, y1, x1, class, tile, position in the tile's list. */
    int compare(int i, int j) {
        Detection a = cur[i], b = cur[j];
        int c = Double.compare(b.score(), a.score());
        if (c == 0) c = Double.compare(a.box().y0(), b.box().y0());
        if (c == 0) c = Double.compare(a.box().x0(), b.box().x0());
        if (c == 0) c = Double.compare(a.box().y1(), b.box().y1());
        if (c == 0) c = Double.compare(a.box().x1(), b.box().x1());
        if (c == 0) c = Integer.compare(a.classId(), b.classId());
        if (c == 0) c = Integer.compare(items[i].tile == null ? -1 : items[i].tile.index(),
                items[j].tile == null ? -1 : items[j].tile.index());
        if (c == 0) c = Integer.compare(items[i].seq, items[j].seq);
        if (c == 0) c = Integer.compare(i, j);
        return c;
    }

    /** Sorts nodes into processing order. */
    void sort(int[] a) {
        IndexSort.sort(a, this::compare);
    }
}
