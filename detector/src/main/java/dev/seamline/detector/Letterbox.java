package dev.seamline.detector;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;

/**
 * Ultralytics' letterbox of a whole image smaller than the model input ({@code LetterBox} with
 * {@code auto=False}, as its predict feeds a fixed-size export): the image is scaled by
 * {@code gain = min(W/w, H/h)} to {@code round(w·gain) × round(h·gain)}, placed at
 * ({@code left}, {@code top}) = {@code round((W − w')/2 − 0.1)}, {@code round((H − h')/2 − 0.1)} (Python's
 * rounding, half to even) and the rest filled with 114. Detections come back to image pixels by
 * {@code (x − left) / gain} (Ultralytics' {@code scale_boxes}; no clipping here).
 *
 * <p>8-bit samples are scaled exactly as OpenCV 4's {@code resize(INTER_LINEAR)} scales them up (11-bit
 * fixed-point weights, its vectorised vertical pass: checked equal to OpenCV 4.6 on random images; see
 * the Ultralytics fixtures' README); other sample types with the same weights in floating point, giving
 * float32 samples. Immutable and thread-safe.
 *
 * @param gain   input pixels per image pixel
 * @param left   input column of the image's left edge
 * @param top    input row of the image's top edge
 * @param scaledWidth  the scaled image's width in the input, pixels
 * @param scaledHeight the scaled image's height in the input, pixels
 * @param inputWidth   the model input's width, pixels
 * @param inputHeight  the model input's height, pixels
 */
record Letterbox(double gain, int left, int top, int scaledWidth, int scaledHeight, int inputWidth, int inputHeight) {

    /** The fill of the padding, as Ultralytics' {@code padding_value}. */
    static final int FILL = 114;
    private static final int COEF_BITS = 11;
    private static final int COEF_SCALE = 1 << COEF_BITS;

    /** The letterbox of a {@code width × height} image in a {@code inputWidth × inputHeight} input. */
    static Letterbox of(int width, int height, int inputWidth, int inputHeight) {
        double gain = Math.min((double) inputHeight / height, (double) inputWidth / width);
        int w = (int) Math.rint(width * gain);
        int h = (int) Math.rint(height * gain);
        int left = (int) Math.rint((inputWidth - w) / 2.0 - 0.1);
        int top = (int) Math.rint((inputHeight - h) / 2.0 - 0.1);
        return new Letterbox(gain, left, top, w, h, inputWidth, inputHeight);
    }

