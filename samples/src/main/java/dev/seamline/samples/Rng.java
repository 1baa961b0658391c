package dev.seamline.samples;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014),
 * written out here so that a seed gives the same scene on every JVM forever. Not thread-safe: each
 * cell of a scene makes its own from {@link #mix}.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A well-mixed 64-bit hash of the values: the seed of one cell's or one lattice point's generator. */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h = finish(h ^ finish(v + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return finish(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, n). */
    int nextInt(int n) {
        return (int) ((nextLong() >>> 33) % n);
    }

    /** Uniform in [lo, hi], both included. */
    int rangeInt(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    int pick(int[] items) {
        return items[nextInt(items.length)];
    }
}
