package dev.seamline.tiling.merge;

import java.util.Arrays;

/**
 * The overlap index: finds every pair of footprints (axis-aligned boxes, scene pixels) that overlap with
 * positive area through a uniform grid whose cell is about twice the mean footprint size, so the work
 * grows with the number of overlapping pairs, not with the square of the number of detections.
 * Footprints spanning more than {@value #MAX_CELLS_PER_ITEM} cells are compared with every other one
 * instead. Each pair is reported once. Stateless.
 */
final class OverlapIndex {

    private static final int MAX_CELLS_PER_ITEM = 64;

    private OverlapIndex() {
    }

    /** Pairs (a, b) of items whose footprints overlap with positive area, each pair once. */
    static IntList pairs(double[] fx0, double[] fy0, double[] fx1, double[] fy1) {
        int n = fx0.length;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY, sizeSum = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, fx0[i]);
            minY = Math.min(minY, fy0[i]);
            maxX = Math.max(maxX, fx1[i]);
            maxY = Math.max(maxY, fy1[i]);
            sizeSum += Math.max(fx1[i] - fx0[i], fy1[i] - fy0[i]);
        }
        double spanX = Math.max(maxX - minX, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
        double cell = Math.max(2 * sizeSum / n, 1e-9);
        double maxCells = 4.0 * n + 16;
        if ((spanX / cell + 1) * (spanY / cell + 1) > maxCells) {
            cell = Math.max(cell, Math.sqrt(spanX * spanY / maxCells) * 1.01);
            while ((Math.floor(spanX / cell) + 1) * (Math.floor(spanY / cell) + 1) > maxCells) {
                cell *= 1.1;
            }
        }
        int nx = (int) Math.floor(spanX / cell) + 1, ny = (int) Math.floor(spanY / cell) + 1;
        int cells = nx * ny;
        int[] cx0 = new int[n], cy0 = new int[n], cx1 = new int[n], cy1 = new int[n];
        int[] cellStart = new int[cells + 1];
        IntList big = new IntList();
        boolean[] isBig = new boolean[n];
        for (int i = 0; i < n; i++) {
            cx0[i] = cellOf(fx0[i], minX, cell, nx);
            cy0[i] = cellOf(fy0[i], minY, cell, ny);
            cx1[i] = cellOf(fx1[i], minX, cell, nx);
            cy1[i] = cellOf(fy1[i], minY, cell, ny);
            long span = (long) (cx1[i] - cx0[i] + 1) * (cy1[i] - cy0[i] + 1);
            if (span > MAX_CELLS_PER_ITEM) {
                isBig[i] = true;
                big.add(i);
                continue;
            }
            for (int y = cy0[i]; y <= cy1[i]; y++) {
                for (int x = cx0[i]; x <= cx1[i]; x++) {
                    cellStart[y * nx + x + 1]++;
                }
            }
        }
        for (int c = 0; c < cells; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] entries = new int[cellStart[cells]];
        int[] fill = Arrays.copyOf(cellStart, cells);
        for (int i = 0; i < n; i++) {
            if (isBig[i]) {
                continue;
            }
            for (int y = cy0[i]; y <= cy1[i]; y++) {
                for (int x = cx0[i]; x <= cx1[i]; x++) {
                    entries[fill[y * nx + x]++] = i;
                }
            }
        }
        IntList pairs = new IntList();
        // each cell's boxes are copied side by side first: the pair loop then reads contiguous memory
        double[] lx0 = new double[16], ly0 = new double[16], lx1 = new double[16], ly1 = new double[16];
        int[] lcx = new int[16], lcy = new int[16];
        for (int c = 0; c < cells; c++) {
            int from = cellStart[c], to = cellStart[c + 1], m = to - from;
            if (m < 2) {
                continue;
            }
            if (m > lx0.length) {
                lx0 = new double[2 * m];
                ly0 = new double[2 * m];
                lx1 = new double[2 * m];
                ly1 = new double[2 * m];
                lcx = new int[2 * m];
                lcy = new int[2 * m];
            }
            for (int p = 0; p < m; p++) {
                int a = entries[from + p];
                lx0[p] = fx0[a];
                ly0[p] = fy0[a];
                lx1[p] = fx1[a];
                ly1[p] = fy1[a];
                lcx[p] = cx0[a];
                lcy[p] = cy0[a];
            }
            int cx = c % nx, cy = c / nx;
            for (int p = 0; p < m; p++) {
                double ax0 = lx0[p], ay0 = ly0[p], ax1 = lx1[p], ay1 = ly1[p];
                int acx = lcx[p], acy = lcy[p];
                boolean ownX = acx == cx, ownY = acy == cy;
                for (int q = p + 1; q < m; q++) {
                    // the pair is found once: in the cell holding the top-left corner of its intersection
                    if ((ownX || lcx[q] == cx) && (ownY || lcy[q] == cy)
                            // footprints are never empty, so this is "the intersection has positive area"
                            && ax0 < lx1[q] && lx0[q] < ax1 && ay0 < ly1[q] && ly0[q] < ay1) {
                        pairs.add(entries[from + p]);
                        pairs.add(entries[from + q]);
                    }
                }
            }
        }
        for (int k = 0; k < big.size; k++) {
            int a = big.data[k];
            for (int b = 0; b < n; b++) {
                if (b == a || isBig[b] && b < a) {
                    continue;
                }
                if (fx0[a] < fx1[b] && fx0[b] < fx1[a] && fy0[a] < fy1[b] && fy0[b] < fy1[a]) {
                    pairs.add(a);
                    pairs.add(b);
                }
            }
        }
        return pairs;
    }

    private static int cellOf(double v, double min, double cell, int count) {
        int c = (int) Math.floor((v - min) / cell);
        return Math.max(0, Math.min(count - 1, c));
    }
}
