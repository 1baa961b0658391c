package dev.seamline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class IndexSortTest {

    /** The reference: the JDK's stable sort of the boxed indices. */
    private static int[] reference(int[] a, int from, int to, IntBinaryOperator cmp) {
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = a[i];
        }
        Arrays.sort(boxed, cmp::applyAsInt);
        int[] out = a.clone();
        for (int i = from; i < to; i++) {
            out[i] = boxed[i - from];
        }
        return out;
    }

    @Test
    void equalsTheJdksStableSortWithManyTiesAndPresortedRuns() {
        Random rnd = new Random(11);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 31, 32, 33, 64, 100, 257, 1000, 4099}) {
            for (int trial = 0; trial < 20; trial++) {
                int distinct = 1 + rnd.nextInt(trial % 2 == 0 ? 4 : 10_000);
                int[] key = new int[n];
                for (int i = 0; i < n; i++) {
                    // some trials ascending or descending runs, the others random keys: many ties either way
                    key[i] = trial % 5 == 1 ? i / 7 : trial % 5 == 2 ? (n - i) / 5 : rnd.nextInt(distinct);
                }
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = i;
                }
                // shuffled indices: stability is then visible as the order of equal keys' indices
                for (int i = n - 1; i > 0 && trial % 5 >= 3; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
                IntBinaryOperator byKey = (x, y) -> Integer.compare(key[x], key[y]);
                int from = n > 4 && trial % 3 == 0 ? 2 : 0;
                int to = n > 4 && trial % 3 == 0 ? n - 1 : n;
                int[] expected = reference(a, from, to, byKey);
                IndexSort.sort(a, from, to, byKey);
                assertArrayEquals(expected, a, "n " + n + " trial " + trial);
            }
        }
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> IndexSort.sort(new int[3], 1, 4, Integer::compare));
    }
}
