package dev.seamline.geo.write;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.GridTransform;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.opengis.referencing.crs.GeographicCRS;

/**
 * Streams a tiled GeoTIFF to disk: DEFLATE-compressed tiles of Byte or UInt16 samples, 1 to 256
 * bands, pixel-interleaved, classic TIFF or BigTIFF, georeferenced with GeoKeys. Memory holds only
 * the tiles in flight and the tile offset table (16 bytes a tile), whatever the image size.
 *
 * <p>Tiles may come in any order, one at a time ({@link #writeTile}, safe to call from many
 * threads: each caller compresses its own tile) or a row at a time ({@link #writeRow}, compressed in
 * parallel, stored in column order). A tile's bytes land in the file in the order the calls complete,
 * so the same calls in the same order give a byte-identical file. The file is written to a temporary
 * file next to the target and moved into place atomically by {@link #finish()}; {@link #close()}
 * without {@code finish()} deletes it, so a failed run leaves nothing behind.
 *
 * <pre>{@code
 * try (GeoTiffWriter w = GeoTiffWriter.create(path, layout, GeoTiffOptions.defaults().withGeoreferencing(g))) {
 *     for (int row = 0; row < layout.tileRows(); row++) {
 *         w.writeRow(row, renderRow(row));
 *     }
 *     w.finish();
 * }
 * }</pre>
 *
 * <p>Layout choices, all GDAL defaults for a tiled GTiff: pixel interleaving (PlanarConfiguration 1,
 * one compressed block per tile holding every band, so a window read decompresses each tile once),
 * Photometric RGB for 3 or 4 Byte bands and MinIsBlack otherwise, further bands as unspecified
 * ExtraSamples, little-endian, the directory after the tile data. BigTIFF follows
 * {@link GeoTiffOptions.BigTiff}: under {@code AUTO} it is chosen up front when the uncompressed
 * tiles could pass 4 GiB.
 *
 * <p>Georeferencing: a north-up grid is stored as ModelPixelScale + ModelTiepoint, a rotated one as
 * ModelTransformation; raster type PixelIsArea (the geotransform's origin is the corner of the first
 * pixel, as in GDAL). A CRS with an EPSG code is stored as ProjectedCSTypeGeoKey (or
 * GeographicTypeGeoKey for a geographic CRS); a CRS without one as user-defined (32767) with its WKT in
 * GTCitationGeoKey as {@code "ESRI PE String = <WKT>"}, the form GDAL reads back into the same CRS.
 *
 * <p>Why one class of this length: the streaming tile order, the offsets and byte-count tables that
 * are patched when the file closes and the atomic commit depend on each other's state; the parts that
 * stand alone (the tile layout, the IFD encoding, the options) are {@link GeoTiffLayout}, {@link Ifd}
 * and {@link GeoTiffOptions}.
 */
public final class GeoTiffWriter implements Closeable {

    private static final long CLASSIC_LIMIT = 0xFFFF_FFFFL;

    private final Path target;
    private final AtomicFile file;
    private final GeoTiffLayout layout;
    private final GeoTiffOptions options;
    private final boolean big;
    private final FileChannel channel;
    private final long[] offsets;
    private final long[] counts;
    private long end;
    private long written;
    private boolean finished;
    private boolean closed;

