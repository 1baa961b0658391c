package dev.seamline.eval;

import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.dota.DotaObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DOTA evaluation as the devkit's {@code dota_evaluation_task1.py} (oriented) and
 * {@code dota_evaluation_task2.py} (horizontal) compute it, per class:
 * detections sorted by score; each goes to its argmax-overlap GT of the same image and class; a match
 * needs overlap strictly above 0.5; a taken GT makes the detection an FP (no fall-back); a difficult
 * GT is not counted in npos and a detection on it is neither TP nor FP. Task2 overlap uses "+1" pixel
 * widths and GT truncated with {@code int(float(v))} from points 1 and 3; task1 prefilters GT by
 * "+1" horizontal overlap &gt; 0, then takes the exact polygon IoU ({@link PolyIou}). AP is VOC07
 * 11-point by default. mAP is the plain mean over the classes asked for (a class without GT scores 0
 * under VOC07).
 *
 * <p>Ties in score: the devkit orders detections with numpy's (unstable) quicksort; Seamline
 * reproduces that order ({@link NumpySort}), so parity holds with ties too. Thread-safe.
 */
public final class DotaEval {

    private DotaEval() {
    }

    /** Which DOTA task. */
    public enum Task {
        /** Oriented boxes: 8-number polygons. */
        TASK1,
        /** Horizontal boxes: xmin ymin xmax ymax. */
        TASK2;

        /** 1 or 2. */
        public int number() {
            return this == TASK1 ? 1 : 2;
        }
    }

    /**
     * One class's outcome. Immutable and thread-safe (arrays are copied out).
     *
     * @param className  the class
     * @param ap         average precision
     * @param npos       non-difficult GT count
     * @param tp         true positives
     * @param fp         false positives
     * @param detections detections scored
     */
    public record ClassResult(String className, double ap, int npos, int tp, int fp, int detections, double[] recall,
            double[] precision) {
        /** Copies the curves. */
        public ClassResult {
            recall = recall.clone();
            precision = precision.clone();
        }

        /** Recall after each detection in score order (a copy). */
        @Override
        public double[] recall() {
            return recall.clone();
        }

        /** Precision after each detection in score order (a copy). */
        @Override
        public double[] precision() {
            return precision.clone();
        }
    }

    /**
     * The outcome. Immutable and thread-safe.
     *
     * @param mAP     mean of the per-class APs
     * @param classes per class, in the order asked for
     */
    public record Result(double mAP, List<ClassResult> classes) {
        /** Copies the list. */
        public Result {
            classes = List.copyOf(classes);
        }
    }

    /**
     * Evaluates.
     *
     * @param task       task1 (oriented) or task2 (horizontal)
     * @param imageNames the image set, in order
     * @param gt         image name → its labelTxt objects (an image missing here has none)
     * @param dets       class name → detections (a class missing here has none)
     * @param classes    the classes scored, in order
     * @param method     VOC07 (official) or all-point AP
     * @throws IllegalArgumentException when a detection names an image outside {@code imageNames}
     */
    public static Result evaluate(Task task, List<String> imageNames, Map<String, List<DotaObject>> gt,
            Map<String, List<DotaDetection>> dets, List<String> classes, ApMethod method) {
        // classes are independent: scored in parallel, summed in class order (the devkit's), so the
        // numbers do not depend on the thread count
        ClassResult[] scored = new ClassResult[classes.size()];
        java.util.stream.IntStream.range(0, scored.length).parallel().forEach(i -> scored[i] = evaluateClass(task, imageNames,
                gt, dets.getOrDefault(classes.get(i), List.of()), classes.get(i), method));
        List<ClassResult> out = new ArrayList<>();
        double sum = 0;
        for (ClassResult r : scored) {
            out.add(r);
            sum = sum + r.ap();
        }
        return new Result(sum / classes.size(), out);
    }

    private static final class ImageGt {
        double[][] boxes; // task1: 8 numbers; task2: 4 truncated numbers
        boolean[] difficult;
        boolean[] taken;
        /** Task1: each polygon's bounds (xmin, ymin, xmax, ymax) and area (PolyIou's), and whether it is convex. */
        double[][] bounds;
        double[] area;
        boolean[] convex;
    }

