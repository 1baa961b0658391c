package dev.seamline.detector;

/**
 * Probabilistic IoU of two rotated rectangles (Llerena, Zeni, Kristen, Jung: "Gaussian Bounding Boxes and
 * Probabilistic Intersection-over-Union for Object Detection", 2021). Each rectangle (centre, width w,
 * height h, angle θ) becomes the Gaussian with its centre as mean and the covariance of a uniform
 * distribution over it, Σ = R(θ) diag(w²/12, h²/12) R(θ)ᵀ. With Σ̄ = (Σ₁ + Σ₂)/2 and Δ the difference of
 * the centres, the Bhattacharyya distance is
 *
 * <pre>
 *   B = ⅛ Δᵀ Σ̄⁻¹ Δ + ½ ln( det Σ̄ / √(det Σ₁ · det Σ₂) )
 * </pre>
 *
 * the Hellinger distance H = √(1 − e^(−B)), and probIoU = 1 − H: 1 for equal boxes (up to the guards
 * below), falling towards 0 as they part. It depends on the covariance only, so swapping w and h while
 * adding π/2 to the angle, or adding π, changes nothing. The numerical guards are the ones Ultralytics
 * applies, so that thresholds fall where its NMS puts them: ε = 1e-7 added inside the logarithm's
 * argument and to the logarithm, B clamped to [ε, 100], ε added under the square root of H. Computed in
 * doubles. Stateless, thread-safe.
 */
final class ProbIou {

    static final double EPS = 1e-7;

    private ProbIou() {
    }

    /** The covariance terms (xx, yy, xy) of a rectangle's Gaussian. */
    static double[] covariance(double w, double h, double angle) {
        double a = w * w / 12.0;
        double b = h * h / 12.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return new double[] {a * cos * cos + b * sin * sin, a * sin * sin + b * cos * cos, (a - b) * cos * sin};
    }

    /** probIoU of rectangles p and q given as {cx, cy, w, h, angle} (pixels, radians). */
    static double of(double[] p, double[] q) {
        return of(p[0], p[1], covariance(p[2], p[3], p[4]), q[0], q[1], covariance(q[2], q[3], q[4]));
    }

    /** probIoU from the centres and the covariances of {@link #covariance}. */
    static double of(double x1, double y1, double[] s1, double x2, double y2, double[] s2) {
        // S = Σ₁ + Σ₂ = 2Σ̄, so ⅛ Δᵀ Σ̄⁻¹ Δ = ¼ Δᵀ S⁻¹ Δ and det Σ̄ = det S / 4
        double sxx = s1[0] + s2[0];
        double syy = s1[1] + s2[1];
        double sxy = s1[2] + s2[2];
        double det = sxx * syy - sxy * sxy;
        double dx = x1 - x2;
        double dy = y1 - y2;
        double mahalanobis = (syy * dx * dx + sxx * dy * dy - 2 * sxy * dx * dy) / (det + EPS) * 0.25;
        double det1 = Math.max(s1[0] * s1[1] - s1[2] * s1[2], 0);
        double det2 = Math.max(s2[0] * s2[1] - s2[2] * s2[2], 0);
        double logTerm = 0.5 * Math.log(det / (4 * Math.sqrt(det1 * det2) + EPS) + EPS);
        double bhattacharyya = Math.min(Math.max(mahalanobis + logTerm, EPS), 100.0);
        double hellinger = Math.sqrt(1 - Math.exp(-bhattacharyya) + EPS);
        return 1 - hellinger;
    }
}
