package dev.seamline.tiling.merge;

import java.util.Arrays;

/** A growable int array: the overlap index's pair list. Not thread-safe. */
final class IntList {
    int[] data = new int[16];
    int size;

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }
}
