package dev.seamline.detector.builtin;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.SeamlineException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws augmented training chips from a {@link ChipSource}: scale jitter (a chip of size·s is cut
 * and resampled bilinearly to size, s in [1/maxScale, maxScale]), horizontal and vertical flips,
 * 90° rotations, and brightness and contrast changes. Every choice comes from the caller's random
 * generator, so a seeded run is reproducible. Produces float chips on the 0–255 scale, planar RGB.
 */
final class Augmenter {

    private final ChipSource source;
    private final double maxScale;

    Augmenter(ChipSource source, double maxScale) {
        this.source = source;
        this.maxScale = maxScale;
    }

    /** An augmented chip, {@code size × size}, with its objects in chip pixels. */
    Sample next(int size, SplittableRandom random) throws SeamlineException {
        double s = Math.exp((random.nextDouble() * 2 - 1) * Math.log(maxScale));
        int cut = Math.max(8, (int) Math.round(size * s));
        TrainingChip chip = source.next(cut, random);
        float[] pixels = resize(chip.image().asBytes(), cut, size);
        double k = size / (double) cut;
        List<Detection> objects = new ArrayList<>();
        for (Detection d : chip.objects()) {
            objects.add(Detection.of(d.box().scale(k), d.classId(), 1.0));
        }
        boolean flipX = random.nextBoolean(), flipY = random.nextBoolean();
        int turns = random.nextInt(4);
        float contrast = (float) (0.75 + 0.5 * random.nextDouble());
        float brightness = (float) ((random.nextDouble() * 2 - 1) * 20);
        float[] out = new float[pixels.length];
        int plane = size * size;
        int[] target = targetIndex(size, flipX, flipY, turns);
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += pixels[base + i];
            }
            float offset = (float) (mean / plane * (1 - contrast) + brightness);
            for (int i = 0; i < plane; i++) {
                float v = pixels[base + i] * contrast + offset;
                out[base + target[i]] = v < 0 ? 0 : (v > 255 ? 255 : v);
            }
        }
        List<Detection> moved = new ArrayList<>(objects.size());
        for (Detection d : objects) {
            moved.add(Detection.of(transform(d.box(), size, flipX, flipY, turns), d.classId(), 1.0));
        }
        return new Sample(out, moved);
    }

    /** An augmented chip: planar RGB floats on the 0–255 scale, and its objects. */
    record Sample(float[] pixels, List<Detection> objects) {
    }

    /** Where each source pixel (index y·size + x) lands after the flips and turns. */
    private static int[] targetIndex(int size, boolean flipX, boolean flipY, int turns) {
        int[] target = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int tx = flipX ? size - 1 - x : x, ty = flipY ? size - 1 - y : y;
                for (int t = 0; t < turns; t++) { // 90° clockwise on screen: (x, y) -> (size-1-y, x)
                    int nx = size - 1 - ty;
                    ty = tx;
                    tx = nx;
                }
                target[y * size + x] = ty * size + tx;
            }
        }
        return target;
    }

    private static Box transform(Box b, int size, boolean flipX, boolean flipY, int turns) {
        double x0 = b.x0(), y0 = b.y0(), x1 = b.x1(), y1 = b.y1();
        if (flipX) {
            double t = size - x1;
            x1 = size - x0;
            x0 = t;
        }
        if (flipY) {
            double t = size - y1;
            y1 = size - y0;
            y0 = t;
        }
        for (int t = 0; t < turns; t++) { // continuous (x, y) -> (size - y, x)
            double nx0 = size - y1, nx1 = size - y0;
            y0 = x0;
            y1 = x1;
            x0 = nx0;
            x1 = nx1;
        }
        return new Box(x0, y0, x1, y1);
    }

    /** Bilinear resampling of a planar 3-band uint8 square image, pixel centres aligned. */
    static float[] resize(byte[] src, int from, int to) {
        float[] out = new float[3 * to * to];
        if (from == to) {
            for (int i = 0; i < out.length; i++) {
                out[i] = src[i] & 0xFF;
            }
            return out;
        }
        double k = from / (double) to;
        int[] x0 = new int[to], x1 = new int[to];
        float[] fx = new float[to];
        for (int x = 0; x < to; x++) {
            double sx = Math.max(0, Math.min(from - 1, (x + 0.5) * k - 0.5));
            x0[x] = (int) sx;
            x1[x] = Math.min(from - 1, x0[x] + 1);
            fx[x] = (float) (sx - x0[x]);
        }
        for (int c = 0; c < 3; c++) {
            int sb = c * from * from, ob = c * to * to;
            for (int y = 0; y < to; y++) {
                double sy = Math.max(0, Math.min(from - 1, (y + 0.5) * k - 0.5));
                int y0 = (int) sy, y1 = Math.min(from - 1, y0 + 1);
                float fy = (float) (sy - y0);
                for (int x = 0; x < to; x++) {
                    float a = src[sb + y0 * from + x0[x]] & 0xFF, b = src[sb + y0 * from + x1[x]] & 0xFF;
                    float cc = src[sb + y1 * from + x0[x]] & 0xFF, d = src[sb + y1 * from + x1[x]] & 0xFF;
                    float top = a + (b - a) * fx[x], bottom = cc + (d - cc) * fx[x];
                    out[ob + y * to + x] = top + (bottom - top) * fy;
                }
            }
        }
        return out;
    }
}
