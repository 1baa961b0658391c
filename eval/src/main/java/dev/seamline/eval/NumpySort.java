package dev.seamline.eval;

/**
 * numpy's default {@code argsort} (kind "quicksort") for float64, order for order: an introsort
 * (median-of-three quicksort, insertion sort for partitions of at most 16 elements, heapsort past a
 * depth of 2·log2(n)), NaN last. It is not stable, and the official DOTA and xView scorers inherit
 * its order for tied scores; reproducing it makes their results exact even with ties. Checked
 * against numpy 1.24's {@code np.argsort} (which the scorers' numpy versions share for float64) on
 * thousands of tie-heavy arrays of 0 to 3000 elements. Package-private.
 */
final class NumpySort {

    private static final int SMALL_QUICKSORT = 15;

    private NumpySort() {
    }

    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    /** {@code np.argsort(v)} (default kind). */
    static int[] argsort(double[] v) {
        int num = v.length;
        int[] t = new int[num];
        for (int i = 0; i < num; i++) {
            t[i] = i;
        }
        if (num < 2) {
            return t;
        }
        int pl = 0, pr = num - 1;
        int[] stack = new int[256];
        int[] depth = new int[128];
        int sp = 0, dp = 0;
        int cdepth = (31 - Integer.numberOfLeadingZeros(num)) * 2;
        for (;;) {
            if (cdepth < 0) {
                heapsort(v, t, pl, pr - pl + 1);
            } else {
                while (pr - pl > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    if (less(v[t[pr]], v[t[pm]])) {
                        swap(t, pr, pm);
                    }
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    double vp = v[t[pm]];
                    int pi = pl, pj = pr - 1;
                    swap(t, pm, pj);
                    for (;;) {
                        do {
                            ++pi;
                        } while (less(v[t[pi]], vp));
                        do {
                            --pj;
                        } while (less(vp, v[t[pj]]));
                        if (pi >= pj) {
                            break;
                        }
                        swap(t, pi, pj);
                    }
                    swap(t, pi, pr - 1);
                    if (pi - pl < pr - pi) {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depth[dp++] = --cdepth;
                }
                for (int pi = pl + 1; pi <= pr; ++pi) {
                    int vi = t[pi];
                    double vp = v[vi];
                    int pj = pi, pk = pi - 1;
                    while (pj > pl && less(vp, v[t[pk]])) {
                        t[pj--] = t[pk--];
                    }
                    t[pj] = vi;
                }
            }
            if (sp == 0) {
                break;
            }
            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depth[--dp];
        }
        return t;
    }

    /** numpy's aheapsort on t[lo .. lo+n-1] (1-based heap indexing). */
    private static void heapsort(double[] v, int[] t, int lo, int n) {
        int off = lo - 1;
        for (int l = n >> 1; l > 0; --l) {
            int tmp = t[off + l];
            int i = l, j = l << 1;
            while (j <= n) {
                if (j < n && less(v[t[off + j]], v[t[off + j + 1]])) {
                    j += 1;
                }
                if (less(v[tmp], v[t[off + j]])) {
                    t[off + i] = t[off + j];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            t[off + i] = tmp;
        }
        for (; n > 1;) {
            int tmp = t[off + n];
            t[off + n] = t[off + 1];
            n -= 1;
            int i = 1, j = 2;
            while (j <= n) {
                if (j < n && less(v[t[off + j]], v[t[off + j + 1]])) {
                    j++;
                }
                if (less(v[tmp], v[t[off + j]])) {
                    t[off + i] = t[off + j];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            t[off + i] = tmp;
        }
    }

    private static void swap(int[] t, int a, int b) {
        int x = t[a];
        t[a] = t[b];
        t[b] = x;
    }
}
