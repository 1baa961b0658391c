package dev.seamline.eval;

import java.util.Arrays;

/**
 * The position of an id in a sorted array of ids (as {@code Arrays.binarySearch} finds it): a table lookup when the ids span a range
 * of at most about four times their count (COCO's image and category ids usually do), else a binary
 * search. Immutable and thread-safe.
 */
final class IdIndex {

    private final long[] ids;
    private final long min;
    /** Position + 1 of each id in [min, min + table.length), 0 where none; null: binary search. */
    private final int[] table;

    /** An index of {@code sortedIds} (ascending; not copied, not to be changed). */
    IdIndex(long[] sortedIds) {
        this.ids = sortedIds;
        int n = sortedIds.length;
        long span = n == 0 ? 0 : sortedIds[n - 1] - sortedIds[0] + 1;
        int[] t = null;
        if (n > 0 && span > 0 && span <= 4L * n + 1024) {
            t = new int[(int) span];
            for (int i = 0; i < n && t != null; i++) {
                int o = (int) (sortedIds[i] - sortedIds[0]);
                if (t[o] != 0) {
                    t = null; // a repeated id: the binary search's answer, whichever copy it finds
                } else {
                    t[o] = i + 1;
                }
            }
        }
        min = n > 0 ? sortedIds[0] : 0;
        table = t;
    }

    /** The position of {@code id}, or a negative number when it is not one of the ids. */
    int indexOf(long id) {
        if (table == null) {
            return Arrays.binarySearch(ids, id);
        }
        long o = id - min;
        return o >= 0 && o < table.length ? table[(int) o] - 1 : -1;
    }
}
