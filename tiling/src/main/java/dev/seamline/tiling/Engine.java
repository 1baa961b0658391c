package dev.seamline.tiling;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The merge machinery shared by {@link MergeStrategy#merge} and {@link SeamMerger}: finds overlapping
 * pairs with a uniform grid, groups detections into connected components of the overlap graph, and
 * merges each closed component (one that no future tile can touch) with the seam rule and the
 * strategy. Components are independent: merging them one by one gives the same result as merging
 * everything at once, which is what makes streaming exact. Not thread-safe; one instance per call.
 */
final class Engine {

    /** One detection waiting to be merged, with what the seam rule needs to know about its tile. */
    static final class Item {
        final Detection det;
        final Tile tile;
        final int seq;
        final double fx0, fy0, fx1, fy1;

        /** @param det the detection, already clipped to its tile; its footprint is its box clipped to the window */
        Item(Detection det, Tile tile, int seq, Box footprint) {
            this.det = det;
            this.tile = tile;
            this.seq = seq;
            this.fx0 = footprint.x0();
            this.fy0 = footprint.y0();
            this.fx1 = footprint.x1();
            this.fy1 = footprint.y1();
        }
    }

    /** Output order: y0, x0, y1, x1, class, descending score, then the oriented box. */
    static final Comparator<Detection> OUTPUT_ORDER = (a, b) -> {
        int c = Double.compare(a.box().y0(), b.box().y0());
        if (c == 0) c = Double.compare(a.box().x0(), b.box().x0());
        if (c == 0) c = Double.compare(a.box().y1(), b.box().y1());
        if (c == 0) c = Double.compare(a.box().x1(), b.box().x1());
        if (c == 0) c = Integer.compare(a.classId(), b.classId());
        if (c == 0) c = Double.compare(b.score(), a.score());
        if (c == 0) c = Boolean.compare(a.isOriented(), b.isOriented());
        if (c == 0 && a.isOriented()) {
            OrientedBox p = a.oriented(), q = b.oriented();
            c = Double.compare(p.cx(), q.cx());
            if (c == 0) c = Double.compare(p.cy(), q.cy());
            if (c == 0) c = Double.compare(p.width(), q.width());
            if (c == 0) c = Double.compare(p.height(), q.height());
            if (c == 0) c = Double.compare(p.angle(), q.angle());
        }
        return c;
    };

    private static final int MAX_CELLS_PER_ITEM = 64;

    private final MergeStrategy strategy;
    private final Matching matching;
    private final SeamRule seam;

    // per run
    private Item[] items;
    private Detection[] cur;
    private int[] adjStart;
    private int[] adj;
    private int[][] adjOverride;
    private double[] fx0, fy0, fx1, fy1;
    private boolean[] alive;
    private int[] rank;

    Engine(MergeStrategy strategy, SeamRule seam) {
        this.strategy = strategy;
        this.matching = strategy.matching();
        this.seam = seam;
    }

    /** Merges detections without tiles: the whole list at once, no seam rule. */
    static List<Detection> mergePlain(MergeStrategy strategy, List<Detection> detections) {
        List<Item> items = new ArrayList<>(detections.size());
        int seq = 0;
        for (Detection d : detections) {
            if (!d.box().isEmpty()) {
                items.add(new Item(d, null, seq, d.box()));
            }
            seq++;
        }
        List<Detection> out = new ArrayList<>();
        new Engine(strategy, SeamRule.OFF).run(items, Double.POSITIVE_INFINITY, out, new ArrayList<>());
        sortOutput(out);
        return out;
    }

    /**
     * Merges every component whose footprints all end at or above {@code frontier} (scene y) into
     * {@code out} (unsorted) and puts the items of the others into {@code open}.
     */
    void run(List<Item> list, double frontier, List<Detection> out, List<Item> open) {
        int n = list.size();
        if (n == 0) {
            return;
        }
        items = list.toArray(new Item[0]);
        cur = new Detection[n];
        fx0 = new double[n];
        fy0 = new double[n];
        fx1 = new double[n];
        fy1 = new double[n];
        for (int i = 0; i < n; i++) {
            Item it = items[i];
            cur[i] = it.det;
            fx0[i] = it.fx0;
            fy0[i] = it.fy0;
            fx1[i] = it.fx1;
            fy1[i] = it.fy1;
        }
        IntList pairs = overlappingPairs();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int[] degree = new int[n + 1];
        for (int k = 0; k < pairs.size; k += 2) {
            int a = pairs.data[k], b = pairs.data[k + 1];
            degree[a]++;
            degree[b]++;
            union(parent, a, b);
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
        // components as CSR lists
        int[] root = new int[n];
        int[] count = new int[n + 1];
        double[] maxY = new double[n];
        Arrays.fill(maxY, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            root[i] = r;
            count[r]++;
            maxY[r] = Math.max(maxY[r], fy1[i]);
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
        alive = new boolean[n];
        Arrays.fill(alive, true);
        rank = new int[n];
        adjOverride = null;
        for (int r = 0; r < n; r++) {
            int size = start[r + 1] - start[r];
            if (size == 0) {
                continue;
            }
            if (maxY[r] > frontier) {
                for (int k = start[r]; k < start[r + 1]; k++) {
                    open.add(items[members[k]]);
                }
                continue;
            }
            if (size == 1) {
                single(members[start[r]], out);
            } else {
                component(Arrays.copyOfRange(members, start[r], start[r + 1]), out);
            }
        }
        items = null;
        cur = null;
        adj = null;
        adjStart = null;
        fx0 = fy0 = fx1 = fy1 = null;
    }

    private void single(int i, List<Detection> out) {
        if (strategy instanceof SoftNms s && cur[i].score() < s.scoreThreshold()) {
            return;
        }
        if (strategy instanceof WeightedBoxFusion w && w.models() > 1) {
            out.add(cur[i].withScore(cur[i].score() / w.models()));
            return;
        }
        out.add(cur[i]);
    }

    private void component(int[] m, List<Detection> out) {
        if (seam.enabled()) {
            seamRule(m);
        }
        int k = 0;
        for (int i : m) {
            if (alive[i]) {
                m[k++] = i;
            }
        }
        int[] live = Arrays.copyOf(m, k);
        sort(live);
        if (strategy instanceof GreedyNms) {
            greedyNms(live, out);
        } else if (strategy instanceof SoftNms s) {
            softNms(live, s, out);
        } else if (strategy instanceof WeightedBoxFusion w) {
            wbf(live, w, out);
        } else if (strategy instanceof GreedyNmm) {
            greedyNmm(live, out);
        } else {
            throw new AssertionError(strategy);
        }
    }

    // ---- seam rule -------------------------------------------------------------------------------

    private void seamRule(int[] m) {
        boolean anyTile = false;
        for (int i : m) {
            Item it = items[i];
            if (it.tile == null) {
                rank[i] = 0;
                continue;
            }
            anyTile = true;
            Box b = it.det.box();
            if (it.tile.isCut(b, seam.edgeTolerance())) {
                rank[i] = 2;
            } else {
                rank[i] = it.tile.coreContains(b.centerX(), b.centerY()) ? 0 : 1;
            }
        }
        if (!anyTile || allZero(m)) {
            return; // nothing to give way: no cut view and no view outside its core
        }
        int[] order = m.clone();
        sort(order, (a, b) -> rank[a] != rank[b] ? Integer.compare(rank[a], rank[b]) : compare(a, b));
        for (int i : order) {
            if (rank[i] == 0) {
                continue;
            }
            for (int k = adjStart[i]; k < adjStart[i + 1]; k++) {
                int j = adj[k];
                if (alive[j] && rank[j] < rank[i] && agree(i, j)) {
                    alive[i] = false;
                    break;
                }
            }
        }
        stitch(order);
    }

    private boolean allZero(int[] m) {
        for (int i : m) {
            if (rank[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when i and j come from different tiles, may match by class, and agree where both tiles see. */
    private boolean agree(int i, int j) {
        Tile ti = items[i].tile, tj = items[j].tile;
        if (ti == null || tj == null || ti.index() == tj.index()) {
            return false;
        }
        if (!matching.classesMatch(items[i].det.classId(), items[j].det.classId())) {
            return false;
        }
        Box common = ti.window().toBox().intersection(tj.window().toBox());
        if (common.isEmpty()) {
            return false;
        }
        return Geometry.iouWithin(items[i].det, items[j].det, common) >= seam.agreement();
    }

    /** Joins agreeing cut views from different tiles into one detection: the union box, the top score. */
    private void stitch(int[] order) {
        Map<Integer, Integer> parent = null;
        for (int i : order) {
            if (rank[i] != 2 || !alive[i] || items[i].det.isOriented()) {
                continue;
            }
            for (int k = adjStart[i]; k < adjStart[i + 1]; k++) {
                int j = adj[k];
                if (j > i && rank[j] == 2 && alive[j] && !items[j].det.isOriented() && agree(i, j)) {
                    if (parent == null) {
                        parent = new HashMap<>();
                    }
                    int ri = findMap(parent, i), rj = findMap(parent, j);
                    if (ri != rj) {
                        parent.put(Math.max(ri, rj), Math.min(ri, rj));
                    }
                }
            }
        }
        if (parent == null) {
            return;
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i : order) {
            if (parent.containsKey(i)) {
                groups.computeIfAbsent(findMap(parent, i), r -> new ArrayList<>()).add(i);
            }
        }
        if (adjOverride == null) {
            adjOverride = new int[items.length][];
        }
        for (List<Integer> g : groups.values()) {
            int best = g.get(0);
            for (int i : g) {
                if (compare(i, best) < 0) {
                    best = i;
                }
            }
            Box box = cur[best].box();
            java.util.TreeSet<Integer> nbrs = new java.util.TreeSet<>();
            for (int i : g) {
                box = box.union(cur[i].box());
                for (int k = adjStart[i]; k < adjStart[i + 1]; k++) {
                    nbrs.add(adj[k]);
                }
                if (i != best) {
                    alive[i] = false;
                }
            }
            nbrs.removeAll(g);
            cur[best] = new Detection(box, null, cur[best].classId(), cur[best].score());
            adjOverride[best] = nbrs.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int findMap(Map<Integer, Integer> parent, int i) {
        parent.putIfAbsent(i, i);
        int r = i;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }

    // ---- strategies -------------------------------------------------------------------------------

    private int[] neighbours(int i) {
        if (adjOverride != null && adjOverride[i] != null) {
            return adjOverride[i];
        }
        return Arrays.copyOfRange(adj, adjStart[i], adjStart[i + 1]);
    }

    private boolean matches(int i, int j) {
        return matching.classesMatch(cur[i].classId(), cur[j].classId())
                && Geometry.metric(matching.metric(), cur[i], cur[j]) > matching.threshold();
    }

    private void greedyNms(int[] order, List<Detection> out) {
        for (int i : order) {
            if (!alive[i]) {
                continue;
            }
            out.add(cur[i]);
            for (int j : neighbours(i)) {
                if (alive[j] && matches(i, j)) {
                    alive[j] = false;
                }
            }
            alive[i] = false;
        }
    }

    private void softNms(int[] order, SoftNms s, List<Detection> out) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int k = 0; k < order.length; k++) {
            position.put(order[k], k);
        }
        Map<Integer, Double> score = new HashMap<>();
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
                : Double.compare(a[1], b[1]));
        for (int k = 0; k < order.length; k++) {
            score.put(order[k], cur[order[k]].score());
            queue.add(new double[] {cur[order[k]].score(), k});
        }
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int i = order[(int) top[1]];
            if (!alive[i] || top[0] != score.get(i)) {
                continue;
            }
            alive[i] = false;
            double si = score.get(i);
            if (si < s.scoreThreshold()) {
                continue;
            }
            out.add(si == cur[i].score() ? cur[i] : cur[i].withScore(si));
            for (int j : neighbours(i)) {
                if (!alive[j] || !position.containsKey(j)
                        || !matching.classesMatch(cur[i].classId(), cur[j].classId())) {
                    continue;
                }
                double m = Geometry.metric(matching.metric(), cur[i], cur[j]);
                double factor = s.decay() == SoftNms.Decay.LINEAR
                        ? (m > matching.threshold() ? 1 - m : 1)
                        : Math.exp(-m * m / s.sigma());
                if (factor != 1) {
                    double sj = score.get(j) * factor;
                    score.put(j, sj);
                    queue.add(new double[] {sj, position.get(j)});
                }
            }
        }
    }

    private void greedyNmm(int[] order, List<Detection> out) {
        for (int i : order) {
            if (!alive[i]) {
                continue;
            }
            alive[i] = false;
            List<Integer> matched = new ArrayList<>();
            for (int j : neighbours(i)) {
                if (alive[j] && matches(i, j)) {
                    matched.add(j);
                    alive[j] = false;
                }
            }
            matched.sort(this::compare);
            Detection merged = cur[i];
            if (!merged.isOriented()) {
                for (int j : matched) {
                    Detection d = cur[j];
                    if (!d.isOriented() && Geometry.metric(matching.metric(), merged, d) > matching.threshold()) {
                        merged = new Detection(merged.box().union(d.box()), null, merged.classId(),
                                Math.max(merged.score(), d.score()));
                    }
                }
            }
            out.add(merged);
        }
    }

    private void wbf(int[] order, WeightedBoxFusion w, List<Detection> out) {
        Map<Integer, Integer> clusterOf = new HashMap<>();
        List<List<Integer>> clusters = new ArrayList<>();
        List<Detection> fused = new ArrayList<>();
        for (int i : order) {
            int best = -1;
            double bestM = matching.threshold();
            java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
            for (int j : neighbours(i)) {
                Integer c = clusterOf.get(j);
                if (c != null) {
                    candidates.add(c);
                }
            }
            for (int c : candidates) {
                Detection f = fused.get(c);
                if (!matching.classesMatch(f.classId(), cur[i].classId())) {
                    continue;
                }
                double m = Geometry.metric(matching.metric(), f, cur[i]);
                if (m > bestM) {
                    bestM = m;
                    best = c;
                }
            }
            if (best < 0) {
                best = clusters.size();
                clusters.add(new ArrayList<>());
                fused.add(null);
            }
            clusters.get(best).add(i);
            clusterOf.put(i, best);
            fused.set(best, fuse(clusters.get(best), 1));
        }
        for (List<Integer> c : clusters) {
            out.add(fuse(c, w.models()));
        }
    }

    /** The fused detection of a WBF cluster; {@code models} scales the score as ensemble_boxes does. */
    private Detection fuse(List<Integer> c, int models) {
        Detection top = cur[c.get(0)];
        if (c.size() == 1 && models == 1) {
            return top;
        }
        double sw = 0, sum = 0;
        for (int i : c) {
            sw += cur[i].score();
        }
        boolean uniform = sw <= 0;
        double wsum = uniform ? c.size() : sw;
        for (int i : c) {
            sum += cur[i].score();
        }
        double score = Math.min(1, sum / c.size() * Math.min(c.size(), models) / models);
        if (top.isOriented()) {
            double cx = 0, cy = 0, ww = 0, hh = 0, an = 0;
            for (int i : c) {
                double wt = (uniform ? 1 : cur[i].score()) / wsum;
                OrientedBox o = cur[i].isOriented() ? cur[i].oriented() : OrientedBox.of(cur[i].box());
                double d = Math.IEEEremainder(o.angle() - top.oriented().angle(), Math.PI);
                cx += wt * o.cx();
                cy += wt * o.cy();
                ww += wt * o.width();
                hh += wt * o.height();
                an += wt * (top.oriented().angle() + d);
            }
            return Detection.of(new OrientedBox(cx, cy, ww, hh, an), top.classId(), score);
        }
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        for (int i : c) {
            double wt = (uniform ? 1 : cur[i].score()) / wsum;
            Box b = cur[i].box();
            x0 += wt * b.x0();
            y0 += wt * b.y0();
            x1 += wt * b.x1();
            y1 += wt * b.y1();
        }
        return Detection.of(new Box(x0, y0, x1, y1), top.classId(), score);
    }

    // ---- ordering ---------------------------------------------------------------------------------

    /** Processing order: descending score, then y0, x0, y1, x1, class, tile, position in the tile's list. */
    private int compare(int i, int j) {
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

    private void sort(int[] a) {
        sort(a, this::compare);
    }

    /** Sorts indices: insertion sort for the small groups that are the rule, a stable merge sort otherwise. */
    private static void sort(int[] a, java.util.function.IntBinaryOperator cmp) {
        if (a.length <= 24) {
            for (int i = 1; i < a.length; i++) {
                int v = a[i], j = i - 1;
                while (j >= 0 && cmp.applyAsInt(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        Integer[] boxed = new Integer[a.length];
        for (int k = 0; k < a.length; k++) {
            boxed[k] = a[k];
        }
        Arrays.sort(boxed, cmp::applyAsInt);
        for (int k = 0; k < a.length; k++) {
            a[k] = boxed[k];
        }
    }

    /** Sorts detections into {@link #OUTPUT_ORDER}: by a primitive key first (y0), the comparator only within ties. */
    static void sortOutput(List<Detection> list) {
        int n = list.size();
        if (n < 64) {
            list.sort(OUTPUT_ORDER);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(list.get(i).box().y0() + 0.0);
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE); // unsigned order = numeric order
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sortByKey(keys, idx, 0, n);
        Detection[] sorted = new Detection[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = list.get(idx[i]);
        }
        for (int i = 0; i < n;) {
            int j = i + 1;
            while (j < n && keys[j] == keys[i]) {
                j++;
            }
            if (j - i > 1) {
                Arrays.sort(sorted, i, j, OUTPUT_ORDER);
            }
            i = j;
        }
        for (int i = 0; i < n; i++) {
            list.set(i, sorted[i]);
        }
    }

    /** Sorts keys[from,to) ascending, moving idx along (LSD radix sort on 16-bit digits). */
    private static void sortByKey(long[] keys, int[] idx, int from, int to) {
        int n = to - from;
        long[] k2 = new long[n];
        int[] i2 = new int[n];
        long[] ka = keys;
        int[] ia = idx;
        long[] kb = k2;
        int[] ib = i2;
        int[] count = new int[65537];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((ka[i] >>> shift) & 0xFFFF) + 1]++;
            }
            if (count[(int) ((ka[0] >>> shift) & 0xFFFF) + 1] == n) {
                continue;
            }
            for (int d = 0; d < 65536; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int d = (int) ((ka[i] >>> shift) & 0xFFFF);
                int p = count[d]++;
                kb[p] = ka[i];
                ib[p] = ia[i];
            }
            long[] tk = ka;
            ka = kb;
            kb = tk;
            int[] ti = ia;
            ia = ib;
            ib = ti;
        }
        if (ka != keys) {
            System.arraycopy(ka, 0, keys, 0, n);
            System.arraycopy(ia, 0, idx, 0, n);
        }
    }

    // ---- spatial grid -----------------------------------------------------------------------------

    /** Pairs (a, b) of items whose footprints overlap with positive area, each pair once. */
    private IntList overlappingPairs() {
        int n = items.length;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY, sizeSum = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, fx0[i]);
            minY = Math.min(minY, fy0[i]);
            maxX = Math.max(maxX, fx1[i]);
            maxY = Math.max(maxY, fy1[i]);
            sizeSum += Math.max(fx1[i] - fx0[i], fy1[i] - fy0[i]);
        }
        double spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
        double cell = Math.max(2 * sizeSum / n, 1e-9);
        double maxCells = 4.0 * n + 16;
        if ((spanX / cell + 1) * (spanY / cell + 1) > maxCells) {
            cell = Math.max(cell, Math.sqrt(spanX * spanY / maxCells) * 1.01);
            while ((Math.floor(spanX / cell) + 1) * (Math.floor(spanY / cell) + 1) > maxCells) {
                cell *= 1.1;
            }
        }
        int nx = (int) Math.floor(spanX / cell) + 1, ny = (int) Math.floor(spanY / cell) + 1;
        int cells = nx * ny;
        int[] cx0 = new int[n], cy0 = new int[n], cx1 = new int[n], cy1 = new int[n];
        int[] cellStart = new int[cells + 1];
        IntList big = new IntList();
        boolean[] isBig = new boolean[n];
        for (int i = 0; i < n; i++) {
            cx0[i] = cellOf(fx0[i], minX, cell, nx);
            cy0[i] = cellOf(fy0[i], minY, cell, ny);
            cx1[i] = cellOf(fx1[i], minX, cell, nx);
            cy1[i] = cellOf(fy1[i], minY, cell, ny);
            long span = (long) (cx1[i] - cx0[i] + 1) * (cy1[i] - cy0[i] + 1);
            if (span > MAX_CELLS_PER_ITEM) {
                isBig[i] = true;
                big.add(i);
                continue;
            }
            for (int y = cy0[i]; y <= cy1[i]; y++) {
                for (int x = cx0[i]; x <= cx1[i]; x++) {
                    cellStart[y * nx + x + 1]++;
                }
            }
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] entries = new int[cellStart[cells]];
        int[] fill = Arrays.copyOf(cellStart, cells);
        for (int i = 0; i < n; i++) {
            if (isBig[i]) {
                continue;
            }
            for (int y = cy0[i]; y <= cy1[i]; y++) {
                for (int x = cx0[i]; x <= cx1[i]; x++) {
                    entries[fill[y * nx + x]++] = i;
                }
            }
        }
        IntList pairs = new IntList();
        // each cell's boxes are copied side by side first: the pair loop then reads contiguous memory
        double[] lx0 = new double[16], ly0 = new double[16], lx1 = new double[16], ly1 = new double[16];
        int[] lcx = new int[16], lcy = new int[16];
        for (int c = 0; c < cells; c++) {
            int from = cellStart[c], to = cellStart[c + 1], m = to - from;
            if (m < 2) {
                continue;
            }
            if (m > lx0.length) {
                lx0 = new double[2 * m];
                ly0 = new double[2 * m];
                lx1 = new double[2 * m];
                ly1 = new double[2 * m];
                lcx = new int[2 * m];
                lcy = new int[2 * m];
            }
            for (int p = 0; p < m; p++) {
                int a = entries[from + p];
                lx0[p] = fx0[a];
                ly0[p] = fy0[a];
                lx1[p] = fx1[a];
                ly1[p] = fy1[a];
                lcx[p] = cx0[a];
                lcy[p] = cy0[a];
            }
            int cx = c % nx, cy = c / nx;
            for (int p = 0; p < m; p++) {
                double ax0 = lx0[p], ay0 = ly0[p], ax1 = lx1[p], ay1 = ly1[p];
                int acx = lcx[p], acy = lcy[p];
                boolean ownX = acx == cx, ownY = acy == cy;
                for (int q = p + 1; q < m; q++) {
                    // the pair is found once: in the cell holding the top-left corner of its intersection
                    if ((ownX || lcx[q] == cx) && (ownY || lcy[q] == cy)
                            // footprints are never empty, so this is "the intersection has positive area"
                            && ax0 < lx1[q] && lx0[q] < ax1 && ay0 < ly1[q] && ly0[q] < ay1) {
                        pairs.add(entries[from + p]);
                        pairs.add(entries[from + q]);
                    }
                }
            }
        }
        for (int k = 0; k < big.size; k++) {
            int a = big.data[k];
            for (int b = 0; b < n; b++) {
                if (b == a || isBig[b] && b < a) {
                    continue;
                }
                if (fx0[a] < fx1[b] && fx0[b] < fx1[a] && fy0[a] < fy1[b] && fy0[b] < fy1[a]) {
                    pairs.add(a);
                    pairs.add(b);
                }
            }
        }
        return pairs;
    }

    private static int cellOf(double v, double min, double cell, int count) {
        int c = (int) Math.floor((v - min) / cell);
        return Math.max(0, Math.min(count - 1, c));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }

    /** A growable int array. */
    static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }
    }
}
