package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scene of any size, read window by window: a GeoTIFF (or BigTIFF), a PNG or a JPEG (told apart by
 * their first bytes, not their names), the latter two georeferenced by the files beside them.
 *
 * <p>A GeoTIFF or BigTIFF Opening reads only the header,
 * the first image directory and the georeferencing; {@link #read} then decodes just the tiles or
 * strips a window touches (through a small shared cache of decoded blocks, {@value #DEFAULT_CACHE_MB}
 * MB by default), so a read costs in proportion to the window, not to the scene.
 *
 * <p>Seamline decodes uncompressed, LZW, Deflate and PackBits blocks itself (horizontal and
 * floating-point predictors, either byte order, tiles or strips, pixel- or band-interleaved,
 * sparse blocks read as nodata); JPEG-compressed TIFFs go through the JDK's {@code javax.imageio}
 * TIFF reader. Pixel coordinates are scene pixels, (0,0) the top-left pixel (DESIGN.md).
 *
 * <p>A PNG (8 or 16 bits; grey, palette, grey+alpha, RGB, RGBA; interlaced too) is decoded by Seamline
 * row by row in the order the tile sweep reads it, holding the rows of about two bands of tiles in a
 * temporary file, not the heap (an interlaced one is decoded whole, up to a quarter of the heap); a JPEG (baseline or progressive, grey or
 * YCbCr) is decoded whole by the JDK's libjpeg, up to a quarter of the heap. Their georeferencing comes
 * from an {@code .aux.xml}, a world file and a {@code .prj}, as GDAL finds them ({@link #files()} lists
 * those used).
 *
 * <p>A TIFF, BigTIFF or COG at an {@code http://} or {@code https://} URL ({@link ScenePaths#of}) is read in
 * place by range requests through the same directory parser, block decoders and block cache: a window's
 * missing blocks are fetched together, neighbours in one request ({@link #transfers()} counts them);
 * docs/inputs.md, "Scenes over HTTP(S)", says what is retried and what is refused.
 *
 * <p>Every malformed or unsupported file fails with a {@link BadInputException} whose one-line message
 * names the file and the problem. A scene is safe for concurrent {@link #read} calls; close it when
 * done.
 *
 * <p>Why one class of this length: it is the one public face of every scene format — opening and
 * validating the file, its georeferencing and sidecars, and the windowed read that joins the block
 * cache, the codecs and the de-interleave — whose package-private parts (the TIFF directory, block
 * codecs and cache, GeoKeys, the PNG and JPEG decoders, the sidecar readers) hold the format detail.
 */
public final class Scene implements RasterSource {

    /** Decoded-block cache size when none is given, MB (GDAL's block cache in the read benchmark is 64 MB). */
    public static final int DEFAULT_CACHE_MB = 64;

    private static final long MAX_BLOCK_BYTES = 64L << 20;
    private static final Object SPARSE = new Object();
    /** Per-thread direct buffer for compressed block bytes: the file is read straight into it, and libdeflate reads it. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));

    private final Path path;
    /** The PNG's or JPEG's file; null for a TIFF. */
    private final FileChannel channel;
    /** The TIFF's bytes, a local file or a URL; null for a PNG or JPEG. */
    private final ByteSource source;
    /** The pixels of a PNG or JPEG; null for a TIFF. */
    private final ImagePixels image;
    /** What a PNG's or JPEG's sidecar files say; null for a TIFF. */
    private final Sidecars.Found sidecars;
    private final int width, height, bands;
    private final SampleType sampleType;
    private final Compression compression;
    private final BlockLayout layout;
    private final ByteOrder order;
    private final int predictor;
    private final long[] offsets, byteCounts;
    private final int blocksAcross, blocksDown;
    private final Double nodata;
    private final GeoKeys.Parsed geoKeys;
    private Georeferencing georeferencing;
    private boolean georeferencingBuilt;
    private final boolean bigTiff;
    private final BlockCache cache;
    private final java.util.concurrent.atomic.AtomicLong blocksDecoded = new java.util.concurrent.atomic.AtomicLong();
    private final JpegTiffReader jpeg;

    private Scene(Path path, ByteSource source, TiffDirectory dir, long cacheBytes, boolean buildCrs)
            throws BadInputException, IOException {
        this.path = path;
        this.channel = null;
        this.source = source;
        this.image = null;
        this.sidecars = null;
        this.order = dir.order();
        this.bigTiff = dir.isBigTiff();
        long w = dir.scalar(TiffDirectory.IMAGE_WIDTH, -1), h = dir.scalar(TiffDirectory.IMAGE_LENGTH, -1);
        if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE - 1 || h > Integer.MAX_VALUE - 1) {
            throw new BadInputException(path, "absurd dimensions " + w + " x " + h);
        }
        width = (int) w;
        height = (int) h;
        long spp = dir.scalar(TiffDirectory.SAMPLES_PER_PIXEL, 1);
        if (spp <= 0) {
            throw new BadInputException(path, "has no bands (SamplesPerPixel " + spp + ")");
        }
        if (spp > 65535) {
            throw new BadInputException(path, "absurd band count " + spp);
        }
        bands = (int) spp;
        sampleType = sampleType(dir, bands);
        int code = (int) dir.scalar(TiffDirectory.COMPRESSION, 1);
        Compression c = Compression.ofCode(code);
        if (c == null) {
            throw new BadInputException(path, "unsupported compression " + Compression.describe(code));
        }
        compression = c;
        predictor = (int) dir.scalar(TiffDirectory.PREDICTOR, 1);
        if (predictor < 1 || predictor > 3) {
            throw new BadInputException(path, "unsupported predictor " + predictor);
        }
        int photometric = (int) dir.scalar(TiffDirectory.PHOTOMETRIC, 1);
        if (photometric == 6 && c != Compression.JPEG) {
            throw new BadInputException(path, "unsupported YCbCr pixels without JPEG compression");
        }
        boolean planar = dir.scalar(TiffDirectory.PLANAR_CONFIG, 1) == 2 && bands > 1;
        boolean tiled = dir.has(TiffDirectory.TILE_WIDTH) || dir.has(TiffDirectory.TILE_OFFSETS);
        long bw, bh;
        if (tiled) {
            bw = dir.scalar(TiffDirectory.TILE_WIDTH, -1);
            bh = dir.scalar(TiffDirectory.TILE_LENGTH, -1);
        } else {
            bw = width;
            bh = Math.min(dir.scalar(TiffDirectory.ROWS_PER_STRIP, height), height);
        }
        if (bw <= 0 || bh <= 0 || bw * bh * (planar ? 1 : bands) * sampleType.bytes() > MAX_BLOCK_BYTES) {
            throw new BadInputException(path, "absurd " + (tiled ? "tile" : "strip") + " size " + bw + " x " + bh);
        }
        layout = new BlockLayout(tiled, (int) bw, (int) bh, planar);
        blocksAcross = (int) ((width + bw - 1) / bw);
        blocksDown = (int) ((height + bh - 1) / bh);
        long expected = (long) blocksAcross * blocksDown * (planar ? bands : 1);
        int offTag = tiled ? TiffDirectory.TILE_OFFSETS : TiffDirectory.STRIP_OFFSETS;
        int cntTag = tiled ? TiffDirectory.TILE_BYTE_COUNTS : TiffDirectory.STRIP_BYTE_COUNTS;
        long found = dir.count(offTag);
        if (found != expected || dir.count(cntTag) != expected) {
            throw new BadInputException(path, found != expected
                    ? "absurd dimensions " + width + " x " + height + ": they need " + expected + " blocks, the file has "
                            + (found < 0 ? "no block offsets" : found)
                    : "corrupt block byte counts (" + dir.count(cntTag) + " for " + expected + " blocks)");
        }
        offsets = dir.longs(offTag);
        byteCounts = dir.longs(cntTag);
        long size = dir.fileSize();
        for (int i = 0; i < offsets.length; i++) {
            if (byteCounts[i] < 0 || offsets[i] < 0 || offsets[i] > size - byteCounts[i]
                    || byteCounts[i] > Integer.MAX_VALUE - 16) {
                throw new BadInputException(path, (tiled ? "tile " : "strip ") + i + " lies past the end of the file (offset "
                        + offsets[i] + " + " + byteCounts[i] + " bytes, file has " + size + "): truncated or corrupt");
            }
        }
        String nd = dir.ascii(TiffDirectory.GDAL_NODATA);
        Double nodataValue = null;
        if (nd != null && !nd.isBlank()) {
            try {
                nodataValue = Double.parseDouble(nd.strip());
            } catch (NumberFormatException e) {
                String s = nd.strip().toLowerCase(java.util.Locale.ROOT);
                nodataValue = s.equals("nan") ? Double.NaN : null;
            }
        }
        nodata = nodataValue;
        if (c == Compression.JPEG) {
            if (sampleType != SampleType.UINT8) {
                throw new BadInputException(path, "unsupported JPEG compression of " + sampleType.gdalName() + " samples");
            }
            if (bigTiff) {
                throw new BadInputException(path, "unsupported JPEG-compressed BigTIFF");
            }
            if (source.remote()) {
                throw new BadInputException(path, "a JPEG-compressed TIFF is read only from a local file: download it");
            }
            jpeg = new JpegTiffReader(path);
        } else {
            jpeg = null;
            if (c == Compression.DEFLATE) {
                LibDeflate.available(); // loads libdeflate through JNA (0.3 s, once per process) now, not on the first read
            }
        }
        cache = new BlockCache(cacheBytes);
        geoKeys = GeoKeys.parse(dir);
        if (buildCrs) {
            georeferencing = geoKeys == null ? null : GeoKeys.build(geoKeys);
            georeferencingBuilt = true;
        }
    }

    /** A PNG or JPEG scene: its pixels, its size and type, and what its sidecar files say. */
    private Scene(Path path, FileChannel channel, ImagePixels image, int width, int height, int bands, SampleType type,
            Double nodata, Sidecars.Found sidecars, boolean buildCrs) throws BadInputException {
        this.path = path;
        this.channel = channel;
        this.source = null;
        this.image = image;
        this.sidecars = sidecars;
        this.width = width;
        this.height = height;
        this.bands = bands;
        this.sampleType = type;
        this.nodata = sidecars.nodata() != null ? sidecars.nodata() : nodata;
        this.compression = Compression.NONE;
        this.layout = new BlockLayout(false, width, image instanceof PngImage ? 1 : height, false);
        this.order = ByteOrder.BIG_ENDIAN;
        this.predictor = 1;
        this.offsets = new long[0];
        this.byteCounts = new long[0];
        this.blocksAcross = 1;
        this.blocksDown = 1;
        this.geoKeys = null;
        this.bigTiff = false;
        this.cache = new BlockCache(0);
        this.jpeg = null;
        if (buildCrs) {
            georeferencing = imageGeoreferencing();
            georeferencingBuilt = true;
        }
    }

    /** A PNG's or JPEG's georeferencing from its sidecars, or null without a geotransform and a CRS. */
    private Georeferencing imageGeoreferencing() throws BadInputException {
        if (sidecars.grid() == null || sidecars.crsWkt() == null) {
            return null;
        }
        Georeferencing g;
        try {
            double[] gt = sidecars.grid().toArray();
            int[] m = sidecars.axisMapping();
            if (m != null && m[0] >= 1 && m[0] <= 2) {
                org.opengis.referencing.crs.CoordinateReferenceSystem declared = org.apache.sis.referencing.CRS.fromWKT(sidecars.crsWkt());
                if (declared.getCoordinateSystem().getDimension() == 2) {
                    org.opengis.referencing.cs.AxisDirection d = declared.getCoordinateSystem().getAxis(m[0] - 1).getDirection();
                    if (d == org.opengis.referencing.cs.AxisDirection.NORTH || d == org.opengis.referencing.cs.AxisDirection.SOUTH) {
                        gt = new double[] {gt[3], gt[4], gt[5], gt[0], gt[1], gt[2]}; // x is a northing: rows to east/north
                    }
                }
            }
            g = Georeferencing.of(sidecars.crsWkt(), gt);
        } catch (org.opengis.util.FactoryException e) {
            throw new BadInputException(sidecars.crsFile(), "unknown or malformed CRS (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(sidecars.crsFile(), GeoKeys.oneLine(e.getMessage()), e);
        }
        GeoKeys.checkOnEarth(new GeoKeys.Parsed(sidecars.gridFile(), null, sidecars.grid(), width, height), g);
        return g;
    }

    private static SampleType sampleType(TiffDirectory dir, int bands) throws BadInputException, IOException {
        long[] bits = dir.longs(TiffDirectory.BITS_PER_SAMPLE);
        long[] fmt = dir.longs(TiffDirectory.SAMPLE_FORMAT);
        long b = bits == null || bits.length == 0 ? 1 : bits[0];
        long f = fmt == null || fmt.length == 0 ? 1 : fmt[0];
        if (bits != null) {
            for (long v : bits) {
                if (v != b) {
                    throw new BadInputException(dir.path(), "unsupported mixed bit depths " + Arrays.toString(bits));
                }
            }
        }
        SampleType t = null;
        if (f == 1 || f == 4) {
            t = b == 8 ? SampleType.UINT8 : b == 16 ? SampleType.UINT16 : b == 32 ? SampleType.UINT32 : null;
        } else if (f == 2) {
            t = b == 8 ? SampleType.INT8 : b == 16 ? SampleType.INT16 : b == 32 ? SampleType.INT32 : null;
        } else if (f == 3) {
            t = b == 32 ? SampleType.FLOAT32 : b == 64 ? SampleType.FLOAT64 : null;
        }
        if (t == null) {
            throw new BadInputException(dir.path(), "unsupported sample format: " + b + "-bit "
                    + (f == 2 ? "signed" : f == 3 ? "floating point" : f == 1 ? "unsigned" : "format " + f));
        }
        return t;
    }

    /** Opens a scene with the default block cache; see {@link #open(Path, int)}. */
    public static Scene open(Path path) throws SeamlineException {
        return open(path, DEFAULT_CACHE_MB);
    }

    /**
     * Opens a GeoTIFF, BigTIFF, PNG or JPEG (told apart by its first bytes).
     *
     * @param path    the file
     * @param cacheMb size of the shared cache of decoded blocks, MB (0 for none)
     * @throws BadInputException when the file is missing, not a TIFF, truncated, corrupt or unsupported
     * @throws SeamlineException when it cannot be read for another reason (an I/O error)
     */
    public static Scene open(Path path, int cacheMb) throws SeamlineException {
        return open(path, cacheMb, true);
    }

    /**
     * Opens a GeoTIFF for its pixels first: like {@link #open(Path, int)}, GeoKeys checked included,
     * but the CRS is built on the first {@link #georeferencing()} call rather than now, so a reader
     * that needs only pixels never waits for the EPSG database (seconds, once per process). If the
     * CRS then cannot be built, that call throws an {@link IllegalStateException} whose cause is the
     * {@link BadInputException}.
     */
    public static Scene openForPixels(Path path, int cacheMb) throws SeamlineException {
        return open(path, cacheMb, false);
    }

    private static Scene open(Path path, int cacheMb, boolean buildCrs) throws SeamlineException {
        Objects.requireNonNull(path, "path");
        if (ScenePaths.isUrl(path)) {
            return openUrl(path, cacheMb, buildCrs);
        }
        if (Files.isDirectory(path)) {
            throw new BadInputException(path, "is a directory, not a GeoTIFF");
        }
        dev.seamline.core.io.InputFiles.requireRegularFile(path); // a FIFO would block the open forever
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, "no such file");
        } catch (IOException e) {
            throw new BadInputException(path, "cannot be opened (" + e.getMessage() + ")", e);
        }
        try {
            byte[] magic = new byte[8];
            int got = ch.read(ByteBuffer.wrap(magic), 0);
            if (got == 8 && Arrays.equals(magic, PngImage.SIGNATURE)) {
                PngImage png = PngImage.open(path, ch);
                return new Scene(path, ch, png, png.width, png.height, png.bands(), png.sampleType(), png.nodata(),
                        Sidecars.read(path, true), buildCrs);
            }
            if (got >= 3 && (magic[0] & 0xff) == 0xFF && (magic[1] & 0xff) == 0xD8 && (magic[2] & 0xff) == 0xFF) {
                JpegImage jpg = JpegImage.open(path, ch);
                return new Scene(path, ch, jpg, jpg.width, jpg.height, jpg.bands(), SampleType.UINT8, null,
                        Sidecars.read(path, false), buildCrs);
            }
            ByteSource source = ByteSource.of(ch);
            TiffDirectory dir = TiffDirectory.read(path, source);
            return new Scene(path, source, dir, Math.max(0, cacheMb) * (1L << 20), buildCrs);
        } catch (BadInputException e) {
            closeQuietly(ch);
            throw e;
        } catch (java.io.EOFException e) {
            closeQuietly(ch);
            throw new BadInputException(path, "truncated file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new SeamlineException(path + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw new BadInputException(path, "malformed TIFF (" + GeoKeys.oneLine(e.toString()) + ")", e);
        }
    }

    /**
     * A TIFF at a URL, read by range requests ({@link HttpByteSource}); a PNG or JPEG there is refused
     * (they are read whole or by rows, not by ranges), as are sidecar files (none is looked for).
     */
    private static Scene openUrl(Path path, int cacheMb, boolean buildCrs) throws SeamlineException {
        HttpByteSource source;
        try {
            source = HttpByteSource.open(path);
        } catch (java.io.EOFException e) {
            throw new BadInputException(path, "truncated file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SeamlineException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            ByteBuffer magic = ByteBuffer.allocate((int) Math.min(8, source.size()));
            source.readFully(magic, 0);
            byte[] m = magic.array();
            if ((m.length == 8 && Arrays.equals(m, PngImage.SIGNATURE))
                    || (m.length >= 3 && (m[0] & 0xff) == 0xFF && (m[1] & 0xff) == 0xD8 && (m[2] & 0xff) == 0xFF)) {
                throw new BadInputException(path, "a PNG or JPEG is read only from a local file (over HTTP Seamline reads "
                        + "TIFF, BigTIFF and COG by ranges): download it");
            }
            TiffDirectory dir = TiffDirectory.read(path, source);
            return new Scene(path, source, dir, Math.max(0, cacheMb) * (1L << 20), buildCrs);
        } catch (BadInputException e) {
            source.close();
            throw e;
        } catch (java.io.EOFException e) {
            source.close();
            throw new BadInputException(path, "truncated file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            source.close();
            throw new SeamlineException(path + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            source.close();
            throw new BadInputException(path, "malformed TIFF (" + GeoKeys.oneLine(e.toString()) + ")", e);
        }
    }

    /** Requests made and body bytes received reading a URL scene: for benchmarks and diagnostics. */
    public record Transfers(long requests, long bytes) {
    }

    /** What reading this scene over HTTP has cost so far; empty for a local file. */
    public Optional<Transfers> transfers() {
        if (source instanceof HttpByteSource h) {
            HttpByteSource.Counts c = h.counts();
            return Optional.of(new Transfers(c.requests(), c.bytes()));
        }
        return Optional.empty();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return path.getFileName().toString();
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
        return sampleType;
    }

    @Override
    public OptionalDouble nodata() {
        return nodata == null ? OptionalDouble.empty() : OptionalDouble.of(nodata);
    }

    /** Tiles or strips, and their size. */
    BlockLayout blockLayout() {
        return layout;
    }

    /** The compression of the pixel blocks. */
    Compression compression() {
        return compression;
    }

    /** GDAL's name for the file's format: {@code "GTiff"}, {@code "PNG"} or {@code "JPEG"}. */
    public String format() {
        return image == null ? "GTiff" : image instanceof PngImage ? "PNG" : "JPEG";
    }

    /**
     * How the file stores its pixels and how Seamline reads them, one line for {@code seamline info}:
     * "tiles 256x256, DEFLATE, BigTIFF", "PNG, 8-bit RGB, decoded row by row".
     */
    public String storage() {
        return image == null ? layout + ", " + compression + (bigTiff ? ", BigTIFF" : "") : image.describe();
    }

    /**
     * The files the scene was read from, as {@code gdalinfo}'s "Files:" lists them: the scene first,
     * then its {@code .aux.xml} and world file when present, then the {@code .prj} when its CRS is used
     * (which GDAL 3.6 does not read for PNG or JPEG).
     */
    public java.util.List<Path> files() {
        java.util.List<Path> out = new java.util.ArrayList<>();
        out.add(path);
        if (sidecars != null) {
            out.addAll(sidecars.files());
        }
        return java.util.List.copyOf(out);
    }

    /**
     * Why a PNG or JPEG with sidecars has no georeferencing (a world file without a CRS, say), or empty
     * when it has georeferencing, no sidecar at all, or is a TIFF.
     */
    public Optional<String> georeferencingNote() {
        return sidecars == null ? Optional.empty() : Optional.ofNullable(sidecars.missing());
    }

    /** The PNG's or JPEG's decoder, or null for a TIFF; for tests. */
    ImagePixels imagePixels() {
        return image;
    }

    /** True for a BigTIFF (64-bit offsets). */
    public boolean isBigTiff() {
        return bigTiff;
    }

    /**
     * The scene's georeferencing, or empty when the file has none (no GeoKeys, no grid-to-CRS
     * transform, or ground control points only); later stages then produce pixel-only outputs.
     */
    public synchronized Optional<Georeferencing> georeferencing() {
        if (!georeferencingBuilt) {
            try {
                georeferencing = image != null ? imageGeoreferencing() : geoKeys == null ? null : GeoKeys.build(geoKeys);
            } catch (BadInputException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            georeferencingBuilt = true;
        }
        return Optional.ofNullable(georeferencing);
    }

    /** Ground distance of one pixel at the scene's centre in metres, when the scene is georeferenced. */
    public OptionalDouble groundSampleDistance() {
        Georeferencing g = georeferencing().orElse(null);
        if (g == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(g.groundSampleDistance(width / 2.0, height / 2.0, PixelAnchor.CORNER));
    }

    @Override
    public PixelBuffer read(PixelWindow window, int[] bandList) throws SeamlineException {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(bandList, "bands");
        long total = window.pixelCount() * bandList.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("window " + window + " × " + bandList.length + " bands is too large for one buffer");
        }
        Object data = PixelBuffer.newArray(sampleType, (int) total);
        PixelWindow valid = readInto(window, bandList, data);
        return new PixelBuffer(window, valid, bandList.length, sampleType, data);
    }

    /**
     * Reads a window into the caller's array, laid out as {@link PixelBuffer} lays out its samples
     * (band-sequential: band {@code k} of {@code bands}, column x, row y of the window at index
     * {@code k·w·h + y·w + x}), so a caller reading many windows of one size can reuse one array
     * instead of allocating one per window. Every sample of the array is written: parts of the window
     * outside the scene get the nodata value, or 0.
     *
     * @param dest a {@code byte[]}, {@code short[]}, {@code int[]}, {@code float[]} or {@code double[]}
     *             as {@link PixelBuffer#arrayClass} names for {@link #sampleType()}, of exactly
     *             {@code window.pixelCount() × bands.length} samples
     * @return the part of the window inside the scene, scene pixels
     * @throws IllegalArgumentException when a band does not exist or {@code dest} has the wrong type or size
     */
    public PixelWindow readInto(PixelWindow window, int[] bandList, Object dest) throws SeamlineException {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(bandList, "bands");
        Objects.requireNonNull(dest, "dest");
        if (bandList.length == 0) {
            throw new IllegalArgumentException("at least one band must be read");
        }
        for (int b : bandList) {
            if (b < 0 || b >= bands) {
                throw new IllegalArgumentException("band " + b + " does not exist: " + name() + " has " + bands + " bands");
            }
        }
        long total = window.pixelCount() * bandList.length;
        if (dest.getClass() != PixelBuffer.arrayClass(sampleType) || java.lang.reflect.Array.getLength(dest) != total) {
            throw new IllegalArgumentException("a window of " + total + " " + sampleType.gdalName() + " samples needs a "
                    + PixelBuffer.arrayClass(sampleType).getSimpleName() + " of that length, got a "
                    + dest.getClass().getSimpleName() + " of " + java.lang.reflect.Array.getLength(dest));
        }
        PixelWindow valid = window.clip(width, height);
        Object data = dest;
        if (!valid.equals(window)) {
            fill(data, 0, (int) total);
        }
        if (!valid.isEmpty()) {
            try {
                if (image != null) {
                    image.read(valid.x(), valid.y(), valid.width(), valid.height(), bandList, data,
                            (valid.y() - window.y()) * window.width() + (valid.x() - window.x()),
                            window.width(), (int) window.pixelCount());
                } else if (jpeg != null) {
                    jpeg.read(valid.x(), valid.y(), valid.width(), valid.height(), bandList, (byte[]) data,
                            (valid.y() - window.y()) * window.width() + (valid.x() - window.x()),
                            window.width(), (int) window.pixelCount());
                } else {
                    readBlocks(window, valid, bandList, data);
                }
            } catch (BadInputException e) {
                throw e;
            } catch (javax.imageio.IIOException e) {
                throw new BadInputException(path, "corrupt JPEG data (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
            } catch (java.nio.channels.ClosedChannelException e) {
                throw new IllegalStateException(name() + " is closed", e);
            } catch (IOException e) {
                throw new SeamlineException(path + ": read failed (" + e.getMessage() + ")", e);
            } catch (RuntimeException e) {
                if (jpeg != null) {
                    throw new BadInputException(path, "corrupt JPEG data (" + GeoKeys.oneLine(e.toString()) + ")", e);
                }
                throw e;
            }
        }
        return valid;
    }

    /**
     * Copies the window's part of every block it touches. Decoded blocks are band-planar, so each row
     * of each band is one {@code arraycopy}. A block on the window's last block row is marked for the
     * cache as likely to be read again by the next row of windows (unless it is the scene's last row).
     */
    private void readBlocks(PixelWindow window, PixelWindow valid, int[] bandList, Object data) throws SeamlineException, IOException {
        int bw = layout.blockWidth(), bh = layout.blockHeight();
        int bx0 = valid.x() / bw, bx1 = (valid.endX() - 1) / bw;
        int by0 = valid.y() / bh, by1 = (valid.endY() - 1) / bh;
        int ww = window.width();
        int bandStride = (int) window.pixelCount();
        if (source.remote()) {
            prefetch(bx0, bx1, by0, by1, bandList);
        }
        for (int by = by0; by <= by1; by++) {
            int rowStart = Math.max(valid.y(), by * bh), rowEnd = Math.min(valid.endY(), (by + 1) * bh);
            int planeSize = bw * blockRows(by);
            boolean keep = by == by1 && (by + 1) * bh < height;
            for (int bx = bx0; bx <= bx1; bx++) {
                int colStart = Math.max(valid.x(), bx * bw), colEnd = Math.min(valid.endX(), (bx + 1) * bw);
                int n = colEnd - colStart;
                int first = (rowStart - by * bh) * bw + (colStart - bx * bw);
                int dst0 = (rowStart - window.y()) * ww + (colStart - window.x());
                if (layout.planar()) {
                    for (int k = 0; k < bandList.length; k++) {
                        BlockCache.Block block = block((bandList[k] * blocksDown + by) * blocksAcross + bx, by, keep);
                        try {
                            copyRows(block.data, first, bw, data, k * bandStride + dst0, ww, n, rowEnd - rowStart);
                        } finally {
                            cache.release(block);
                        }
                    }
                } else {
                    BlockCache.Block block = block(by * blocksAcross + bx, by, keep);
                    try {
                        for (int k = 0; k < bandList.length; k++) {
                            copyRows(block.data, bandList[k] * planeSize + first, bw, data, k * bandStride + dst0, ww, n,
                                    rowEnd - rowStart);
                        }
                    } finally {
                        cache.release(block);
                    }
                }
            }
        }
    }

    /** Asks a remote source for the compressed bytes of the window's blocks not yet decoded, in as few requests as it can. */
    private void prefetch(int bx0, int bx1, int by0, int by1, int[] bandList) throws SeamlineException, IOException {
        int planes = layout.planar() ? bandList.length : 1;
        long[] offs = new long[(bx1 - bx0 + 1) * (by1 - by0 + 1) * planes], lens = new long[offs.length];
        int n = 0;
        for (int k = 0; k < planes; k++) {
            for (int by = by0; by <= by1; by++) {
                for (int bx = bx0; bx <= bx1; bx++) {
                    int index = layout.planar() ? (bandList[k] * blocksDown + by) * blocksAcross + bx : by * blocksAcross + bx;
                    if (offsets[index] != 0 && byteCounts[index] != 0 && !cache.contains(index)) {
                        offs[n] = offsets[index];
                        lens[n++] = byteCounts[index];
                    }
                }
            }
        }
        if (n > 0) {
            source.prefetch(Arrays.copyOf(offs, n), Arrays.copyOf(lens, n));
        }
    }

    /** Copies {@code rows} rows of {@code n} samples, or fills them with nodata when the block is sparse. */
    private void copyRows(Object block, int src, int srcStride, Object data, int dst, int dstStride, int n, int rows) {
        for (int r = 0; r < rows; r++, src += srcStride, dst += dstStride) {
            if (block == SPARSE) {
                fill(data, dst, dst + n);
            } else {
                System.arraycopy(block, src, data, dst, n);
            }
        }
    }

    /** Rows in block row {@code by}: the block height, less for the last strip of a striped file. */
    private int blockRows(int by) {
        int bh = layout.blockHeight();
        return layout.tiled() ? bh : Math.min(bh, height - by * bh);
    }

    /** The decoded block (band-planar: block width × rows per band, bands one after another) or SPARSE; release it. */
    private BlockCache.Block block(int index, int blockRow, boolean keep) throws SeamlineException {
        try {
            return cache.acquire(index, keep, (key, recycled) -> decode(index, blockRow, recycled));
        } catch (SeamlineException | RuntimeException e) {
            throw e;
        } catch (BlockCodec.CorruptBlockException e) {
            throw new BadInputException(path, (layout.tiled() ? "tile " : "strip ") + index + ": " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new BadInputException(path, "truncated file (" + e.getMessage() + ")", e);
        } catch (Exception e) {
            throw new SeamlineException(path + ": read failed (" + e.getMessage() + ")", e);
        }
    }

    /** How many blocks this scene has decoded so far (cache misses); for tests and diagnostics. */
    long blocksDecoded() {
        return blocksDecoded.get();
    }

    /** The bytes of the cached blocks; for tests. */
    long cachedBytes() {
        return cache.cachedBytes();
    }

    /**
     * Decodes one block into band-planar samples, into {@code recycled} (an evicted block's array) when
     * it has the right type and size. The compressed bytes go from the file into this thread's direct
     * buffer, libdeflate inflates them into its native buffer and they are copied once into this
     * thread's byte array; nothing is allocated per block on that path.
     */
    private Object decode(int index, int blockRow, Object recycled) throws Exception {
        blocksDecoded.incrementAndGet();
        long off = offsets[index], count = byteCounts[index];
        if (off == 0 || count == 0) {
            return SPARSE;
        }
        int bw = layout.blockWidth();
        int rows = blockRows(blockRow);
        int spp = layout.planar() ? 1 : bands;
        int samples = bw * rows * spp;
        int expected = samples * sampleType.bytes();
        int toRead = compression == Compression.NONE ? (int) Math.min(count, expected) : (int) count;
        long maxRatio = switch (compression) {
            case DEFLATE -> 1100; // Deflate expands at most ~1032:1
            case LZW -> 3000;     // a 12-bit code stands for at most 4096 bytes
            case PACKBITS -> 65;  // two bytes for a run of 128
            default -> 0;         // uncompressed: checked when decoded
        };
        if (maxRatio > 0 && (long) expected > count * maxRatio + 4096) {
            throw new BlockCodec.CorruptBlockException(count + " compressed bytes cannot hold the block's " + expected + " bytes");
        }
        if (maxRatio > 0 && count > 2L * expected + 65536) { // no codec doubles its input: a hostile count, refused before it is read
            throw new BlockCodec.CorruptBlockException(count + " compressed bytes for a block of " + expected + " bytes");
        }
        if (compression == Compression.NONE && toRead < expected) { // before allocating for the block (issue 9)
            throw new BlockCodec.CorruptBlockException("block holds " + toRead + " bytes, expected " + expected);
        }
        ByteBuffer buf = READ_BUFFER.get();
        if (buf.capacity() < toRead) {
            buf = ByteBuffer.allocateDirect(Math.max(toRead, buf.capacity() * 2));
            READ_BUFFER.set(buf);
        }
        buf.clear().limit(toRead);
        try {
            source.readFully(buf, off);
        } catch (java.io.EOFException e) {
            throw new java.io.EOFException("block " + index + " ends past the end of the file");
        }
        buf.flip(); // JNA passes a direct buffer's address at its position
        Object dest = recycled != null && recycled.getClass() == PixelBuffer.arrayClass(sampleType)
                && java.lang.reflect.Array.getLength(recycled) == samples ? recycled : PixelBuffer.newArray(sampleType, samples);
        Scratch scratch = SCRATCH.get();
        // one-band 8-bit blocks decompress straight into their own array
        byte[] raw = spp == 1 && sampleType.bytes() == 1 ? (byte[]) dest : scratch.bytes(expected);
        boolean done = false;
        if (compression == Compression.DEFLATE && LibDeflate.AVAILABLE) {
            done = LibDeflate.zlib(buf, toRead, raw, expected); // straight from the direct buffer
        } else if (compression == Compression.NONE) {
            if (toRead < expected) {
                throw new BlockCodec.CorruptBlockException("block holds " + toRead + " bytes, expected " + expected);
            }
            buf.get(0, raw, 0, expected);
            done = true;
        }
        if (!done) {
            byte[] in = new byte[toRead];
            buf.get(0, in, 0, toRead);
            raw = BlockCodec.decompress(compression, in, toRead, expected);
        }
        scratch.typed = BlockCodec.toPlanar(raw, sampleType, order, predictor, bw, rows, spp, dest, scratch.typed);
        return dest;
    }

    /** A thread's reusable arrays for decoding: decompressed bytes, and interleaved samples wider than a byte. */
    private static final class Scratch {
        private byte[] bytes = new byte[0];
        private Object typed;

        byte[] bytes(int n) {
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            return bytes;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Fills [from, to) with the padding value: nodata when it fits the sample type, else 0. */
    private void fill(Object data, int from, int to) {
        double v = nodata == null ? 0 : nodata;
        switch (sampleType) {
            case UINT8, INT8 -> {
                long l = (long) v;
                boolean ok = v == l && (sampleType == SampleType.UINT8 ? l >= 0 && l <= 255 : l >= -128 && l <= 127);
                Arrays.fill((byte[]) data, from, to, ok ? (byte) l : 0);
            }
            case UINT16, INT16 -> {
                long l = (long) v;
                boolean ok = v == l && (sampleType == SampleType.UINT16 ? l >= 0 && l <= 65535 : l >= -32768 && l <= 32767);
                Arrays.fill((short[]) data, from, to, ok ? (short) l : 0);
            }
            case UINT32, INT32 -> {
                long l = (long) v;
                boolean ok = v == l && (sampleType == SampleType.UINT32 ? l >= 0 && l <= 0xFFFFFFFFL
                        : l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE);
                Arrays.fill((int[]) data, from, to, ok ? (int) l : 0);
            }
            case FLOAT32 -> Arrays.fill((float[]) data, from, to, (float) v);
            case FLOAT64 -> Arrays.fill((double[]) data, from, to, v);
        }
    }

    @Override
    public void close() throws SeamlineException {
        cache.clear();
        if (image != null) {
            image.close();
        }
        if (jpeg != null) {
            jpeg.close();
        }
        try {
            if (source != null) {
                source.close();
            } else {
                channel.close();
            }
        } catch (IOException e) {
            throw new SeamlineException(path + ": close failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        if (image != null) {
            return "Scene[" + name() + ", " + width + "x" + height + "x" + bands + " " + sampleType.gdalName() + ", "
                    + image.describe() + (sidecars.grid() == null || sidecars.crsWkt() == null ? ", not georeferenced"
                    : ", georeferenced by " + sidecars.files().size() + " sidecar file(s)") + "]";
        }
        return "Scene[" + name() + ", " + width + "x" + height + "x" + bands + " " + sampleType.gdalName() + ", "
                + layout + ", " + compression + (geoKeys == null ? ", not georeferenced" : ", " + (geoKeys.epsg() == null ? "user-defined CRS" : "EPSG:" + geoKeys.epsg())) + "]";
    }
}
