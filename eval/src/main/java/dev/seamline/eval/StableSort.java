package dev.seamline.eval;

import java.util.function.IntToDoubleFunction;

/**
 * Stable index sorts by descending score, as numpy's {@code argsort(-x, kind='mergesort')}: equal
 * keys keep their input order. Comparisons use {@code <}, so -0.0 equals 0.0 as in numpy.
 * Package-private.
 */
final class StableSort {

    private StableSort() {
    }

    /** The positions 0..n-1 of {@code keys} ordered by descending key, stable. */
    static int[] byDescending(double[] keys) {
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        mergeSort(idx, new int[n], 0, n, keys);
        return idx;
    }

    /** The given items ordered by descending key, stable. */
    static int[] byDescending(int[] items, IntToDoubleFunction key) {
        double[] k = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            k[i] = key.applyAsDouble(items[i]);
        }
        int[] pos = byDescending(k);
        int[] out = new int[items.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = items[pos[i]];
        }
        return out;
    }

    /** The given items ordered by descending {@code keys[item]}, stable. */
    static int[] byDescending(int[] items, double[] keys) {
        double[] k = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            k[i] = keys[items[i]];
        }
        int[] pos = byDescending(k);
        int[] out = new int[items.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = items[pos[i]];
        }
        return out;
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, double[] keys) {
        if (hi - lo < 2) {
            return;
        }
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && keys[a[j]] < keys[v]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, keys);
        mergeSort(a, tmp, mid, hi, keys);
        if (!(keys[a[mid - 1]] < keys[a[mid]])) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
            // take from the right only when strictly greater: ties keep left-first order
            if (keys[tmp[i]] < keys[tmp[j]]) {
                a[k++] = tmp[j++];
            } else {
                a[k++] = tmp[i++];
            }
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < hi) {
            a[k++] = tmp[j++];
        }
    }
}