    private static ClassResult evaluateClass(Task task, List<String> imageNames, Map<String, List<DotaObject>> gt,
            List<DotaDetection> dets, String cls, ApMethod method) {
        Map<String, ImageGt> recs = new HashMap<>();
        int npos = 0;
        for (String img : imageNames) {
            List<DotaObject> objs = new ArrayList<>();
            for (DotaObject o : gt.getOrDefault(img, List.of())) {
                if (o.className().equals(cls)) {
                    objs.add(o);
                }
            }
            ImageGt r = new ImageGt();
            r.boxes = new double[objs.size()][];
            r.difficult = new boolean[objs.size()];
            r.taken = new boolean[objs.size()];
            for (int i = 0; i < objs.size(); i++) {
                double[] p = objs.get(i).polygon();
                r.boxes[i] = task == Task.TASK1 ? p
                        : new double[] {(long) p[0], (long) p[1], (long) p[4], (long) p[5]}; // int(float(v)) truncates
                r.difficult[i] = objs.get(i).difficult();
                if (task == Task.TASK1) {
                    if (i == 0) {
                        r.bounds = new double[objs.size()][];
                        r.area = new double[objs.size()];
                        r.convex = new boolean[objs.size()];
                    }
                    r.bounds[i] = new double[] {min4(p, 0), min4(p, 1), max4(p, 0), max4(p, 1)};
                    r.area[i] = Math.abs(PolyIou.signedArea(p, 4));
                    r.convex[i] = PolyIou.convex(p);
                }
                if (!r.difficult[i]) {
                    npos++;
                }
            }
            recs.put(img, r);
        }
        int nd = dets.size();
        double[] negConf = new double[nd];
        for (int i = 0; i < nd; i++) {
            negConf[i] = -dets.get(i).score();
        }
        int[] order = NumpySort.argsort(negConf); // sorted_ind = np.argsort(-confidence)
        double[] tp = new double[nd];
        double[] fp = new double[nd];
        for (int d = 0; d < nd; d++) {
            DotaDetection det = dets.get(order[d]);
            ImageGt r = recs.get(det.image());
            if (r == null) {
                throw new IllegalArgumentException("detection on image '" + det.image() + "', which is not in the image set");
            }
            double[] bb = det.coords();
            double ovmax = Double.NEGATIVE_INFINITY;
            int jmax = -1;
            if (r.boxes.length > 0) {
                if (task == Task.TASK1) {
                    double[] best = overlapTask1(bb, r);
                    ovmax = best[0];
                    jmax = (int) best[1];
                } else {
                    for (int j = 0; j < r.boxes.length; j++) {
                        double ov = overlapTask2(bb, r.boxes[j]);
                        if (jmax < 0 || npGreater(ov, ovmax)) {
                            ovmax = ov;
                            jmax = j;
                        }
                    }
                }
            }
            if (ovmax > 0.5) {
                if (!r.difficult[jmax]) {
                    if (!r.taken[jmax]) {
                        tp[d] = 1.;
                        r.taken[jmax] = true;
                    } else {
                        fp[d] = 1.;
                    }
                }
            } else {
                fp[d] = 1.;
            }
        }
        double[] rec = new double[nd];
        double[] prec = new double[nd];
        double ctp = 0, cfp = 0;
        int ntp = 0, nfp = 0;
        for (int d = 0; d < nd; d++) {
            ctp += tp[d];
            cfp += fp[d];
            ntp += (int) tp[d];
            nfp += (int) fp[d];
            rec[d] = ctp / (double) npos;
            prec[d] = ctp / Math.max(ctp + cfp, Math.ulp(1.0));
        }
        double ap = VocAp.ap(rec, prec, method);
        return new ClassResult(cls, ap, npos, ntp, nfp, nd, rec, prec);
    }

    /** np.argmax semantics on a running scan: NaN wins at once and stays. */
    private static boolean npGreater(double v, double best) {
        if (Double.isNaN(best)) {
            return false;
        }
        return Double.isNaN(v) || v > best;
    }

    /** Task2 overlap with "+1" widths (the devkit's VOC code). */
    static double overlapTask2(double[] bb, double[] g) {
        double ixmin = Math.max(g[0], bb[0]);
        double iymin = Math.max(g[1], bb[1]);
        double ixmax = Math.min(g[2], bb[2]);
        double iymax = Math.min(g[3], bb[3]);
        double iw = Math.max(ixmax - ixmin + 1., 0.);
        double ih = Math.max(iymax - iymin + 1., 0.);
        double inters = iw * ih;
        double uni = (bb[2] - bb[0] + 1.) * (bb[3] - bb[1] + 1.) + (g[2] - g[0] + 1.) * (g[3] - g[1] + 1.) - inters;
        return inters / uni;
    }

    /**
     * Task1: "+1" horizontal prefilter &gt; 0, then polygon IoU; returns {ovmax, jmax}. A GT whose IoU
     * with the detection provably stays below 0.5 is not computed ({@link PolyIou#below}): the
     * devkit's outcome depends on ovmax only through {@code ovmax > 0.5}, and on jmax only then, so
     * leaving out GT that cannot reach 0.5 and cannot give NaN changes neither.
     */
    private static double[] overlapTask1(double[] bb, ImageGt r) {
        double[][] gts = r.boxes;
        double bxmin = min4(bb, 0), bymin = min4(bb, 1), bxmax = max4(bb, 0), bymax = max4(bb, 1);
        double bArea = Math.abs(PolyIou.signedArea(bb, 4));
        boolean bConvex = PolyIou.convex(bb);
        double ovmax = Double.NEGATIVE_INFINITY;
        int jmax = -1;
        for (int j = 0; j < gts.length; j++) {
            double[] g = gts[j];
            double[] gb = r.bounds[j];
            double gxmin = gb[0], gymin = gb[1], gxmax = gb[2], gymax = gb[3];
            double iw = Math.max(Math.min(gxmax, bxmax) - Math.max(gxmin, bxmin) + 1., 0.);
            double ih = Math.max(Math.min(gymax, bymax) - Math.max(gymin, bymin) + 1., 0.);
            double inters = iw * ih;
            double uni = (bxmax - bxmin + 1.) * (bymax - bymin + 1.) + (gxmax - gxmin + 1.) * (gymax - gymin + 1.) - inters;
            if (!(inters / uni > 0)) {
                continue;
            }
            if (bConvex && r.convex[j] && PolyIou.below(bxmin, bymin, bxmax, bymax, bArea, gxmin, gymin, gxmax, gymax, r.area[j])) {
                continue;
            }
            double ov = PolyIou.iou(g, bb);
            if (jmax < 0 || npGreater(ov, ovmax)) {
                ovmax = ov;
                jmax = j;
            }
        }
        return new double[] {ovmax, jmax};
    }

    private static double min4(double[] p, int off) {
        return Math.min(Math.min(p[off], p[off + 2]), Math.min(p[off + 4], p[off + 6]));
    }

    private static double max4(double[] p, int off) {
        return Math.max(Math.max(p[off], p[off + 2]), Math.max(p[off + 4], p[off + 6]));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
