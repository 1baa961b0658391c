package dev.seamline.core;

import java.util.Objects;
import java.util.function.IntBinaryOperator;

/**
 * Sorts {@code int} indices by a comparator of indices, without boxing: a stable merge sort (equal
 * indices keep their order), insertion-sorted runs of 16 merged bottom-up. For the orders Seamline
 * builds once per tile or per scene (NMS candidates, merge order, Huffman leaves). Not
 * {@code Arrays.sort(Integer[], Comparator)}: besides the boxing, HotSpot compiles the JDK's one
 * {@code TimSort} for every caller's array type, and its array-store checks deoptimised and
 * recompiled it again and again, run after run (a third of C2's time on the bundled sample's
 * warmed runs). Stateless and thread-safe.
 */
public final class IndexSort {

    private static final int RUN = 16;

    private IndexSort() {
    }

    /** Sorts all of {@code a} by {@code cmp} (negative: first argument first), stably. */
    public static void sort(int[] a, IntBinaryOperator cmp) {
        sort(a, 0, a.length, cmp);
    }

    /**
     * Sorts {@code a[from, to)} by {@code cmp}, stably.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code a}
     */
    public static void sort(int[] a, int from, int to, IntBinaryOperator cmp) {
        Objects.checkFromToIndex(from, to, a.length);
        int n = to - from;
        for (int lo = from; lo < to; lo += RUN) {
            insertion(a, lo, Math.min(lo + RUN, to), cmp);
        }
        if (n <= RUN) {
            return;
        }
        int[] src = a, dst = new int[n];
        int srcOff = from, dstOff = 0;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(src, srcOff, dst, dstOff, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n), cmp);
            }
            int[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != a) {
            System.arraycopy(src, srcOff, a, from, n);
        }
    }

    private static void insertion(int[] a, int from, int to, IntBinaryOperator cmp) {
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && cmp.applyAsInt(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Merges sorted {@code src[lo, mid)} and {@code src[mid, hi)} (relative to the offsets) into {@code dst}; ties from the left. */
    private static void merge(int[] src, int srcOff, int[] dst, int dstOff, int lo, int mid, int hi,
            IntBinaryOperator cmp) {
        if (mid >= hi || cmp.applyAsInt(src[srcOff + mid - 1], src[srcOff + mid]) <= 0) {
            System.arraycopy(src, srcOff + lo, dst, dstOff + lo, hi - lo);
            return;
        }
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
            int left = src[srcOff + i], right = src[srcOff + j];
            if (cmp.applyAsInt(right, left) < 0) {
                dst[dstOff + k++] = right;
                j++;
            } else {
                dst[dstOff + k++] = left;
                i++;
            }
        }
        System.arraycopy(src, srcOff + i, dst, dstOff + k, mid - i);
        k += mid - i;
        System.arraycopy(src, srcOff + j, dst, dstOff + k, hi - j);
    }
}
