package dev.seamline.tiling;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.testkit.Rasters;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A UInt16 raster in memory for tests: sample (b, x, y) is {@code value(b, x, y)}, or nodata inside
 * the blank region; counts reads in flight; can fail on chosen windows.
 */
final class InMemoryRaster implements RasterSource {

    final int width;
    final int height;
    final int bands;
    final Integer nodata;
    final PixelWindow blank;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile IntPredicate failOnX = x -> false;
    volatile long delayMillis;
    volatile boolean closed;

    InMemoryRaster(int width, int height, int bands, Integer nodata, PixelWindow blank) {
        this.width = width;
        this.height = height;
        this.bands = bands;
        this.nodata = nodata;
        this.blank = blank;
    }

    static int value(int b, int x, int y) {
        return (b * 7919 + x * 31 + y * 17) % 60000 + 1;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int bandCount() {
        return bands;
    }

    @Override
    public SampleType sampleType() {
        return SampleType.UINT16;
    }

    @Override
    public OptionalDouble nodata() {
        return nodata == null ? OptionalDouble.empty() : OptionalDouble.of(nodata);
    }

    @Override
    public String name() {
        return "memory.tif";
    }

    @Override
    public PixelBuffer read(PixelWindow window, int[] wanted) throws SeamlineException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        reads.incrementAndGet();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (failOnX.test(window.x())) {
                throw new BadInputException("memory.tif: corrupt tile at column " + window.x());
            }
            short fill = (short) (nodata == null ? 0 : nodata);
            return Rasters.buffer(window, window.clip(width, height), wanted, SampleType.UINT16, (b, sx, sy) -> {
                boolean inside = sx >= 0 && sy >= 0 && sx < width && sy < height;
                boolean isBlank = blank != null && sx >= blank.x() && sx < blank.endX() && sy >= blank.y() && sy < blank.endY();
                return inside && !isBlank ? (short) value(b, sx, sy) : fill;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException("interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
