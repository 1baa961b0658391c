package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.seamline.core.Detection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three angle conventions Ultralytics' OBB heads and exports have used give the same rectangles through
 * both OBB decoders ({@code YOLOV8_OBB} raw heads, {@code OBB_BOXES} end-to-end rows): up to 8.3.78, w ≥ h and
 * the angle modulo π; 8.3.79 to 8.3.x, the angle modulo π/2 (w and h swapped where needed); 8.4, the raw head
 * angle in [−π/4, 3π/4) with w and h as the head gives them. Each rectangle is defined by its long side,
 * short side and long-axis heading; its corners are computed here from that definition alone.
 */
class ObbAngleConventionTest {

    /** long side, short side, heading of the long side (radians, clockwise on screen), centre x, y. */
    private static final double[][] RECTANGLES = {
            {40, 10, 0.3, 100, 120}, {30, 12, 1.2, 300, 80}, {50, 20, 2.0, 200, 400}, {24, 8, 2.9, 500, 500},
            {36, 18, Math.PI / 2, 60, 580}, {20, 20 - 1e-3, 0.01, 420, 260}, {44, 6, 3 * Math.PI / 4 - 1e-3, 320, 320}};

    enum Convention {
        /** Ultralytics ≤ 8.3.78: w ≥ h, angle in [0, π). */
        LONG_SIDE_MOD_PI,
        /** Ultralytics 8.3.79 – 8.3.x: angle in [0, π/2), w and h as the angle needs. */
        MOD_HALF_PI,
        /** Ultralytics 8.4: the raw head angle in [−π/4, 3π/4); here with w and h swapped and the angle turned by π/2. */
        RAW_HEAD
    }

    /** (w, h, angle) of the rectangle in a convention. */
    static double[] express(double[] r, Convention c) {
        double l = r[0], s = r[1], t = mod(r[2], Math.PI);
        return switch (c) {
            case LONG_SIDE_MOD_PI -> new double[] {l, s, t};
            case MOD_HALF_PI -> t < Math.PI / 2 ? new double[] {l, s, t} : new double[] {s, l, t - Math.PI / 2};
            case RAW_HEAD -> new double[] {s, l, mod(t + Math.PI / 2 + Math.PI / 4, Math.PI) - Math.PI / 4};
        };
    }

    /** The corners of the rectangle, from its definition: centre ± half the long axis ± half the short axis. */
    static double[] corners(double[] r) {
        double ux = Math.cos(r[2]) * r[0] / 2, uy = Math.sin(r[2]) * r[0] / 2;
        double vx = -Math.sin(r[2]) * r[1] / 2, vy = Math.cos(r[2]) * r[1] / 2;
        return new double[] {r[3] + ux + vx, r[4] + uy + vy, r[3] + ux - vx, r[4] + uy - vy, r[3] - ux - vx,
                r[4] - uy - vy, r[3] - ux + vx, r[4] - uy + vy};
    }

    private static double mod(double a, double m) {
        return a - m * Math.floor(a / m);
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void rawHeadsGiveTheSameRectangles(Convention convention) {
        int n = RECTANGLES.length, classes = 2;
        int rows = 4 + classes + 1;
        float[] head = new float[rows * n];
        for (int j = 0; j < n; j++) {
            double[] e = express(RECTANGLES[j], convention);
            head[j] = (float) RECTANGLES[j][3];
            head[n + j] = (float) RECTANGLES[j][4];
            head[2 * n + j] = (float) e[0];
            head[3 * n + j] = (float) e[1];
            head[(4 + j % classes) * n + j] = 0.9f - 0.05f * j;  // far apart: no suppression
            head[(4 + classes) * n + j] = (float) e[2];
        }
        TileTranslator t = translator(Decoder.YOLOV8_OBB, classes);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<Detection> out = t.decode(new NDList(m.create(head, new Shape(1, rows, n))), 1).get(0);
            assertRectangles(out, convention + " YOLOV8_OBB");
        }
    }

    @ParameterizedTest
    @EnumSource(Convention.class)
    void endToEndRowsGiveTheSameRectangles(Convention convention) {
        int n = RECTANGLES.length;
        float[] rows = new float[7 * n];
        for (int j = 0; j < n; j++) {
            double[] e = express(RECTANGLES[j], convention);
            float[] row = {(float) RECTANGLES[j][3], (float) RECTANGLES[j][4], (float) e[0], (float) e[1],
                    0.9f - 0.05f * j, j % 2, (float) e[2]};
            System.arraycopy(row, 0, rows, 7 * j, 7);
        }
        TileTranslator t = translator(Decoder.OBB_BOXES, 2);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<Detection> out = t.decode(new NDList(m.create(rows, new Shape(1, n, 7))), 1).get(0);
            assertRectangles(out, convention + " OBB_BOXES");
        }
    }

    private static TileTranslator translator(Decoder decoder, int classes) {
        return TileTranslator.builder(decoder).setInputSize(640, 640).setBands(List.of(1, 2, 3))
                .setNormalization(Normalization.ofScale(1 / 255.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0)))
                .setClassSlots(classes).optNmsIou(0.7).optOrientedNms(OrientedNms.PROBIOU).build();
    }

    private static void assertRectangles(List<Detection> out, String what) {
        assertEquals(RECTANGLES.length, out.size(), what);
        for (int j = 0; j < RECTANGLES.length; j++) {
            Detection d = out.get(j);
            assertEquals(j % 2, d.classId(), what + " #" + j);
            // float32 rows: a few 1e-5 px
            UltralyticsParityTest.assertCornersEqual(corners(RECTANGLES[j]), d.oriented().corners(), what + " #" + j);
        }
    }
}
