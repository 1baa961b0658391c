package dev.seamline.samples;

/**
 * Value noise on an integer lattice, smooth-step interpolated, and per-pixel white noise: the
 * textures of the ground. Pure functions of the seed and the coordinates, so a pixel's value does not
 * depend on the window it is rendered in. Thread-safe.
 */
final class Noise {

    private Noise() {
    }

    /** A hash of a lattice point to [0, 1). */
    static float lattice(long seed, long i, long j) {
        long h = Rng.finish(seed ^ Rng.finish(i * 0x9E3779B97F4A7C15L + j * 0xC2B2AE3D27D4EB4FL));
        return (h >>> 40) * 0x1.0p-24f;
    }

    /**
     * Value noise of period {@code scale} pixels over a window, written to {@code out} (row-major,
     * {@code w × h}) as values in [0, 1). Lattice values are computed once per window.
     */
    static void fill(long seed, int scale, int x0, int y0, int w, int h, float[] out) {
        long gx0 = Math.floorDiv(x0, scale), gy0 = Math.floorDiv(y0, scale);
        int gw = (int) (Math.floorDiv(x0 + w - 1, scale) - gx0 + 2);
        int gh = (int) (Math.floorDiv(y0 + h - 1, scale) - gy0 + 2);
        float[] grid = new float[gw * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < gw; i++) {
                grid[j * gw + i] = lattice(seed, gx0 + i, gy0 + j);
            }
        }
        float[] sx = new float[w];
        int[] ix = new int[w];
        for (int x = 0; x < w; x++) {
            long px = x0 + x;
            ix[x] = (int) (Math.floorDiv(px, scale) - gx0);
            float t = (Math.floorMod(px, scale) + 0.5f) / scale;
            sx[x] = t * t * (3 - 2 * t);
        }
        for (int y = 0; y < h; y++) {
            long py = y0 + y;
            int iy = (int) (Math.floorDiv(py, scale) - gy0);
            float t = (Math.floorMod(py, scale) + 0.5f) / scale;
            float sy = t * t * (3 - 2 * t);
            int row = y * w, g0 = iy * gw, g1 = g0 + gw;
            for (int x = 0; x < w; x++) {
                int i = ix[x];
                float a = grid[g0 + i], b = grid[g0 + i + 1], c = grid[g1 + i], d = grid[g1 + i + 1];
                float top = a + (b - a) * sx[x], bottom = c + (d - c) * sx[x];
                out[row + x] = top + (bottom - top) * sy;
            }
        }
    }

    /** White noise of one pixel, in [0, 1). */
    static float white(long seed, int x, int y) {
        int h = (int) Rng.finish(seed + (((long) x) << 32 | (y & 0xFFFFFFFFL)));
        return (h >>> 8) * 0x1.0p-24f;
    }
}
