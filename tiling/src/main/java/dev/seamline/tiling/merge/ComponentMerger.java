package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The component merger, shared by {@link MergeStrategy#merge} and {@link SeamMerger}: builds the
 * {@link OverlapGraph} of a batch of pending detections, groups them into connected components with a
 * union-find forest, and merges each closed component (one that no future tile can touch) with the
 * {@link SeamGiveWay seam rule} and then the strategy, which is handed the component's surviving
 * detections as one {@link MergeGroup}. Components are independent: merging them one by one gives the
 * same result as merging everything at once, which is what makes streaming exact. Not thread-safe; one
 * instance per call.
 */
final class ComponentMerger {

    private final MergeStrategy strategy;
    private final SeamGiveWay seam;

    ComponentMerger(MergeStrategy strategy, SeamRule seamRule) {
        this.strategy = strategy;
        this.seam = seamRule.enabled() ? new SeamGiveWay(seamRule, strategy.matching()) : null;
    }

    /** Merges detections without tiles: the whole list at once, no seam rule; sorted in the output order. */
    static List<Detection> mergePlain(MergeStrategy strategy, List<Detection> detections) {
        List<PendingDetection> items = new ArrayList<>(detections.size());
        int seq = 0;
        for (Detection d : detections) {
            if (!d.box().isEmpty()) {
                items.add(new PendingDetection(d, null, seq, d.box()));
            }
            seq++;
        }
        List<Detection> out = new ArrayList<>();
        new ComponentMerger(strategy, SeamRule.OFF).run(items, Double.POSITIVE_INFINITY, out, new ArrayList<>());
        OutputOrder.sort(out);
        return out;
    }

    /**
     * Merges every component whose footprints all end at or above {@code frontier} (scene y) into
     * {@code out} (unsorted) and puts the items of the others into {@code open}.
     */
    void run(List<PendingDetection> list, double frontier, List<Detection> out, List<PendingDetection> open) {
        run(list, (minY, maxY, lastRow) -> maxY > frontier ? Release.OPEN : 0, out, null, open);
    }

    /** Whether a component is merged now, and the tag its merged detections get. */
    interface Release {
        /** The tag of a component left open. */
        int OPEN = -1;

        /**
         * @param minY    the smallest footprint y0 of the component's members (scene pixels)
         * @param maxY    the largest footprint y1
         * @param lastRow the largest grid row of the members' tiles (0 without tiles)
         * @return a tag of at least 0 to merge the component now, or {@link #OPEN}
         */
        int tag(double minY, double maxY, int lastRow);
    }

    /**
     * Merges every component {@code release} tags into {@code out} (unsorted), adding each merged
     * detection's tag to {@code tags} (when not null), and puts the items of the others into {@code open}.
     */
    void run(List<PendingDetection> list, Release release, List<Detection> out, IntList tags,
            List<PendingDetection> open) {
        int n = list.size();
        if (n == 0) {
            return;
        }
        PendingDetection[] items = list.toArray(new PendingDetection[0]);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        OverlapGraph graph = new OverlapGraph(items, parent);
        // components as CSR lists
        int[] root = new int[n];
        int[] count = new int[n + 1];
        double[] maxY = new double[n];
        Arrays.fill(maxY, Double.NEGATIVE_INFINITY);
        double[] minY = new double[n];
        Arrays.fill(minY, Double.POSITIVE_INFINITY);
        int[] lastRow = new int[n];
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            root[i] = r;
            count[r]++;
            maxY[r] = Math.max(maxY[r], items[i].fy1);
            minY[r] = Math.min(minY[r], items[i].fy0);
            lastRow[r] = Math.max(lastRow[r], items[i].tile == null ? 0 : items[i].tile.row());
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] members = new int[n];
        int[] pos = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            members[pos[root[i]]++] = i;
        }
        GroupView group = new GroupView(graph, strategy.matching(), out);
        for (int r = 0; r < n; r++) {
            int size = start[r + 1] - start[r];
            if (size == 0) {
                continue;
            }
            int tag = release.tag(minY[r], maxY[r], lastRow[r]);
            if (tag == Release.OPEN) {
                for (int k = start[r]; k < start[r + 1]; k++) {
                    open.add(items[members[k]]);
                }
                continue;
            }
            int before = out.size();
            if (size == 1) {
                group.single(members[start[r]]);
            } else {
                group.reset(live(graph, Arrays.copyOfRange(members, start[r], start[r + 1])));
            }
            strategy.mergeGroup(group);
            if (tags != null) {
                for (int k = before; k < out.size(); k++) {
                    tags.add(tag);
                }
            }
        }
    }

    /** The component's members left after the seam rule, in processing order. */
    private int[] live(OverlapGraph graph, int[] m) {
        if (seam != null) {
            seam.apply(graph, m);
        }
        int k = 0;
        for (int i : m) {
            if (graph.alive[i]) {
                m[k++] = i;
            }
        }
        int[] live = Arrays.copyOf(m, k);
        graph.sort(live);
        return live;
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
