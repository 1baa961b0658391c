package dev.seamline.pipeline;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;

/**
 * Resamples a tile read at the scene's ground sample distance to the model's, and maps the model's
 * detections back to scene pixels.
 *
 * <p>Method: separable antialiased bilinear, that is a triangle (tent) filter whose support widens by
 * the reduction factor when downsampling; the method of Pillow's {@code Image.resize(BILINEAR)} and of
 * PyTorch's {@code interpolate(mode="bilinear", antialias=True, align_corners=False)}, which the tests
 * reproduce. Upsampling, it is plain bilinear interpolation; downsampling, every source pixel
 * contributes (a weighted area average), so small objects do not alias away whatever the factor. One
 * method for both directions keeps the model's view of an object the same on either side of the
 * model's GSD.
 *
 * <p>Pixel convention (DESIGN.md): corner-based, scaled about the window's origin. A window of
 * {@code w × h} scene pixels becomes {@code ow × oh} model pixels with {@code kx = w / ow} scene pixels
 * per model pixel across and {@code ky = h / oh} down; model pixel centre {@code (u + 0.5)} samples
 * scene position {@code x0 + (u + 0.5)·kx}, and a model-pixel coordinate {@code u} maps back to scene
 * coordinate {@code x0 + u·kx} (a box corner to a box corner; no half-pixel terms). Output samples are
 * float32 (no rounding back to the source type). Stateless and thread-safe.
 */
final class TileResampler {

    /** GSD ratios within this fraction of 1 are not resampled. */
    static final double TOLERANCE = 0.05;

    private TileResampler() {
    }

    /**
     * The tile resampled to {@code outWidth × outHeight}, float32, every band. Its window is
     * {@code (0, 0, outWidth, outHeight)} (model pixels of this tile); its valid part is the scaled
     * valid part of the input, rounded outwards.
     */
    static PixelBuffer resample(PixelBuffer in, int outWidth, int outHeight) {
        int w = in.width();
        int h = in.height();
        int bands = in.bandCount();
        Taps tx = Taps.of(w, outWidth);
        Taps ty = Taps.of(h, outHeight);
        float[] out = new float[bands * outWidth * outHeight];
        float[] plane = new float[w * h];
        float[] rows = new float[outWidth * h];
        for (int b = 0; b < bands; b++) {
            in.copyFloats(b * plane.length, plane, 0, plane.length); // band b as float32
            // across: every input row to outWidth samples
            for (int y = 0; y < h; y++) {
                int src = y * w;
                int dst = y * outWidth;
                for (int u = 0; u < outWidth; u++) {
                    int start = tx.start[u];
                    int n = tx.count[u];
                    int wi = u * tx.stride;
                    float s = 0;
                    for (int t = 0; t < n; t++) {
                        s += plane[src + start + t] * tx.weights[wi + t];
                    }
                    rows[dst + u] = s;
                }
            }
            // down: every output column from the across-resampled rows
            int base = b * outWidth * outHeight;
            for (int v = 0; v < outHeight; v++) {
                int start = ty.start[v];
                int n = ty.count[v];
                int wi = v * ty.stride;
                int dst = base + v * outWidth;
                for (int t = 0; t < n; t++) {
                    float wt = ty.weights[wi + t];
                    int src = (start + t) * outWidth;
                    for (int u = 0; u < outWidth; u++) {
                        out[dst + u] += rows[src + u] * wt;
                    }
                }
            }
        }
        PixelWindow window = new PixelWindow(0, 0, outWidth, outHeight);
        PixelWindow valid = scaledValid(in, outWidth, outHeight);
        return new PixelBuffer(window, valid, bands, SampleType.FLOAT32, out);
    }

    private static PixelWindow scaledValid(PixelBuffer in, int outWidth, int outHeight) {
        PixelWindow win = in.window();
        PixelWindow v = in.valid();
        if (v.isEmpty()) {
            return new PixelWindow(0, 0, 0, 0);
        }
        double kx = (double) outWidth / win.width();
        double ky = (double) outHeight / win.height();
        int x0 = (int) Math.floor((v.x() - win.x()) * kx);
        int y0 = (int) Math.floor((v.y() - win.y()) * ky);
        int x1 = Math.min(outWidth, (int) Math.ceil((v.endX() - win.x()) * kx));
        int y1 = Math.min(outHeight, (int) Math.ceil((v.endY() - win.y()) * ky));
        return new PixelWindow(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /**
     * A detection in the model pixels of a resampled tile, in scene pixels: {@code x0 + u·kx},
     * {@code y0 + v·ky} for the window's origin {@code (x0, y0)} and its scene pixels per model pixel
     * {@code kx}, {@code ky}. An oriented box keeps its angle; its centre maps exactly and its sides scale
     * by the mean of {@code kx} and {@code ky} (equal but for the last tile of a scene smaller than one
     * tile, where they differ by well under one percent).
     */
    static Detection toScene(Detection d, PixelWindow window, double kx, double ky) {
        Box b = d.box();
        Box box = new Box(window.x() + b.x0() * kx, window.y() + b.y0() * ky, window.x() + b.x1() * kx,
                window.y() + b.y1() * ky);
        OrientedBox o = d.orientedBox().orElse(null);
        if (o == null) {
            return new Detection(box, null, d.classId(), d.score());
        }
        double k = (kx + ky) / 2;
        OrientedBox mapped = new OrientedBox(window.x() + o.cx() * kx, window.y() + o.cy() * ky, o.width() * k,
                o.height() * k, o.angle());
        return new Detection(mapped.bounds(), mapped, d.classId(), d.score());
    }

    /**
     * The filter taps of one axis: for output sample {@code i}, input samples {@code start[i]} ..
     * {@code start[i] + count[i] − 1} with normalised weights {@code weights[i·stride ..]}.
     */
    private record Taps(int[] start, int[] count, float[] weights, int stride) {

        static Taps of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the tent filter's support is 1 input pixel, widened when reducing
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * stride];
            double[] w = new double[stride];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                int n = Math.min(max - min, stride);
                double total = 0;
                for (int t = 0; t < n; t++) {
                    double x = (min + t - center + 0.5) / filterScale;
                    w[t] = Math.max(0, 1 - Math.abs(x));
                    total += w[t];
                }
                for (int t = 0; t < n; t++) {
                    weights[i * stride + t] = (float) (total == 0 ? 0 : w[t] / total);
                }
                start[i] = min;
                count[i] = n;
            }
            return new Taps(start, count, weights, stride);
        }
    }
}
