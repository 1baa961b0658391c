package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * GeoParquet 1.1 ({@code geoparquet/<stem>.parquet}, one file per scene; the folder is the run's
 * dataset), written by the small {@link ParquetWriter}: one row per detection with
 * {@code scene_id} (the stem), {@code class}, {@code class_id}, {@code score}, the pixel box
 * {@code x0 y0 x1 y1} (scene pixels), {@code geometry} (WKB polygon, WGS84 lon/lat = OGC:CRS84, the
 * GeoJSON's footprint, closed and counter-clockwise), the {@code bbox} covering struct (xmin ymin xmax
 * ymax, degrees), {@code geometry_scene} (the same polygon, WKB, in the scene CRS, easting first),
 * {@code scene_crs} ({@code EPSG:<code>} or the CRS's WKT), {@code model} and {@code model_sha256}.
 * Without georeferencing the four map columns are null. The {@code geo} key holds the 1.1 metadata
 * (primary column, WKB, geometry types, orientation, file bbox, covering). Not thread-safe.
 */
final class GeoParquetSink implements BandSink {

    /**
     * Encoded bytes per row group (~400 detections): what a scene's sink holds at most, so that its
     * memory does not grow with the scene (BoundedMemoryTest), at ~1 KB of footer per row group.
     */
    static final int ROW_GROUP_BYTES = 128 << 10;

    static final List<ParquetWriter.Column> COLUMNS = List.of(
            new ParquetWriter.Column(null, "scene_id", ParquetWriter.Kind.STRING, false),
            new ParquetWriter.Column(null, "class", ParquetWriter.Kind.STRING, false),
            new ParquetWriter.Column(null, "class_id", ParquetWriter.Kind.INT32, false),
            new ParquetWriter.Column(null, "score", ParquetWriter.Kind.DOUBLE, false),
            new ParquetWriter.Column(null, "x0", ParquetWriter.Kind.DOUBLE, false),
            new ParquetWriter.Column(null, "y0", ParquetWriter.Kind.DOUBLE, false),
            new ParquetWriter.Column(null, "x1", ParquetWriter.Kind.DOUBLE, false),
            new ParquetWriter.Column(null, "y1", ParquetWriter.Kind.DOUBLE, false),
            new ParquetWriter.Column(null, "geometry", ParquetWriter.Kind.BINARY, true),
            new ParquetWriter.Column("bbox", "xmin", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column("bbox", "ymin", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column("bbox", "xmax", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column("bbox", "ymax", ParquetWriter.Kind.DOUBLE, true),
            new ParquetWriter.Column(null, "geometry_scene", ParquetWriter.Kind.BINARY, true),
            new ParquetWriter.Column(null, "scene_crs", ParquetWriter.Kind.STRING, true),
            new ParquetWriter.Column(null, "model", ParquetWriter.Kind.STRING, true),
            new ParquetWriter.Column(null, "model_sha256", ParquetWriter.Kind.STRING, true));

    private final OutputContext context;
    private final PartFile part;
    private final OutputStream out;
    private final ParquetWriter writer;
    private final String sceneCrs;
    private final double[] extent = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private boolean prepared;
    private boolean committed;
    private boolean closed;

    GeoParquetSink(OutputContext context, Path target) throws IOException {
        this.context = context;
        this.part = PartFile.create(target);
        OutputStream o = null;
        ParquetWriter w = null;
        try {
            o = new BufferedOutputStream(part.stream(), 1 << 16);
            w = new ParquetWriter(o, COLUMNS, ROW_GROUP_BYTES);
        } finally {
            if (w == null) {
                if (o != null) {
                    o.close();
                }
                part.abort();
            }
        }
        this.out = o;
        this.writer = w;
        this.sceneCrs = context.georeferencing().map(GeoParquetSink::crsName).orElse(null);
    }

    private static String crsName(Georeferencing g) {
        return g.epsg().isPresent() ? "EPSG:" + g.epsg().getAsInt() : g.wkt();
    }

    @Override
    public void accept(List<PlacedDetection> band) throws IOException {
        check();
        for (PlacedDetection p : band) {
            Detection d = p.detection();
            Box b = d.box();
            byte[] wgs84 = null, scene = null;
            Double xmin = null, ymin = null, xmax = null, ymax = null;
            if (p.footprint() != null) {
                double[] ll = p.footprint().lonLat();
                wgs84 = wkbPolygon(ll);
                scene = wkbPolygon(p.footprint().crs());
                double[] e = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.NEGATIVE_INFINITY};
                for (int i = 0; i < ll.length; i += 2) {
                    e[0] = Math.min(e[0], ll[i]);
                    e[1] = Math.min(e[1], ll[i + 1]);
                    e[2] = Math.max(e[2], ll[i]);
                    e[3] = Math.max(e[3], ll[i + 1]);
                }
                xmin = e[0];
                ymin = e[1];
                xmax = e[2];
                ymax = e[3];
                extent[0] = Math.min(extent[0], e[0]);
                extent[1] = Math.min(extent[1], e[1]);
                extent[2] = Math.max(extent[2], e[2]);
                extent[3] = Math.max(extent[3], e[3]);
            }
            writer.row(context.stem(), context.classes().nameOf(d.classId()), d.classId(), d.score(),
                    b.x0(), b.y0(), b.x1(), b.y1(), wgs84, xmin, ymin, xmax, ymax, scene,
                    scene == null ? null : sceneCrs, context.model(), context.modelSha256());
        }
    }

    /** A closed ring {@code x0,y0,x1,y1,…} as a little-endian WKB Polygon (ISO type 3, one ring). */
    static byte[] wkbPolygon(double[] ring) {
        int n = ring.length / 2;
        ByteBuffer bb = ByteBuffer.allocate(1 + 4 + 4 + 4 + 16 * n).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 1).putInt(3).putInt(1).putInt(n);
        for (double v : ring) {
            bb.putDouble(v);
        }
        return bb.array();
    }

    /** The GeoParquet 1.1 {@code geo} metadata of this file. */
    private String geoMetadata() throws IOException {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = GeoJsonSink.JSON.createGenerator(s)) {
            g.writeStartObject();
            g.writeStringField("version", "1.1.0");
            g.writeStringField("primary_column", "geometry");
            g.writeObjectFieldStart("columns");
            g.writeObjectFieldStart("geometry");
            g.writeStringField("encoding", "WKB");
            g.writeArrayFieldStart("geometry_types");
            boolean any = extent[0] <= extent[2];
            if (any) {
                g.writeString("Polygon");
            }
            g.writeEndArray();
            g.writeStringField("orientation", "counterclockwise");
            if (any) {
                g.writeArrayFieldStart("bbox");
                for (double v : extent) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeObjectFieldStart("covering");
            g.writeObjectFieldStart("bbox");
            for (String f : new String[] {"xmin", "ymin", "xmax", "ymax"}) {
                g.writeArrayFieldStart(f);
                g.writeString("bbox");
                g.writeString(f);
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
        return s.toString();
    }

    @Override
    public void prepare() throws IOException {
        check();
        writer.finish(Map.of("geo", geoMetadata()));
        out.close();
        part.sync();
        prepared = true;
    }

    @Override
    public void commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : "closed"));
        }
        if (!prepared) {
            prepare();
        }
        part.commit();
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next
            } finally {
                part.abort();
            }
        }
    }

    private void check() {
        if (prepared || committed || closed) {
            throw new IllegalStateException(part.target + ": sink already "
                    + (committed ? "committed" : prepared ? "prepared" : "closed"));
        }
    }
}
