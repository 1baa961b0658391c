package dev.seamline.cli;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.geo.Scene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seamline bench}: measurements of Seamline's own hot paths, each a subcommand printing one
 * JSON line that a reference tool prints too, so the two can be run side by side.
 */
@Command(name = "bench", description = "Measure Seamline's hot paths against reference tools.",
        subcommands = {
            BenchCommand.Read.class,
            BenchDetectCommand.class,
            BenchMergeCommand.class,
        })
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a bench subcommand is required (see seamline bench --help)");
    }

    /**
     * {@code seamline bench read SCENE [--tile 1024] [--overlap 128] [--threads N] [--cache-mb 64]}:
     * reads every tile window of a scene once, on the grid of {@code shared/tools/gdal_read_bench.py}
     * (windows start at 0 and step by tile − overlap; the last one in each direction is moved back to
     * end at the edge; a scene smaller than a tile is read whole), N threads taking windows in turn.
     * Prints {@code {"reader", "tiles", "seconds", "megapixelsPerSecond", "checksum", "threads",
     * "cacheMb", "openSeconds"}}; checksum is the sum of every sample read (all windows, all bands)
     * modulo 2^64, as that tool computes it, so equal checksums mean equal pixels. {@code seconds}
     * covers the reads; opening the scene is reported apart as {@code openSeconds} (the scene is
     * opened for pixels: its CRS, which needs the EPSG database, is never built). Each thread reads into
     * one array of its own, reused for every window ({@link Scene#readInto}), as a streaming reader would.
     */
    @Command(name = "read", description = "Read every tile window of a scene once; print time and checksum as JSON "
            + "(compare with shared/tools/gdal_read_bench.py).")
    static final class Read implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SCENE", converter = ScenePathConverter.class,
                description = "The GeoTIFF to read: a file, or an http(s):// URL.")
        Path scene;

        @Option(names = "--tile", defaultValue = "1024", description = "Window size in pixels (default ${DEFAULT-VALUE}).")
        int tile;

        @Option(names = "--overlap", defaultValue = "128", description = "Overlap between windows in pixels "
                + "(default ${DEFAULT-VALUE}).")
        int overlap;

        @Option(names = "--threads", description = "Reader threads (default: all cores).")
        Integer threads;

        @Option(names = "--cache-mb", defaultValue = "64", description = "Decoded-block cache, MB (default ${DEFAULT-VALUE}, "
                + "as gdal_read_bench.py's GDAL_CACHEMAX).")
        int cacheMb;

        static List<Integer> starts(int size, int tile, int step) {
            List<Integer> out = new ArrayList<>();
            if (size <= tile) {
                out.add(0);
                return out;
            }
            for (int s = 0; s < size - tile; s += step) {
                out.add(s);
            }
            out.add(size - tile);
            return out;
        }

        @Override
        public Integer call() throws Exception {
            if (tile <= 0 || overlap < 0 || overlap >= tile) {
                throw new ParameterException(spec.commandLine(), "need tile > 0 and 0 <= overlap < tile, got tile "
                        + tile + ", overlap " + overlap);
            }
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (n < 1 || n > 1024) {
                throw new ParameterException(spec.commandLine(), "--threads must be 1..1024, got " + n);
            }
            long t0 = System.nanoTime();
            try (Scene s = Scene.openForPixels(scene, Math.max(0, cacheMb))) {
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                int step = tile - overlap;
                List<PixelWindow> windows = new ArrayList<>();
                for (int y : starts(s.height(), tile, step)) {
                    for (int x : starts(s.width(), tile, step)) {
                        windows.add(new PixelWindow(x, y, Math.min(tile, s.width()), Math.min(tile, s.height())));
                    }
                }
                int[] allBands = java.util.stream.IntStream.range(0, s.bandCount()).toArray();
                long samples = windows.get(0).pixelCount() * allBands.length;
                if (samples > Integer.MAX_VALUE - 16) {
                    throw new ParameterException(spec.commandLine(), "--tile " + tile + " makes windows of " + samples
                            + " samples, more than one array holds");
                }
                Reading r = readWindows(s, windows, n);
                double seconds = r.seconds();
                long checksum = r.checksum(), px = r.pixels();
                String transfers = s.transfers().map(t -> String.format(Locale.ROOT, ", \"requests\": %d, \"bytesFetched\": %d",
                        t.requests(), t.bytes())).orElse("");
                spec.commandLine().getOut().println(String.format(Locale.ROOT,
                        "{\"reader\": \"seamline\", \"tiles\": %d, \"seconds\": %.4f, \"megapixelsPerSecond\": %.3f, "
                                + "\"checksum\": %s, \"threads\": %d, \"cacheMb\": %d, \"openSeconds\": %.4f%s}",
                        windows.size(), seconds, px / seconds / 1e6, Long.toUnsignedString(checksum), n, cacheMb,
                        openSeconds, transfers));
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }

        /**
         * The timed part of {@code bench read}: every window read once ({@link Scene#readInto}, all bands)
         * and summed, {@code threads} threads taking windows in turn, each into one array of its own.
         */
        static Reading readWindows(Scene s, List<PixelWindow> windows, int threads) throws Exception {
            int n = threads;
            int[] allBands = java.util.stream.IntStream.range(0, s.bandCount()).toArray();
            long samples = windows.stream().mapToLong(PixelWindow::pixelCount).max().orElse(0) * allBands.length;
            long start = System.nanoTime();
            long[] sums = new long[n];
            long[] pixels = new long[n];
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int worker = k;
                    jobs.add(pool.submit(() -> {
                        // one array per thread, filled window after window (Scene.readInto)
                        Object data = PixelBuffer.newArray(s.sampleType(), (int) samples);
                        for (int i = worker; i < windows.size(); i += n) {
                            PixelWindow w = windows.get(i);
                            PixelWindow valid = s.readInto(w, allBands, data);
                            sums[worker] += sum(new PixelBuffer(w, valid, allBands.length, s.sampleType(), data));
                            pixels[worker] += w.pixelCount();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : jobs) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof SeamlineException se) {
                            throw se;
                        }
                        throw e;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            long checksum = 0, px = 0;
            for (int k = 0; k < n; k++) {
                checksum += sums[k];
                px += pixels[k];
            }
            return new Reading((System.nanoTime() - start) / 1e9, checksum, px);
        }

        /** What {@link #readWindows} measured: seconds, the checksum of every sample, the pixels read. */
        record Reading(double seconds, long checksum, long pixels) {
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;

        /**
         * Sum of unsigned bytes, eight at a time: each long is split into two sets of four 16-bit lanes,
         * accumulated for up to 128 longs (lanes stay below 2^16), then the lanes are added up.
         */
        static long sumUnsignedBytes(byte[] a) {
            long total = 0;
            int i = 0, n8 = a.length & ~7;
            while (i < n8) {
                long lanes = 0;
                for (int end = Math.min(n8, i + 128 * 8); i < end; i += 8) {
                    long v = (long) LONGS.get(a, i);
                    lanes += (v & LOW_BYTES) + ((v >>> 8) & LOW_BYTES);
                }
                total += (lanes & 0xFFFF) + ((lanes >>> 16) & 0xFFFF) + ((lanes >>> 32) & 0xFFFF) + (lanes >>> 48);
            }
            for (; i < a.length; i++) {
                total += a[i] & 0xFF;
            }
            return total;
        }

        /** Sum of the samples as numpy's {@code sum(dtype='uint64')} computes it: integers wrap modulo 2^64. */
        static long sum(PixelBuffer b) {
            long s = 0;
            Object d = b.data();
            SampleType t = b.sampleType();
            switch (t) {
                case UINT8 -> s = sumUnsignedBytes((byte[]) d);
                case INT8 -> {
                    for (byte v : (byte[]) d) {
                        s += v;
                    }
                }
                case UINT16 -> {
                    for (short v : (short[]) d) {
                        s += v & 0xFFFF;
                    }
                }
                case INT16 -> {
                    for (short v : (short[]) d) {
                        s += v;
                    }
                }
                case UINT32 -> {
                    for (int v : (int[]) d) {
                        s += v & 0xFFFFFFFFL;
                    }
                }
                case INT32 -> {
                    for (int v : (int[]) d) {
                        s += v;
                    }
                }
                case FLOAT32 -> {
                    for (float v : (float[]) d) {
                        s += (long) v;
                    }
                }
                case FLOAT64 -> {
                    for (double v : (double[]) d) {
                        s += (long) v;
                    }
                }
            }
            return s;
        }
    }
}
