package dev.seamline.eval;

/**
 * Linear sum assignment (Hungarian method with potentials, shortest augmenting paths), the problem
 * scipy's {@code linear_sum_assignment} solves: every row of the smaller side gets a distinct column,
 * minimising the total cost. Package-private.
 */
final class Hungarian {

    private Hungarian() {
    }

    /**
     * Maximises the total of {@code w[i][j]}; returns for each row its column, or -1 when the matrix
     * has more rows than columns and the row is left out.
     */
    static int[] maximize(double[][] w) {
        int n = w.length;
        int m = n == 0 ? 0 : w[0].length;
        if (n == 0 || m == 0) {
            int[] none = new int[n];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        boolean transpose = n > m;
        double[][] a = transpose ? new double[m][n] : new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (transpose) {
                    a[j][i] = -w[i][j];
                } else {
                    a[i][j] = -w[i][j];
                }
            }
        }
        int[] rowToCol = solve(a);
        if (!transpose) {
            return rowToCol;
        }
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        for (int r = 0; r < rowToCol.length; r++) {
            out[rowToCol[r]] = r;
        }
        return out;
    }

    /** Minimum-cost assignment of every row (rows ≤ columns). */
    private static int[] solve(double[][] a) {
        int n = a.length, m = a[0].length;
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
