package dev.seamline.detector.builtin;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.List;

/**
 * Training targets of the CenterNet heads for one chip, as flat arrays in the layout of the
 * network's outputs (channel-major, {@code h = H/stride}, {@code w = W/stride}):
 * a Gaussian peak per object on its class's heatmap (radius as in "Objects as Points", from the
 * box size so that a box centred within the radius keeps IoU ≥ 0.7), and, at each object's centre
 * cell only, its size in input pixels and its sub-cell offset.
 *
 * <p>Objects are clipped to the chip first: the network learns to box the part it can see, which is
 * what the seam-aware merger expects of detections cut by a tile edge. Clipped parts narrower than
 * {@value #MIN_SIZE} pixels are dropped.
 */
final class CenterNetTargets {

    static final double MIN_SIZE = 2.0;
    private static final double MIN_OVERLAP = 0.7;

    final float[] heat;
    final float[] size;
    final float[] offset;
    final float[] mask;
    final int classes, h, w;

    private CenterNetTargets(int classes, int h, int w) {
        this.classes = classes;
        this.h = h;
        this.w = w;
        heat = new float[classes * h * w];
        size = new float[2 * h * w];
        offset = new float[2 * h * w];
        mask = new float[h * w];
        java.util.Arrays.fill(size, 1f); // log(1) = 0 where the mask is off: no NaN in the size loss
    }

    /** Targets for objects (in chip pixels) on a chip of {@code width × height}. */
    static CenterNetTargets of(List<Detection> objects, int width, int height, int classes, int stride) {
        CenterNetTargets t = new CenterNetTargets(classes, height / stride, width / stride);
        Box chip = new Box(0, 0, width, height);
        for (Detection d : objects) {
            if (d.classId() >= classes) {
                throw new IllegalArgumentException("label class " + d.classId() + " but the model has " + classes + " classes");
            }
            Box b = d.box().intersection(chip);
            if (b.width() < MIN_SIZE || b.height() < MIN_SIZE) {
                continue;
            }
            t.add(b, d.classId(), stride);
        }
        return t;
    }

    private void add(Box b, int cls, int stride) {
        double cx = b.centerX() / stride, cy = b.centerY() / stride;
        int ix = Math.min(w - 1, (int) Math.floor(cx)), iy = Math.min(h - 1, (int) Math.floor(cy));
        int radius = Math.max(0, (int) Math.floor(radius(b.height() / stride, b.width() / stride)));
        drawGaussian(cls, ix, iy, radius);
        int cell = iy * w + ix;
        mask[cell] = 1;
        size[cell] = (float) b.width();
        size[h * w + cell] = (float) b.height();
        offset[cell] = (float) (cx - ix);
        offset[h * w + cell] = (float) (cy - iy);
    }

    private void drawGaussian(int cls, int ix, int iy, int radius) {
        double sigma = (2 * radius + 1) / 6.0;
        int base = cls * h * w;
        for (int y = Math.max(0, iy - radius); y <= Math.min(h - 1, iy + radius); y++) {
            for (int x = Math.max(0, ix - radius); x <= Math.min(w - 1, ix + radius); x++) {
                int dx = x - ix, dy = y - iy;
                float g = (float) Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                int i = base + y * w + x;
                if (g > heat[i]) {
                    heat[i] = g;
                }
            }
        }
        heat[base + iy * w + ix] = 1f;
    }

    /**
     * The largest corner displacement r (cells) that keeps IoU ≥ 0.7 with a box of the given size,
     * the smallest over three cases: the box translated by (r, r) (overlap (h−r)(w−r) over
     * 2hw − (h−r)(w−r)), shrunk by r on every side (overlap (h−2r)(w−2r) over hw), grown by r on
     * every side (hw over (h+2r)(w+2r)). Each case is a quadratic in r; take its relevant root.
     */
    static double radius(double height, double width) {
        double o = MIN_OVERLAP, sum = height + width, area = height * width;
        double r1 = (sum - Math.sqrt(sum * sum - 4 * area * (1 - o) / (1 + o))) / 2;
        double r2 = (2 * sum - Math.sqrt(4 * sum * sum - 16 * area * (1 - o))) / 8;
        double r3 = (-2 * o * sum + Math.sqrt(4 * o * o * sum * sum + 16 * o * (1 - o) * area)) / (8 * o);
        return Math.max(0, Math.min(r1, Math.min(r2, r3)));
    }
}
