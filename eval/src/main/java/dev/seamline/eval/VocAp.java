package dev.seamline.eval;

/** The VOC devkit's {@code voc_ap} (DOTA's copy), bit for bit where summation order allows. Package-private. */
final class VocAp {

    private VocAp() {
    }

    static double ap(double[] rec, double[] prec, ApMethod method) {
        if (method == ApMethod.VOC07) {
            double ap = 0.;
            for (int i = 0; i <= 10; i++) {
                double t = i * 0.1; // np.arange(0., 1.1, 0.1)
                double p = 0;
                boolean any = false;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < rec.length; k++) {
                    if (rec[k] >= t) {
                        any = true;
                        max = Math.max(max, prec[k]);
                    }
                }
                if (any) {
                    p = max;
                }
                ap = ap + p / 11.;
            }
            return ap;
        }
        int n = rec.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        mrec[n + 1] = 1.;
        System.arraycopy(rec, 0, mrec, 1, n);
        System.arraycopy(prec, 0, mpre, 1, n);
        for (int i = mpre.length - 1; i > 0; i--) {
            mpre[i - 1] = npMaximum(mpre[i - 1], mpre[i]);
        }
        double[] terms = new double[n + 1];
        int m = 0;
        for (int i = 0; i < n + 1; i++) {
            if (mrec[i + 1] != mrec[i]) {
                terms[m++] = (mrec[i + 1] - mrec[i]) * mpre[i + 1];
            }
        }
        return NumpyMath.pairwiseSum(terms, 0, m);
    }

    /** np.maximum: NaN propagates. */
    static double npMaximum(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        return Math.max(a, b);
    }
}
