package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The output order of merged detections: y0, x0, y1, x1, class, descending score, then the oriented
 * box; and a sort into it that keys on y0 first (a radix sort), using the comparator only within ties.
 * Stateless.
 */
final class OutputOrder {

    private OutputOrder() {
    }

    /** Output order: y0, x0, y1, x1, class, descending score, then the oriented box. */
    static final Comparator<Detection> COMPARATOR = (a, b) -> {
        int c = Double.compare(a.box().y0(), b.box().y0());
        if (c == 0) c = Double.compare(a.box().x0(), b.box().x0());
        if (c == 0) c = Double.compare(a.box().y1(), b.box().y1());
        if (c == 0) c = Double.compare(a.box().x1(), b.box().x1());
        if (c == 0) c = Integer.compare(a.classId(), b.classId());
        if (c == 0) c = Double.compare(b.score(), a.score());
        if (c == 0) c = Boolean.compare(a.isOriented(), b.isOriented());
        if (c == 0 && a.isOriented()) {
            OrientedBox p = a.oriented(), q = b.oriented();
            c = Double.compare(p.cx(), q.cx());
            if (c == 0) c = Double.compare(p.cy(), q.cy());
            if (c == 0) c = Double.compare(p.width(), q.width());
            if (c == 0) c = Double.compare(p.height(), q.height());
            if (c == 0) c = Double.compare(p.angle(), q.angle());
        }
        return c;
    };

    /** Sorts detections into {@link #COMPARATOR}: by a primitive key first (y0), the comparator only within ties. */
    static void sort(List<Detection> list) {
        int n = list.size();
        if (n < 64) {
            list.sort(COMPARATOR);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(list.get(i).box().y0() + 0.0);
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE); // unsigned order = numeric order
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sortByKey(keys, idx, 0, n);
        Detection[] sorted = new Detection[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = list.get(idx[i]);
        }
        for (int i = 0; i < n;) {
            int j = i + 1;
            while (j < n && keys[j] == keys[i]) {
                j++;
            }
            if (j - i > 1) {
                Arrays.sort(sorted, i, j, COMPARATOR);
            }
            i = j;
        }
        for (int i = 0; i < n; i++) {
            list.set(i, sorted[i]);
        }
    }

    /** Sorts keys[from,to) ascending, moving idx along (LSD radix sort on 16-bit digits). */
    private static void sortByKey(long[] keys, int[] idx, int from, int to) {
        int n = to - from;
        long[] k2 = new long[n];
        int[] i2 = new int[n];
        long[] ka = keys;
        int[] ia = idx;
        long[] kb = k2;
        int[] ib = i2;
        int[] count = new int[65537];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((ka[i] >>> shift) & 0xFFFF) + 1]++;
            }
            if (count[(int) ((ka[0] >>> shift) & 0xFFFF) + 1] == n) {
                continue;
            }
            for (int d = 0; d < 65536; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int d = (int) ((ka[i] >>> shift) & 0xFFFF);
                int p = count[d]++;
                kb[p] = ka[i];
                ib[p] = ia[i];
            }
            long[] tk = ka;
            ka = kb;
            kb = tk;
            int[] ti = ia;
            ia = ib;
            ib = ti;
        }
        if (ka != keys) {
            System.arraycopy(ka, 0, keys, 0, n);
            System.arraycopy(ia, 0, idx, 0, n);
        }
    }
}
