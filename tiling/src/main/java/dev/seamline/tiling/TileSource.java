package dev.seamline.tiling;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Streams the tiles of a {@link RasterSource} in the row-major order of a {@link TileGrid}, reading
 * and decoding up to {@link Options#queueCapacity()} tiles ahead on {@link Options#threads()} threads.
 *
 * <p>Back-pressure: a tile is read only when fewer than {@code queueCapacity} tiles are waiting for the
 * consumer (or being read), so memory holds at most that many tiles whatever the consumer's speed.
 * Tiles whose every sample (every band) equals the raster's nodata value are delivered as skipped,
 * without pixels ({@link TileData#isSkipped()}). A read error is thrown by the {@link #next()} that
 * would have returned the tile; {@link #close()} cancels reads ahead and stops the threads (it does
 * not close the raster, which the caller owns).
 *
 * <p>One consumer thread: {@code next()} and {@code close()} are not meant to be called concurrently.
 */
public final class TileSource implements AutoCloseable {

    /**
     * How a {@link TileSource} reads.
     *
     * <p>Immutable and thread-safe.
     *
     * @param threads       reading threads, ≥ 1
     * @param queueCapacity tiles read ahead of the consumer at most, ≥ 1
     * @param skipNodata    deliver tiles that are entirely nodata as skipped (a raster without a
     *                      nodata value never skips)
     */
    public record Options(int threads, int queueCapacity, boolean skipNodata) implements Serializable {

        /** @throws IllegalArgumentException for fewer than one thread or a capacity below one */
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
            }
        }

        /** {@code threads} reading threads, twice as many tiles ahead, nodata tiles skipped. */
        public static Options of(int threads) {
            return new Options(threads, 2 * threads, true);
        }
    }

    private final RasterSource raster;
    private final TileGrid grid;
    private final Options options;
    private final ExecutorService pool;
    /** The indexes of the tiles to deliver, increasing; null for every tile of the grid. */
    private final int[] included;
    private final int total;
    private final ArrayDeque<Future<TileData>> ahead = new ArrayDeque<>();
    private int nextToRead;
    private int delivered;
    private boolean closed;

    private TileSource(RasterSource raster, TileGrid grid, Options options, int[] included) {
        this.raster = Objects.requireNonNull(raster, "raster");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.options = Objects.requireNonNull(options, "options");
        this.included = included;
        this.total = included == null ? grid.size() : included.length;
        if (grid.sceneWidth() != raster.width() || grid.sceneHeight() != raster.height()) {
            throw new IllegalArgumentException("grid is for a " + grid.sceneWidth() + " x " + grid.sceneHeight()
                    + " scene but " + raster.name() + " is " + raster.width() + " x " + raster.height());
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "seamline-tile-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(options.threads(), daemons);
    }

    /** Opens a stream of the tiles of {@code grid} over {@code raster}; reading starts at the first {@link #next()} or {@link #prefetch()}. */
    public static TileSource open(RasterSource raster, TileGrid grid, Options options) {
        return new TileSource(raster, grid, options, null);
    }

    /**
     * Opens a stream of the tiles of {@code grid} whose index {@code include} accepts, in row-major
     * order; the others are neither read nor delivered. {@link #hasNext()} and {@link #next()} count
     * the included tiles only.
     */
    public static TileSource open(RasterSource raster, TileGrid grid, Options options, IntPredicate include) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(include, "include");
        return new TileSource(raster, grid, options, java.util.stream.IntStream.range(0, grid.size()).filter(include)
                .toArray());
    }

    /** The grid the tiles come from. */
    public TileGrid grid() {
        return grid;
    }

    /** True while tiles remain to be delivered. */
    public boolean hasNext() {
        return !closed && delivered < total;
    }

    /**
     * The next tile in row-major order, read or skipped.
     *
     * @throws SeamlineException      when reading the tile failed (the raster's own exception)
     * @throws NoSuchElementException when every tile has been delivered
     * @throws IllegalStateException  after {@link #close()}
     */
    public TileData next() throws SeamlineException {
        if (closed) {
            throw new IllegalStateException("tile source is closed");
        }
        if (delivered >= total) {
            throw new NoSuchElementException("all " + total + " tiles delivered");
        }
        readAhead();
        Future<TileData> head = ahead.poll();
        delivered++;
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException(raster.name() + ": interrupted while reading tiles", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("tile source is closed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SeamlineException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SeamlineException(raster.name() + ": reading a tile failed: " + cause, cause);
        }
    }

    /**
     * True when a tile remains and {@link #next()} would return it without waiting for its read: a
     * consumer with other work to do (a forward pass ready to run) does that first.
     */
    public boolean nextIsReady() {
        if (!hasNext()) {
            return false;
        }
        readAhead();
        Future<TileData> head = ahead.peek();
        return head != null && head.isDone();
    }

    /**
     * Starts reading the first tiles ahead (up to the queue capacity) without delivering one, so that the
     * first {@link #next()} finds them read: what a run does with the next scene while the current one is
     * inferred. Like the rest of the class, call it from the thread that takes the tiles (or before
     * handing the source to it through a queue).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void prefetch() {
        if (closed) {
            throw new IllegalStateException("tile source is closed");
        }
        readAhead();
    }

    private void readAhead() {
        while (ahead.size() < options.queueCapacity() && nextToRead < total) {
            int index = included == null ? nextToRead : included[nextToRead];
            nextToRead++;
            Tile tile = grid.tile(index);
            ahead.add(pool.submit(() -> read(tile)));
        }
    }

    private TileData read(Tile tile) throws SeamlineException {
        PixelBuffer pixels = raster.read(tile.window());
        if (options.skipNodata() && allNodata(pixels, raster.nodata())) {
            return new TileData(tile, null);
        }
        return new TileData(tile, pixels);
    }

    /** True when every sample of the buffer equals {@code nodata} (NaN matches NaN). */
    static boolean allNodata(PixelBuffer b, OptionalDouble nodata) {
        if (nodata.isEmpty()) {
            return false;
        }
        double nd = nodata.getAsDouble();
        Object data = b.data();
        switch (b.sampleType()) {
            case UINT8, INT8 -> {
                if (nd != Math.rint(nd)) {
                    return false;
                }
                byte v = (byte) (long) nd;
                if (b.sampleType() == SampleType.UINT8 ? (nd < 0 || nd > 255) : (nd < -128 || nd > 127)) {
                    return false;
                }
                for (byte x : (byte[]) data) {
                    if (x != v) {
                        return false;
                    }
                }
                return true;
            }
            case UINT16, INT16 -> {
                if (nd != Math.rint(nd)) {
                    return false;
                }
                if (b.sampleType() == SampleType.UINT16 ? (nd < 0 || nd > 65535) : (nd < -32768 || nd > 32767)) {
                    return false;
                }
                short v = (short) (long) nd;
                for (short x : (short[]) data) {
                    if (x != v) {
                        return false;
                    }
                }
                return true;
            }
            case UINT32, INT32 -> {
                if (nd != Math.rint(nd)) {
                    return false;
                }
                if (b.sampleType() == SampleType.UINT32 ? (nd < 0 || nd > 4294967295.0)
                        : (nd < Integer.MIN_VALUE || nd > Integer.MAX_VALUE)) {
                    return false;
                }
                int v = (int) (long) nd;
                for (int x : (int[]) data) {
                    if (x != v) {
                        return false;
                    }
                }
                return true;
            }
            case FLOAT32 -> {
                float v = (float) nd;
                boolean nan = Float.isNaN(v);
                for (float x : (float[]) data) {
                    if (nan ? !Float.isNaN(x) : x != v) {
                        return false;
                    }
                }
                return true;
            }
            case FLOAT64 -> {
                boolean nan = Double.isNaN(nd);
                for (double x : (double[]) data) {
                    if (nan ? !Double.isNaN(x) : x != nd) {
                        return false;
                    }
                }
                return true;
            }
            default -> throw new AssertionError(b.sampleType());
        }
    }

    /**
     * Cancels the reads ahead and stops the reading threads, waiting for reads already running to end
     * (a read cannot be torn down midway), so that no thread touches the raster once this returns and
     * the caller may close it. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Future<TileData> f : ahead) {
            f.cancel(true);
        }
        ahead.clear();
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
