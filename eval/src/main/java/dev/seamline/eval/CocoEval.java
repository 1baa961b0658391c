package dev.seamline.eval;

import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * COCO bbox evaluation exactly as pycocotools' {@code COCOeval} (iouType "bbox") computes it:
 * IoU without "+1" (crowd GT: intersection over the detection's area), IoU thresholds
 * {@code np.linspace(.5, .95, 10)}, 101 recall points, maxDets 1/10/100 applied per image and
 * category after a stable sort by score (the largest settable, as {@code params.maxDets[2]}; see
 * {@link #evaluate(CocoDataset, List, int)}), area ranges on the GT {@code area} field (both bounds
 * inclusive), greedy matching in score order that prefers non-ignored GT, monotone precision sampled
 * with {@code searchsorted(..., 'left')}, and -1 for categories without GT. See
 * ../shared/METRICS.md for every quirk.
 *
 * <p>Results on a category the ground truth does not list are dropped, as pycocotools drops them.
 * One call entry: {@link #evaluate(CocoDataset, List)}. Thread-safe (no shared state).
 *
 * <p>Why one class of this length: it follows pycocotools' {@code evaluate}, {@code evaluateImg} and
 * {@code accumulate} step by step, in their arithmetic order, so that each number can be checked
 * against the reference line by line; splitting it would scatter that correspondence.
 */
public final class CocoEval {

    /** IoU thresholds, {@code np.linspace(.5, .95, 10)} bit for bit. */
    public static final List<Double> IOU_THRESHOLDS = toList(linspace(0.5, 0.95, 10));
    /** Recall thresholds, {@code np.linspace(0, 1, 101)} bit for bit. */
    public static final List<Double> RECALL_THRESHOLDS = toList(linspace(0.0, 1.0, 101));
    /** Max detections per image and category, COCO's default. */
    public static final List<Integer> MAX_DETS = List.of(1, 10, 100);
    /** COCO's default for the largest maxDets. */
    public static final int DEFAULT_MAX_DETS = 100;
    /** Area range labels, in pycocotools order. */
    public static final List<String> AREA_LABELS = List.of("all", "small", "medium", "large");

    private static final double[] IOU_THRS = linspace(0.5, 0.95, 10);
    private static final double[] REC_THRS = linspace(0.0, 1.0, 101);
    private static final double[][] AREA_RNG = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};
    private static final double SPACING_1 = Math.ulp(1.0);

    private CocoEval() {
    }

    /**
     * The evaluation's arrays, as pycocotools' {@code eval['precision']} and {@code eval['recall']}
     * and the 12 summary stats. Immutable and thread-safe (arrays are copied out).
     */
    public static final class Result {
        private final long[] catIds;
        private final double[] precision; // [T][R][K][A][M], flat
        private final double[] recall; // [T][K][A][M], flat
        private final double[] stats;
        private final int[] maxDets;

        Result(long[] catIds, int[] maxDets, double[] precision, double[] recall) {
            this.catIds = catIds;
            this.maxDets = maxDets;
            this.precision = precision;
            this.recall = recall;
            this.stats = summarize();
        }

        /** The largest maxDets this evaluation used (100 unless asked otherwise). */
        public int maxDets() {
            return maxDets[2];
        }

        /** The category ids, ascending: the K axis. */
        public long[] categoryIds() {
            return catIds.clone();
        }

        /**
         * pycocotools' 12 stats in summarize() order: AP, AP50, AP75, AP small/medium/large, AR1,
         * AR10, AR100, AR small/medium/large; -1 where nothing could be measured.
         */
        public double[] stats() {
            return stats.clone();
        }

        /** {@code precision[t][r][k][a][m]}, -1 where undefined. */
        public double precision(int t, int r, int k, int a, int m) {
            return precision[(((t * REC_THRS.length + r) * catIds.length + k) * AREA_RNG.length + a) * maxDets.length + m];
        }

        /** {@code recall[t][k][a][m]}, -1 where undefined. */
        public double recall(int t, int k, int a, int m) {
            return recall[((t * catIds.length + k) * AREA_RNG.length + a) * maxDets.length + m];
        }

        /** Per-category AP (IoU .50:.95), area all, {@link #maxDets()} dets; NaN for a category without GT. */
        public double classAp(int k) {
            return meanPrecision(-1, k, 0, 2);
        }

        /** Per-category AP at IoU .50; NaN for a category without GT. */
        public double classAp50(int k) {
            return meanPrecision(0, k, 0, 2);
        }

        /** Per-category AP at IoU .75; NaN for a category without GT. */
        public double classAp75(int k) {
            return meanPrecision(5, k, 0, 2);
        }

        /** Per-category AR with {@link #maxDets()} detections; NaN for a category without GT. */
        public double classAr100(int k) {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < IOU_THRS.length; t++) {
                double v = recall(t, k, 0, 2);
                if (v > -1) {
                    sum += v;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        private double meanPrecision(int tOnly, int k, int a, int m) {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < IOU_THRS.length; t++) {
                if (tOnly >= 0 && t != tOnly) {
                    continue;
                }
                for (int r = 0; r < REC_THRS.length; r++) {
                    double v = precision(t, r, k, a, m);
                    if (v > -1) {
                        sum += v;
                        n++;
                    }
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        private double[] summarize() {
            double[] s = new double[12];
            s[0] = summ(true, -1, 0, 2);
            s[1] = summ(true, 0, 0, 2);
            s[2] = summ(true, 5, 0, 2);
            s[3] = summ(true, -1, 1, 2);
            s[4] = summ(true, -1, 2, 2);
            s[5] = summ(true, -1, 3, 2);
            s[6] = summ(false, -1, 0, 0);
            s[7] = summ(false, -1, 0, 1);
            s[8] = summ(false, -1, 0, 2);
            s[9] = summ(false, -1, 1, 2);
            s[10] = summ(false, -1, 2, 2);
            s[11] = summ(false, -1, 3, 2);
            return s;
        }

        private double summ(boolean ap, int tOnly, int a, int m) {
            // pycocotools: np.mean(s[s > -1]) over the selected slice, -1 when empty
            double[] vals = new double[IOU_THRS.length * REC_THRS.length * catIds.length];
            int n = 0;
            for (int t = 0; t < IOU_THRS.length; t++) {
                if (tOnly >= 0 && t != tOnly) {
                    continue;
                }
                if (ap) {
                    for (int r = 0; r < REC_THRS.length; r++) {
                        for (int k = 0; k < catIds.length; k++) {
                            double v = precision(t, r, k, a, m);
                            if (v > -1) {
                                vals[n++] = v;
                            }
                        }
                    }
                } else {
                    for (int k = 0; k < catIds.length; k++) {
                        double v = recall(t, k, a, m);
                        if (v > -1) {
                            vals[n++] = v;
                        }
                    }
                }
            }
            return n == 0 ? -1 : NumpyMath.pairwiseSum(vals, 0, n) / n;
        }

        /** The summary in pycocotools' summarize() layout, twelve lines. */
        public String summaryText() {
            StringBuilder sb = new StringBuilder();
            String[] iou = {null, "0.50", "0.75", null, null, null, null, null, null, null, null, null};
            String[] area = {"all", "all", "all", "small", "medium", "large", "all", "all", "all", "small", "medium", "large"};
            int big = maxDets[2];
            int[] md = {big, big, big, big, big, big, maxDets[0], maxDets[1], big, big, big, big};
            for (int i = 0; i < 12; i++) {
                boolean ap = i < 6;
                String title = ap ? "Average Precision" : "Average Recall";
                String type = ap ? "(AP)" : "(AR)";
                String iouStr = iou[i] != null ? iou[i] : "0.50:0.95";
                sb.append(String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f%n", title, type,
                        iouStr, area[i], md[i], stats[i]));
            }
            return sb.toString();
        }
    }

    /**
     * Evaluates {@code results} against {@code gt} as pycocotools does.
     *
     * @throws IllegalArgumentException if a result is on an image the ground truth does not list
     *                                  (pycocotools refuses such a results file too)
     */
    public static Result evaluate(CocoDataset gt, List<CocoResult> results) {
        return evaluate(gt, results, DEFAULT_MAX_DETS);
    }

    /**
     * Evaluates with {@code params.maxDets = [1, 10, maxDets]}, as pycocotools does when that
     * parameter is set: useful when one image (a whole scene) holds more than 100 objects of a class,
     * where COCO's default caps recall at 100 / n. Every stat uses {@code maxDets}; pycocotools'
     * summarize() alone would print -1 for stats[0] there (it asks for maxDets = 100 by default),
     * but its precision array, and so every other number, is what this returns.
     *
     * @param maxDets detections kept per image and category, at least 10
     * @throws IllegalArgumentException if a result is on an image the ground truth does not list,
     *                                  or maxDets is below 10
     */
    public static Result evaluate(CocoDataset gt, List<CocoResult> results, int maxDets) {
        if (maxDets < 10) {
            throw new IllegalArgumentException("maxDets must be at least 10, was " + maxDets);
        }
        return new Run(gt, results, new int[] {1, 10, maxDets}, false).run();
    }

    /** As {@link #evaluate(CocoDataset, List, int)}, every group scanned without the index (for tests). */
    static Result evaluateByScan(CocoDataset gt, List<CocoResult> results, int maxDets) {
        return new Run(gt, results, new int[] {1, 10, maxDets}, true).run();
    }

    /** One evaluation's working state. */
    private static final class Run {
        final long[] imgIds;
        final long[] catIds;
        final CocoDataset gt;
        final List<CocoResult> dts;
        /** per category: the (GT indices, detection indices) of each (image, category), ascending image order. */
        final List<List<int[][]>> groupInputs = new ArrayList<>();
        final int[] maxDets;
        /** The detections' boxes and scores, by file index. */
        final double[] dX, dY, dW, dH, dS;
        /** The GT boxes, areas, crowd flags and ids, by file index. */
        final double[] gX, gY, gW, gH, gArea;
        final boolean[] gCrowd;
        final long[] gId;

        /** Scan every group's GT for each detection, never the index (tests compare the two). */
        final boolean scanOnly;

        Run(CocoDataset gt, List<CocoResult> dts, int[] maxDets, boolean scanOnly) {
            this.maxDets = maxDets;
            this.scanOnly = scanOnly;
            this.gt = gt;
            this.dts = dts;
            int nd = dts.size();
            dX = new double[nd];
            dY = new double[nd];
            dW = new double[nd];
            dH = new double[nd];
            dS = new double[nd];
            for (int d = 0; d < nd; d++) {
                CocoResult r = dts.get(d);
                dX[d] = r.x();
                dY[d] = r.y();
                dW[d] = r.w();
                dH[d] = r.h();
                dS[d] = r.score();
            }
            List<CocoDataset.Annotation> anns = gt.annotations();
            int ng = anns.size();
            gX = new double[ng];
            gY = new double[ng];
            gW = new double[ng];
            gH = new double[ng];
            gArea = new double[ng];
            gCrowd = new boolean[ng];
            gId = new long[ng];
            for (int g = 0; g < ng; g++) {
                CocoDataset.Annotation a = anns.get(g);
                gX[g] = a.x();
                gY[g] = a.y();
                gW[g] = a.w();
                gH[g] = a.h();
                gArea[g] = a.area();
                gCrowd[g] = a.iscrowd();
                gId[g] = a.id();
            }
            imgIds = gt.images().stream().mapToLong(CocoDataset.Image::id).sorted().toArray();
            catIds = gt.categories().stream().mapToLong(CocoDataset.Category::id).sorted().toArray();
        }

        Result run() {
            int nI = imgIds.length;
            // group GT and detections by (category, image), file order kept within a group
            IdIndex imgIndex = new IdIndex(imgIds), catIndex = new IdIndex(catIds);
            long[] gKeys = new long[gt.annotations().size()];
            int ng = 0;
            for (int a = 0; a < gt.annotations().size(); a++) {
                CocoDataset.Annotation an = gt.annotations().get(a);
                int k = catIndex.indexOf(an.categoryId());
                int i = imgIndex.indexOf(an.imageId());
                if (k < 0 || i < 0) {
                    continue;
                }
                gKeys[ng++] = pack((long) k * nI + i, a);
            }
            long[] dKeys = new long[dts.size()];
            int nd = 0;
            for (int d = 0; d < dts.size(); d++) {
                CocoResult r = dts.get(d);
                int i = imgIndex.indexOf(r.imageId());
                if (i < 0) {
                    throw new IllegalArgumentException("result " + (d + 1) + " is on image " + r.imageId()
                            + ", which the ground truth does not list");
                }
                int k = catIndex.indexOf(r.categoryId());
                if (k < 0) {
                    continue; // pycocotools drops results of categories the GT lacks
                }
                dKeys[nd++] = pack((long) k * nI + i, d);
            }
            gKeys = Arrays.copyOf(gKeys, ng);
            dKeys = Arrays.copyOf(dKeys, nd);
            Arrays.sort(gKeys);
            Arrays.sort(dKeys);
            for (int k = 0; k < catIds.length; k++) {
                groupInputs.add(new ArrayList<>());
            }
            int gp = 0, dp = 0;
            while (gp < gKeys.length || dp < dKeys.length) {
                long gk = gp < gKeys.length ? gKeys[gp] >>> 32 : Long.MAX_VALUE;
                long dk = dp < dKeys.length ? dKeys[dp] >>> 32 : Long.MAX_VALUE;
                long key = Math.min(gk, dk);
                int g0 = gp, d0 = dp;
                while (gp < gKeys.length && gKeys[gp] >>> 32 == key) {
                    gp++;
                }
                while (dp < dKeys.length && dKeys[dp] >>> 32 == key) {
                    dp++;
                }
                int[] ga = new int[gp - g0];
                for (int j = 0; j < ga.length; j++) {
                    ga[j] = (int) gKeys[g0 + j];
                }
                int[] da = new int[dp - d0];
                for (int j = 0; j < da.length; j++) {
                    da[j] = (int) dKeys[d0 + j];
                }
                groupInputs.get((int) (key / nI)).add(new int[][] {ga, da});
            }
            return accumulate();
        }

        private static long pack(long key, int index) {
            return key << 32 | index;
        }

        /**
         * pycocotools' computeIoU + evaluateImg for one (image, category), all area ranges, without
         * its dense detections × GT table. evaluateImg's greedy loop, for detection d at threshold t
         * with the GT sorted ignore-last (a stable sort), takes the last GT in that order whose IoU
         * is the largest at or above {@code min(t, 1 - 1e-10)} among the GT not yet taken (crowds
         * stay available), looking at ignored GT only when no non-ignored one qualifies. As the
         * stable sort keeps file order within each half, "last in that order" is "largest file
         * index within the half", a rule that does not depend on the order candidates are seen
         * in. Only GT with IoU &ge; 0.5 can qualify, so only overlapping GT are candidates: a
         * {@link BoxGrid} over the group's GT finds them when the group is large, a plain scan
         * otherwise (both see every overlapping GT, so both give the same matches).
         */
        private Group evaluateGroup(int[] gIdx, int[] dIdxFileOrder, Scratch s) {
            s.cur = gIdx;
            // detections: stable sort by score descending, keep the first maxDets[-1]
            int[] order = StableSort.byDescending(dIdxFileOrder, dS);
            int nD = Math.min(order.length, maxDets[2]);
            int nG = gIdx.length;
            int nA = AREA_RNG.length, nT = IOU_THRS.length;
            double[] score = new double[nD];
            for (int d = 0; d < nD; d++) {
                score[d] = dS[order[d]];
            }
            Group grp = new Group(score, nA, nT);
            boolean[] matched = grp.matched;
            boolean[] ignored = grp.ignored;
            // per GT: crowd, and ignored per area range (bit a of ign)
            int[] ign = s.ints(nG);
            for (int g = 0; g < nG; g++) {
                int gi = gIdx[g];
                int bits = 0;
                for (int a = 0; a < nA; a++) {
                    if (gCrowd[gi] || gArea[gi] < AREA_RNG[a][0] || gArea[gi] > AREA_RNG[a][1]) {
                        bits |= 1 << a;
                    } else {
                        grp.nonIgnoredGt[a]++;
                    }
                }
                ign[g] = bits;
            }
            if (nG > 0 && nD > 0) {
                // taken[(a * nT + t) * nG + g]: the GT was matched at (a, t)
                boolean[] taken = s.flags(nA * nT * nG);
                BoxGrid grid = null;
                if (!scanOnly && (long) nG * nD > 4096 && nG > 32) {
                    double[] x0 = new double[nG], y0 = new double[nG], x1 = new double[nG], y1 = new double[nG];
                    for (int g = 0; g < nG; g++) {
                        int gi = gIdx[g];
                        x0[g] = gX[gi];
                        y0[g] = gY[gi];
                        x1[g] = gW[gi] + gX[gi];
                        y1[g] = gH[gi] + gY[gi];
                    }
                    grid = new BoxGrid(x0, y0, x1, y1);
                }
                for (int d = 0; d < nD; d++) {
                    int di = order[d];
                    double dx = dX[di], dy = dY[di], dw = dW[di], dh = dH[di];
                    s.n = 0;
                    if (grid == null) {
                        for (int g = 0; g < nG; g++) {
                            s.offer(g, dx, dy, dw, dh);
                        }
                    } else {
                        grid.query(dx, dy, dw + dx, dh + dy, g -> s.offer(g, dx, dy, dw, dh));
                    }
                    if (s.n == 0) {
                        continue;
                    }
                    for (int a = 0; a < nA; a++) {
                        int bit = 1 << a;
                        for (int t = 0; t < nT; t++) {
                            double thr = Math.min(IOU_THRS[t], 1 - 1e-10);
                            int base = (a * nT + t) * nG;
                            int bestN = -1, bestI = -1;
                            double iouN = 0, iouI = 0;
                            for (int c = 0; c < s.n; c++) {
                                double iou = s.iou[c];
                                if (iou < thr) {
                                    continue;
                                }
                                int g = s.cand[c];
                                if (taken[base + g] && !gCrowd[gIdx[g]]) {
                                    continue;
                                }
                                if ((ign[g] & bit) == 0) {
                                    if (bestN < 0 || iou > iouN || (iou == iouN && g > bestN)) {
                                        bestN = g;
                                        iouN = iou;
                                    }
                                } else if (bestI < 0 || iou > iouI || (iou == iouI && g > bestI)) {
                                    bestI = g;
                                    iouI = iou;
                                }
                            }
                            int m = bestN >= 0 ? bestN : bestI;
                            if (m < 0) {
                                continue;
                            }
                            int at = (a * nD + d) * nT + t;
                            ignored[at] = (ign[m] & bit) != 0;
                            // pycocotools stores the GT id and tests it for non-zero: a GT with id 0 never counts
                            matched[at] = gId[gIdx[m]] != 0;
                            taken[base + m] = true;
                        }
                    }
                }
            }
            // unmatched detections outside the area range are ignored
            for (int a = 0; a < nA; a++) {
                double lo = AREA_RNG[a][0], hi = AREA_RNG[a][1];
                for (int d = 0; d < nD; d++) {
                    int di = order[d];
                    double area = dW[di] * dH[di];
                    if (area < lo || area > hi) {
                        for (int t = 0; t < nT; t++) {
                            int at = (a * nD + d) * nT + t;
                            if (!matched[at]) {
                                ignored[at] = true;
                            }
                        }
                    }
                }
            }
            return grp;
        }

        /** Per-thread buffers of {@link #evaluateGroup}: the candidates of one detection. */
        private final class Scratch {
            int[] cand = new int[16];
            double[] iou = new double[16];
            int n;
            private int[] ints = new int[16];
            private boolean[] flags = new boolean[64];

            int[] ints(int size) {
                if (ints.length < size) {
                    ints = new int[Math.max(size, ints.length * 2)];
                }
                return ints;
            }

            boolean[] flags(int size) {
                if (flags.length < size) {
                    flags = new boolean[Math.max(size, flags.length * 2)];
                } else {
                    Arrays.fill(flags, 0, size, false);
                }
                return flags;
            }

            /** Keeps GT g of the current group when its IoU with the detection can reach the lowest threshold. */
            void offer(int g, double dx, double dy, double dw, double dh) {
                int gi = cur[g];
                double iou = bboxIou(dx, dy, dw, dh, gX[gi], gY[gi], gW[gi], gH[gi], gCrowd[gi]);
                if (iou >= IOU_THRS[0]) {
                    if (n == cand.length) {
                        cand = Arrays.copyOf(cand, n * 2);
                        this.iou = Arrays.copyOf(this.iou, n * 2);
                    }
                    cand[n] = g;
                    this.iou[n] = iou;
                    n++;
                }
            }

            int[] cur;
        }

        private Result accumulate() {
            int nT = IOU_THRS.length, nR = REC_THRS.length, nK = catIds.length, nA = AREA_RNG.length, nM = maxDets.length;
            double[] precision = new double[nT * nR * nK * nA * nM];
            double[] recall = new double[nT * nK * nA * nM];
            Arrays.fill(precision, -1);
            Arrays.fill(recall, -1);
            // categories are independent: evaluate them in parallel (results do not depend on the thread count)
            java.util.stream.IntStream.range(0, nK).parallel().forEach(k -> {
                List<Group> E = new ArrayList<>();
                Scratch scratch = new Scratch();
                for (int[][] in : groupInputs.get(k)) {
                    E.add(evaluateGroup(in[0], in[1], scratch));
                }
                if (!E.isEmpty()) {
                    accumulateCategory(k, E, precision, recall);
                }
            });
            return new Result(catIds.clone(), maxDets, precision, recall);
        }

        /**
         * pycocotools' accumulate() for one category. It concatenates, per area range and maxDet,
         * each image's first maxDet scores and stable-sorts them by descending score; the elements
         * kept for a smaller maxDet keep their relative order, so one stable sort of everything
         * (each group's scores are already cut at maxDets[-1]) gives every (area, maxDet) order:
         * that order with the detections of rank maxDet and beyond left out.
         */
        private void accumulateCategory(int k, List<Group> E, double[] precision, double[] recall) {
            int nT = IOU_THRS.length, nA = AREA_RNG.length, nM = maxDets.length;
            int all = 0;
            for (Group e : E) {
                all += e.score.length;
            }
            double[] sc = new double[all];
            int[] rank = new int[all];
            Group[] srcGroup = new Group[all];
            int p = 0;
            for (Group e : E) {
                for (int d = 0; d < e.score.length; d++) {
                    sc[p] = e.score[d];
                    rank[p] = d;
                    srcGroup[p] = e;
                    p++;
                }
            }
            int longest = 0;
            for (Group e : E) {
                longest = Math.max(longest, e.score.length);
            }
            int[] inds = StableSort.byDescending(sc);
            // per threshold t, the true positives in score order ("events"): recall and precision there
            double[] evRc = new double[nT * all];
            double[] evPr = new double[nT * all];
            int[] nEv = new int[nT];
            double[] pr0 = new double[nT];
            double[] tp = new double[nT];
            double[] fp = new double[nT];
            for (int a = 0; a < nA; a++) {
                long npig = 0;
                for (Group e : E) {
                    npig += e.nonIgnoredGt[a];
                }
                if (npig == 0) {
                    continue;
                }
                for (int m = nM - 1; m >= 0; m--) {
                    int maxDet = maxDets[m];
                    if (m < nM - 1 && maxDet >= longest) {
                        // every group fits within this maxDet too: the same detections as the largest one
                        copyMaxDet(k, a, nM - 1, m, precision, recall);
                        continue;
                    }
                    Arrays.fill(tp, 0);
                    Arrays.fill(fp, 0);
                    Arrays.fill(nEv, 0);
                    int total = 0;
                    for (int j = 0; j < all; j++) {
                        int q = inds[j];
                        if (rank[q] >= maxDet) {
                            continue;
                        }
                        Group e = srcGroup[q];
                        int base = (a * e.score.length + rank[q]) * nT;
                        for (int t = 0; t < nT; t++) {
                            if (!e.ignored[base + t]) {
                                if (e.matched[base + t]) {
                                    tp[t]++;
                                    int o = t * all + nEv[t]++;
                                    evRc[o] = tp[t] / npig;
                                    evPr[o] = tp[t] / (fp[t] + tp[t] + SPACING_1);
                                } else {
                                    fp[t]++;
                                }
                            }
                            if (total == 0) {
                                pr0[t] = tp[t] / (fp[t] + tp[t] + SPACING_1);
                            }
                        }
                        total++;
                    }
                    for (int t = 0; t < nT; t++) {
                        sample(t, k, a, m, total, evRc, evPr, t * all, nEv[t], pr0[t], precision, recall);
                    }
                }
            }
        }

        /** Copies the precision and recall of maxDets index {@code from} to index {@code to}, for category k and area a. */
        private void copyMaxDet(int k, int a, int from, int to, double[] precision, double[] recall) {
            int nT = IOU_THRS.length, nR = REC_THRS.length, nK = catIds.length, nA = AREA_RNG.length, nM = maxDets.length;
            for (int t = 0; t < nT; t++) {
                int o = ((t * nK + k) * nA + a) * nM;
                recall[o + to] = recall[o + from];
                for (int r = 0; r < nR; r++) {
                    int q = (((t * nR + r) * nK + k) * nA + a) * nM;
                    precision[q + to] = precision[q + from];
                }
            }
        }

        /**
         * accumulate()'s tail for one (t, k, a, m): {@code recall = rc[-1]}; precision made monotone
         * (the running maximum from the right) and sampled at {@code searchsorted(rc, recThrs, 'left')}.
         * pycocotools computes rc and pr at every detection; only true positives move recall or raise
         * precision (a false positive lowers it, an ignored detection keeps it), so the first index
         * reaching a recall level above 0 is a true positive's, and the maximum of pr from any index
         * on is that index's value or a later true positive's. The true positives' values
         * ({@code evRc}, {@code evPr} from {@code o}, {@code n} of them) and pr at the first
         * detection ({@code pr0}, for the recall level 0, reached at index 0) give the same numbers
         * with the same arithmetic.
         */
        private void sample(int t, int k, int a, int m, int total, double[] evRc, double[] evPr, int o, int n, double pr0,
                double[] precision, double[] recall) {
            int nR = REC_THRS.length, nK = catIds.length, nA = AREA_RNG.length, nM = maxDets.length;
            recall[((t * nK + k) * nA + a) * nM + m] = n > 0 ? evRc[o + n - 1] : 0;
            for (int i = o + n - 1; i > o; i--) {
                if (evPr[i] > evPr[i - 1]) {
                    evPr[i - 1] = evPr[i];
                }
            }
            int pi = 0;
            for (int r = 0; r < nR; r++) {
                double v = REC_THRS[r];
                double p;
                if (total == 0) {
                    p = 0;
                } else if (v <= 0) {
                    p = n > 0 && evPr[o] > pr0 ? evPr[o] : pr0;
                } else {
                    while (pi < n && evRc[o + pi] < v) {
                        pi++;
                    }
                    p = pi < n ? evPr[o + pi] : 0;
                }
                precision[(((t * nR + r) * nK + k) * nA + a) * nM + m] = p;
            }
        }
    }

    /** One (image, category) after evaluateImg, for every area range. */
    private static final class Group {
        final double[] score; // sorted, at most maxDets[2]
        final int[] nonIgnoredGt;
        final boolean[] matched; // [(a * D + d) * T + t]
        final boolean[] ignored;

        Group(double[] score, int nA, int nT) {
            this.score = score;
            this.nonIgnoredGt = new int[nA];
            this.matched = new boolean[nA * nT * score.length];
            this.ignored = new boolean[nA * nT * score.length];
        }
    }

    /** maskUtils.iou for boxes: [x,y,w,h], crowd GT divides by the detection's area. */
    static double bboxIou(double dx, double dy, double dw, double dh, double gx, double gy, double gw, double gh,
            boolean crowd) {
        double da = dw * dh;
        double ga = gw * gh;
        double w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
        if (h <= 0) {
            return 0;
        }
        double i = w * h;
        double u = crowd ? da : da + ga - i;
        return i / u;
    }

    /** numpy searchsorted(a[0:n], v, side='left') for non-decreasing a. */
    static int searchsortedLeft(double[] a, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** numpy.linspace(start, stop, num) with endpoint, bit for bit: i*step + start, last = stop. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double d : a) {
            l.add(d);
        }
        return List.copyOf(l);
    }
}