    /**
     * The input-sized buffer: the {@code sw × sh} image at ({@code x0}, {@code y0}) of {@code buffer} scaled and
     * centred on grey, every band.
     */
    PixelBuffer apply(PixelBuffer buffer, int x0, int y0, int sw, int sh) {
        int bands = buffer.bandCount();
        int plane = inputWidth * inputHeight;
        int stride = buffer.width();
        int bandSize = buffer.width() * buffer.height();
        int[] xOffset = new int[scaledWidth];
        int[] xCoef = new int[2 * scaledWidth];
        float[] xFrac = new float[scaledWidth];
        coefficients(sw, scaledWidth, true, xOffset, xCoef, xFrac);
        int[] yOffset = new int[scaledHeight];
        int[] yCoef = new int[2 * scaledHeight];
        float[] yFrac = new float[scaledHeight];
        coefficients(sh, scaledHeight, false, yOffset, yCoef, yFrac);
        PixelWindow window = new PixelWindow(0, 0, inputWidth, inputHeight);
        if (buffer.sampleType() == SampleType.UINT8) {
            byte[] src = buffer.asBytes();
            byte[] out = new byte[bands * plane];
            java.util.Arrays.fill(out, (byte) FILL);
            int[] row0 = new int[scaledWidth], row1 = new int[scaledWidth];
            for (int b = 0; b < bands; b++) {
                int base = b * bandSize + y0 * stride + x0;
                for (int dy = 0; dy < scaledHeight; dy++) {
                    horizontal(src, base + clamp(yOffset[dy], sh) * stride, sw, xOffset, xCoef, row0);
                    horizontal(src, base + clamp(yOffset[dy] + 1, sh) * stride, sw, xOffset, xCoef, row1);
                    int b0 = yCoef[2 * dy], b1 = yCoef[2 * dy + 1];
                    int at = b * plane + (top + dy) * inputWidth + left;
                    for (int dx = 0; dx < scaledWidth; dx++) {
                        // OpenCV's VResizeLinearVec_32s8u: (S >> 4) · beta, high 16 bits, summed, then (+2) >> 2
                        int v = ((((row0[dx] >> 4) * b0) >> 16) + (((row1[dx] >> 4) * b1) >> 16) + 2) >> 2;
                        out[at + dx] = (byte) Math.max(0, Math.min(255, v));
                    }
                }
            }
            return new PixelBuffer(window, window, bands, SampleType.UINT8, out);
        }
        float[] out = new float[bands * plane];
        java.util.Arrays.fill(out, FILL);
        for (int b = 0; b < bands; b++) {
            for (int dy = 0; dy < scaledHeight; dy++) {
                int ya = clamp(yOffset[dy], sh), yb = clamp(yOffset[dy] + 1, sh);
                double fy = yFrac[dy];
                for (int dx = 0; dx < scaledWidth; dx++) {
                    int xa = xOffset[dx], xb = Math.min(xa + 1, sw - 1);
                    double fx = xFrac[dx];
                    double top0 = buffer.sample(b, x0 + xa, y0 + ya) * (1 - fx) + buffer.sample(b, x0 + xb, y0 + ya) * fx;
                    double top1 = buffer.sample(b, x0 + xa, y0 + yb) * (1 - fx) + buffer.sample(b, x0 + xb, y0 + yb) * fx;
                    out[b * plane + (top + dy) * inputWidth + left + dx] = (float) (top0 * (1 - fy) + top1 * fy);
                }
            }
        }
        return new PixelBuffer(window, window, bands, SampleType.FLOAT32, out);
    }

    /** A detection in input pixels back in image pixels. */
    Detection toImage(Detection d) {
        if (d.isOriented()) {
            OrientedBox o = d.oriented();
            return Detection.of(new OrientedBox((o.cx() - left) / gain, (o.cy() - top) / gain, o.width() / gain,
                    o.height() / gain, o.angle()), d.classId(), d.score());
        }
        Box b = d.box();
        return Detection.of(new Box((b.x0() - left) / gain, (b.y0() - top) / gain, (b.x1() - left) / gain,
                (b.y1() - top) / gain), d.classId(), d.score());
    }

    /**
     * OpenCV's linear-resize tables: source offset and the two 11-bit weights of each destination
     * position (and the float fraction they come from). {@code clampEdges}: OpenCV clamps the x positions
     * before the weights; the y positions keep their weights and clamp the source rows they read.
     */
    private static void coefficients(int src, int dst, boolean clampEdges, int[] offset, int[] coef, float[] frac) {
        double scale = 1.0 / ((double) dst / src);
        for (int d = 0; d < dst; d++) {
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (clampEdges && s < 0) {
                f = 0;
                s = 0;
            }
            if (clampEdges && s >= src - 1) {
                f = 0;
                s = src - 1;
            }
            offset[d] = s;
            frac[d] = f;
            coef[2 * d] = (int) Math.rint((1f - f) * COEF_SCALE);
            coef[2 * d + 1] = (int) Math.rint(f * COEF_SCALE);
        }
    }

    private static void horizontal(byte[] src, int rowStart, int sw, int[] xOffset, int[] xCoef, int[] row) {
        for (int dx = 0; dx < row.length; dx++) {
            int s = xOffset[dx];
            int p0 = src[rowStart + s] & 0xFF;
            int p1 = src[rowStart + Math.min(s + 1, sw - 1)] & 0xFF;
            row[dx] = p0 * xCoef[2 * dx] + p1 * xCoef[2 * dx + 1];
        }
    }

    private static int clamp(int row, int height) {
        return Math.max(0, Math.min(height - 1, row));
    }
}
