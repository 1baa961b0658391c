package dev.seamline.eval;

import java.util.Arrays;

/**
 * A uniform grid over axis-aligned boxes that finds, for a query box, every box it might overlap:
 * the matchers' spatial index, so that no detections × ground-truth table is ever built. A box is
 * registered in every cell its closed extent {@code [x0, x1] × [y0, y1]} touches (boxes that would
 * touch more than {@value #MAX_CELLS_PER_BOX} cells are kept on one list every query visits); a
 * query visits the cells its own closed extent touches. Cell coordinates are monotone in x and y,
 * so two boxes whose closed extents share a point always share a cell: the candidates are a
 * superset of the overlapping boxes, and the caller applies its exact test (the grid never decides
 * a match). Each candidate is reported once per query.
 *
 * <p>Memory: {@code O(n)} (at most {@value #MAX_CELLS_PER_BOX} entries per box, at most about
 * {@code 2n + 16} cells). Coordinates must be finite (the formats refuse others). Not thread-safe:
 * one grid per thread (queries mark visited boxes in a shared array).
 */
final class BoxGrid {

    /** Visitor of candidate boxes. */
    @FunctionalInterface
    interface Visitor {
        /** Called once per candidate index of one query. */
        void visit(int index);
    }

    static final int MAX_CELLS_PER_BOX = 16;

    private final int n;
    private final double minX, minY, cellW, cellH;
    private final int nx, ny;
    private final int[] cellStart; // CSR: entries of cell c are items[cellStart[c] .. cellStart[c+1])
    private final int[] items;
    private final int[] big;
    private final int[] stamp;
    private int query;

    /** A grid over boxes {@code i}: {@code [x0[i], x1[i]] × [y0[i], y1[i]]}, {@code x0 ≤ x1} not required. */
    BoxGrid(double[] x0, double[] y0, double[] x1, double[] y1) {
        n = x0.length;
        stamp = new int[n];
        if (n == 0) {
            minX = minY = 0;
            cellW = cellH = 1;
            nx = ny = 1;
            cellStart = new int[2];
            items = new int[0];
            big = new int[0];
            return;
        }
        double lx = Double.POSITIVE_INFINITY, ly = Double.POSITIVE_INFINITY;
        double hx = Double.NEGATIVE_INFINITY, hy = Double.NEGATIVE_INFINITY;
        double[] ws = new double[n];
        double[] hs = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Math.min(x0[i], x1[i]), b = Math.max(x0[i], x1[i]);
            double c = Math.min(y0[i], y1[i]), d = Math.max(y0[i], y1[i]);
            lx = Math.min(lx, a);
            hx = Math.max(hx, b);
            ly = Math.min(ly, c);
            hy = Math.max(hy, d);
            ws[i] = b - a;
            hs[i] = d - c;
        }
        Arrays.sort(ws);
        Arrays.sort(hs);
        double spanX = hx - lx, spanY = hy - ly;
        // cells about the typical box size, but never more than about 2n of them
        double cw = Math.max(ws[n / 2], spanX / 4096), ch = Math.max(hs[n / 2], spanY / 4096);
        if (!(cw > 0)) {
            cw = spanX > 0 ? spanX / 64 : 1;
        }
        if (!(ch > 0)) {
            ch = spanY > 0 ? spanY / 64 : 1;
        }
        long cx = cells(spanX, cw), cy = cells(spanY, ch);
        long limit = 2L * n + 16;
        while (cx * cy > limit) {
            cw *= 1.5;
            ch *= 1.5;
            cx = cells(spanX, cw);
            cy = cells(spanY, ch);
        }
        minX = lx;
        minY = ly;
        cellW = cw;
        cellH = ch;
        nx = (int) cx;
        ny = (int) cy;
        int[] count = new int[nx * ny + 1];
        int nBig = 0;
        for (int i = 0; i < n; i++) {
            int ax = cellX(Math.min(x0[i], x1[i])), bx = cellX(Math.max(x0[i], x1[i]));
            int ay = cellY(Math.min(y0[i], y1[i])), by = cellY(Math.max(y0[i], y1[i]));
            if ((long) (bx - ax + 1) * (by - ay + 1) > MAX_CELLS_PER_BOX) {
                nBig++;
                continue;
            }
            for (int y = ay; y <= by; y++) {
                for (int x = ax; x <= bx; x++) {
                    count[y * nx + x + 1]++;
                }
            }
        }
        for (int c = 0; c < nx * ny; c++) {
            count[c + 1] += count[c];
        }
        cellStart = count;
        items = new int[count[nx * ny]];
        big = new int[nBig];
        int[] fill = Arrays.copyOf(count, nx * ny);
        nBig = 0;
        for (int i = 0; i < n; i++) {
            int ax = cellX(Math.min(x0[i], x1[i])), bx = cellX(Math.max(x0[i], x1[i]));
            int ay = cellY(Math.min(y0[i], y1[i])), by = cellY(Math.max(y0[i], y1[i]));
            if ((long) (bx - ax + 1) * (by - ay + 1) > MAX_CELLS_PER_BOX) {
                big[nBig++] = i;
                continue;
            }
            for (int y = ay; y <= by; y++) {
                for (int x = ax; x <= bx; x++) {
                    items[fill[y * nx + x]++] = i;
                }
            }
        }
    }

    private static long cells(double span, double size) {
        double c = Math.floor(span / size) + 1;
        return c > 1e9 ? 1_000_000_000L : (long) c;
    }

    private int cellX(double x) {
        double f = (x - minX) / cellW;
        if (!(f > 0)) {
            return 0;
        }
        return f >= nx ? nx - 1 : (int) f;
    }

    private int cellY(double y) {
        double f = (y - minY) / cellH;
        if (!(f > 0)) {
            return 0;
        }
        return f >= ny ? ny - 1 : (int) f;
    }

    /** Visits, once each, every box whose closed extent may share a point with {@code [x0, x1] × [y0, y1]}. */
    void query(double x0, double y0, double x1, double y1, Visitor v) {
        if (n == 0) {
            return;
        }
        if (++query == 0) { // wrapped: clear the marks
            Arrays.fill(stamp, 0);
            query = 1;
        }
        int q = query;
        for (int i : big) {
            v.visit(i);
        }
        int ax = cellX(Math.min(x0, x1)), bx = cellX(Math.max(x0, x1));
        int ay = cellY(Math.min(y0, y1)), by = cellY(Math.max(y0, y1));
        for (int y = ay; y <= by; y++) {
            for (int x = ax; x <= bx; x++) {
                int c = y * nx + x;
                for (int p = cellStart[c], e = cellStart[c + 1]; p < e; p++) {
                    int i = items[p];
                    if (stamp[i] != q) {
                        stamp[i] = q;
                        v.visit(i);
                    }
                }
            }
        }
    }
}