    private GeoTiffWriter(Path target, AtomicFile file, FileChannel channel, GeoTiffLayout layout, GeoTiffOptions options,
            boolean big) {
        this.target = target;
        this.file = file;
        this.channel = channel;
        this.layout = layout;
        this.options = options;
        this.big = big;
        long n = layout.tileCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many tiles: " + n);
        }
        this.offsets = new long[(int) n];
        this.counts = new long[(int) n];
        this.end = big ? 16 : 8;
    }

    /**
     * Starts writing {@code path} (through a temporary file in the same folder).
     *
     * @throws IllegalArgumentException when the nodata value is not a value of the sample type
     * @throws SeamlineException        when the temporary file cannot be created
     */
    public static GeoTiffWriter create(Path path, GeoTiffLayout layout, GeoTiffOptions options) throws SeamlineException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(options, "options");
        if (options.nodata().isPresent()) {
            double v = options.nodata().getAsDouble();
            double max = layout.sampleType() == SampleType.UINT8 ? 255 : 65535;
            if (v != Math.rint(v) || v < 0 || v > max) {
                throw new IllegalArgumentException("nodata " + v + " is not a " + layout.sampleType().gdalName() + " value");
            }
        }
        boolean big = switch (options.bigTiff()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> layout.uncompressedBytes() + layout.tileCount() * 16 + (1 << 20) > CLASSIC_LIMIT;
        };
        AtomicFile file = null;
        try {
            file = AtomicFile.open(path);
            FileChannel ch = FileChannel.open(file.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            GeoTiffWriter w = new GeoTiffWriter(file.target(), file, ch, layout, options, big);
            ch.write(ByteBuffer.wrap(w.header(0)), 0);
            return w;
        } catch (IOException e) {
            if (file != null) {
                file.abort();
            }
            throw new SeamlineException(path + ": cannot start writing (" + e.getMessage() + ")", e);
        }
    }

    /** The layout being written. */
    public GeoTiffLayout layout() {
        return layout;
    }

    /** True when the file is BigTIFF. */
    public boolean isBigTiff() {
        return big;
    }

    /**
     * Writes tile (col, row). The buffer must hold the layout's band count and sample type and cover
     * the tile's part of the image ({@link GeoTiffLayout#tileWindow} clipped to the image); it may
     * be larger. Samples of the tile outside the image are stored as nodata (or 0). Thread-safe.
     *
     * @throws IllegalArgumentException for a tile outside the grid, or a buffer that does not fit
     * @throws IllegalStateException    when the tile was already written or the writer is finished
     * @throws SeamlineException        on an I/O error, or when a classic TIFF would pass 4 GiB
     */
    public void writeTile(int col, int row, PixelBuffer tile) throws SeamlineException {
        byte[] compressed = compress(col, row, tile);
        append(col, row, compressed);
    }

    /**
     * Writes a whole row of tiles, {@code tiles.get(c)} being tile (c, row): they are compressed in
     * parallel and stored in column order, so the file does not depend on thread timing.
     *
     * @throws IllegalArgumentException when the list does not hold one buffer per tile column
     */
    public void writeRow(int row, List<PixelBuffer> tiles) throws SeamlineException {
        if (tiles.size() != layout.tileColumns()) {
            throw new IllegalArgumentException("row " + row + " needs " + layout.tileColumns() + " tiles, got " + tiles.size());
        }
        List<byte[]> compressed = IntStream.range(0, tiles.size()).parallel()
                .mapToObj(c -> compress(c, row, tiles.get(c))).toList();
        for (int c = 0; c < compressed.size(); c++) {
            append(c, row, compressed.get(c));
        }
    }

    /**
     * Completes the file: checks that every tile was written, writes the directory, forces the data
     * to disk and moves the temporary file onto the target atomically.
     *
     * @throws IllegalStateException when tiles are missing
     * @throws SeamlineException     on an I/O error
     */
    public synchronized void finish() throws SeamlineException {
        if (finished || closed) {
            throw new IllegalStateException("writer already " + (finished ? "finished" : "closed"));
        }
        if (written != offsets.length) {
            throw new IllegalStateException((offsets.length - written) + " of " + offsets.length + " tiles were never written");
        }
        try {
            long at = (end + 7) & ~7L;
            byte[] ifd = directory().encode(at);
            if (!big && at + ifd.length > CLASSIC_LIMIT) {
                throw tooBig();
            }
            channel.write(ByteBuffer.wrap(ifd), at);
            channel.write(ByteBuffer.wrap(header(at)), 0);
            channel.close();
            file.commit(); // synced, then renamed (atomically where the file system can)
            finished = true;
        } catch (IOException e) {
            throw new SeamlineException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Releases the file; without a successful {@link #finish()}, deletes the temporary file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
            file.abort();
        }
    }

    // ---- tiles -------------------------------------------------------------------------------

    private byte[] compress(int col, int row, PixelBuffer tile) {
        PixelWindow window = layout.tileWindow(col, row);
        PixelWindow real = window.clip(layout.width(), layout.height());
        Objects.requireNonNull(tile, "tile");
        if (tile.bandCount() != layout.bandCount() || tile.sampleType() != layout.sampleType()) {
            throw new IllegalArgumentException("tile (" + col + ", " + row + ") has " + tile.bandCount() + " "
                    + tile.sampleType() + " bands, the image " + layout.bandCount() + " " + layout.sampleType());
        }
        if (!real.isInside(tile.window())) {
            throw new IllegalArgumentException("tile (" + col + ", " + row + ") needs pixels " + real + ", the buffer covers "
                    + tile.window());
        }
        int tw = layout.tileWidth(), bands = layout.bandCount();
        int bytes = layout.sampleType().bytes();
        byte[] raw = new byte[layout.tileBytes()];
        fillNodata(raw);
        int bw = tile.width(), bh = tile.height(), plane = bw * bh;
        int ox = real.x() - tile.window().x(), oy = real.y() - tile.window().y();
        if (bytes == 1) {
            byte[] src = tile.asBytes();
            for (int y = 0; y < real.height(); y++) {
                int d = y * tw * bands;
                int s = (oy + y) * bw + ox;
                for (int x = 0; x < real.width(); x++, s++) {
                    for (int b = 0; b < bands; b++) {
                        raw[d++] = src[b * plane + s];
                    }
                }
            }
        } else {
            short[] src = tile.asShorts();
            for (int y = 0; y < real.height(); y++) {
                int d = y * tw * bands * 2;
                int s = (oy + y) * bw + ox;
                for (int x = 0; x < real.width(); x++, s++) {
                    for (int b = 0; b < bands; b++) {
                        short v = src[b * plane + s];
                        raw[d++] = (byte) v;
                        raw[d++] = (byte) (v >>> 8);
                    }
                }
            }
        }
        return deflate(raw);
    }

    private void fillNodata(byte[] raw) {
        long v = (long) options.nodata().orElse(0);
        if (v == 0) {
            return;
        }
        if (layout.sampleType() == SampleType.UINT8) {
            Arrays.fill(raw, (byte) v);
        } else {
            for (int i = 0; i < raw.length; i += 2) {
                raw[i] = (byte) v;
                raw[i + 1] = (byte) (v >>> 8);
            }
        }
    }

    private byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(options.deflateLevel());
        try {
            d.setInput(raw);
            d.finish();
            byte[] out = new byte[raw.length / 2 + 64];
            int n = 0;
            while (!d.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    private synchronized void append(int col, int row, byte[] data) throws SeamlineException {
        if (finished || closed) {
            throw new IllegalStateException("writer already " + (finished ? "finished" : "closed"));
        }
        int index = row * layout.tileColumns() + col;
        if (counts[index] != 0) {
            throw new IllegalStateException("tile (" + col + ", " + row + ") written twice");
        }
        if (!big && end + data.length > CLASSIC_LIMIT) {
            throw tooBig();
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            long at = end;
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
        } catch (IOException e) {
            throw new SeamlineException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        offsets[index] = end;
        counts[index] = data.length;
        end += data.length;
        written++;
    }

    private SeamlineException tooBig() {
        return new SeamlineException(target + ": the file would pass 4 GiB, which classic TIFF cannot hold; "
                + "write it as BigTIFF");
    }

    // ---- structure ---------------------------------------------------------------------------

    private byte[] header(long firstIfd) {
        ByteBuffer b = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I');
        if (big) {
            b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(firstIfd);
        } else {
            b.putShort((short) 42).putInt((int) firstIfd);
        }
        return b.array();
    }

    private Ifd directory() {
        Ifd ifd = new Ifd(big);
        int bands = layout.bandCount();
        int bits = layout.sampleType().bytes() * 8;
        boolean rgb = layout.sampleType() == SampleType.UINT8 && (bands == 3 || bands == 4);
        ifd.longs(256, layout.width());
        ifd.longs(257, layout.height());
        ifd.shorts(258, repeat(bits, bands));
        ifd.shorts(259, 8); // Adobe DEFLATE
        ifd.shorts(262, rgb ? 2 : 1);
        ifd.shorts(277, bands);
        ifd.shorts(284, 1);
        ifd.longs(322, layout.tileWidth());
        ifd.longs(323, layout.tileHeight());
        ifd.offsets(324, offsets);
        ifd.offsets(325, counts);
        int extra = bands - (rgb ? 3 : 1);
        if (extra > 0) {
            ifd.shorts(338, repeat(0, extra));
        }
        ifd.shorts(339, repeat(1, bands));
        options.georeferencing().ifPresent(g -> geoTags(ifd, g));
        options.nodata().ifPresent(v -> ifd.ascii(42113, formatNodata(v)));
        return ifd;
    }

    private static String formatNodata(double v) {
        return Long.toString((long) v); // an integer in the sample type's range, checked by create
    }

    private static void geoTags(Ifd ifd, Georeferencing g) {
        GridTransform t = g.gridTransform();
        if (t.isRotated()) {
            ifd.doubles(34264, t.pixelWidth(), t.rowRotation(), 0, t.originX(),
                    t.columnRotation(), t.pixelHeight(), 0, t.originY(), 0, 0, 0, 0, 0, 0, 0, 1);
        } else {
            ifd.doubles(33550, t.pixelWidth(), -t.pixelHeight(), 0);
            ifd.doubles(33922, 0, 0, 0, t.originX(), t.originY(), 0);
        }
        boolean geographic = g.crs() instanceof GeographicCRS;
        List<int[]> keys = new ArrayList<>();
        String ascii = "";
        keys.add(new int[] {1024, 0, 1, geographic ? 2 : 1}); // GTModelTypeGeoKey
        keys.add(new int[] {1025, 0, 1, 1});                   // GTRasterTypeGeoKey: PixelIsArea
        if (g.epsg().isPresent()) {
            keys.add(new int[] {geographic ? 2048 : 3072, 0, 1, g.epsg().getAsInt()});
        } else {
            ascii = "ESRI PE String = " + wkt1(g) + "|";
            keys.add(new int[] {1026, 34737, ascii.length(), 0}); // GTCitationGeoKey
            keys.add(new int[] {geographic ? 2048 : 3072, 0, 1, 32767});
        }
        keys.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] dir = new int[4 + 4 * keys.size()];
        dir[0] = 1;
        dir[1] = 1;
        dir[2] = 0;
        dir[3] = keys.size();
        for (int i = 0; i < keys.size(); i++) {
            System.arraycopy(keys.get(i), 0, dir, 4 + 4 * i, 4);
        }
        ifd.shorts(34735, dir);
        if (!ascii.isEmpty()) {
            ifd.ascii(34737, ascii);
        }
    }

    /** The CRS as one-line WKT 1, the flavour of an ESRI PE string. */
    private static String wkt1(Georeferencing g) {
        WKTFormat f = new WKTFormat();
        f.setConvention(Convention.WKT1_COMMON_UNITS);
        f.setIndentation(WKTFormat.SINGLE_LINE);
        return f.format(AbstractCRS.castOrCopy(g.crs()));
    }

    private static int[] repeat(int value, int n) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
