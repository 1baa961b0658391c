package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.seamline.core.ObjectClass;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.Georeferencer;
import dev.seamline.geo.PixelAnchor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/**
 * {@code <stem>.stac.json}: a STAC 1.0.0 Item describing one scene's detections, with the label
 * extension v1.0.1 ({@code label:type} vector, {@code label:tasks} detection, the catalog as
 * {@code label:classes}, counts per class in {@code label:overviews}) and MLM-named model fields. The
 * geometry is the scene's footprint: its four corners at the pixel CORNER anchor taken to WGS84, a
 * closed counter-clockwise ring, {@code bbox} their extent (edges between corners are not densified);
 * a scene without georeferencing gets {@code "geometry": null} and no {@code bbox}, as STAC allows.
 * Only counts are held, one per class; the item is written on {@link #prepare()}. Not thread-safe.
 */
final class StacSink extends TextSink {

    /** The label extension's schema URI, as {@code stac_extensions} lists it. */
    static final String LABEL_EXTENSION = "https://stac-extensions.github.io/label/v1.0.1/schema.json";

    private final SceneProvenance provenance;
    private final Set<OutputFormat> formats;
    private final boolean quicklook;
    private final long[] counts;

    StacSink(OutputContext context, Path target, SceneProvenance provenance, Set<OutputFormat> formats,
            boolean quicklook) throws IOException {
        super(context, target);
        this.provenance = provenance;
        this.formats = formats;
        this.quicklook = quicklook;
        int max = -1;
        for (ObjectClass c : context.classes().classes()) {
            max = Math.max(max, c.id());
        }
        this.counts = new long[max + 1];
        start();
    }

    @Override
    void write(PlacedDetection p) {
        int id = p.detection().classId();
        if (id >= 0 && id < counts.length) {
            counts[id]++;
        }
    }

    @Override
    void end() throws IOException {
        JsonGenerator g = GeoJsonSink.JSON.createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("stac_version", "1.0.0");
        g.writeArrayFieldStart("stac_extensions");
        g.writeString(LABEL_EXTENSION);
        g.writeEndArray();
        g.writeStringField("id", context.stem());
        writeGeometry(g);
        writeProperties(g);
        writeLinks(g);
        writeAssets(g);
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private void writeGeometry(JsonGenerator g) throws IOException {
        Georeferencing geo = context.georeferencing().orElse(null);
        if (geo == null) {
            g.writeNullField("geometry");
            return;
        }
        double w = context.sceneWidth(), h = context.sceneHeight();
        double[][] px = {{0, 0}, {0, h}, {w, h}, {w, 0}};
        double[] ring = new double[10];
        for (int i = 0; i < 4; i++) {
            double[] ll = geo.pixelToLonLat(px[i][0], px[i][1], PixelAnchor.CORNER);
            ring[2 * i] = ll[0];
            ring[2 * i + 1] = ll[1];
        }
        ring[8] = ring[0];
        ring[9] = ring[1];
        Georeferencer.orientCounterClockwise(ring);
        double minLon = Double.POSITIVE_INFINITY, minLat = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 8; i += 2) {
            minLon = Math.min(minLon, ring[i]);
            maxLon = Math.max(maxLon, ring[i]);
            minLat = Math.min(minLat, ring[i + 1]);
            maxLat = Math.max(maxLat, ring[i + 1]);
        }
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        g.writeStartArray();
        for (int i = 0; i < ring.length; i += 2) {
            g.writeArray(ring, i, 2);
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("bbox");
        g.writeNumber(minLon);
        g.writeNumber(minLat);
        g.writeNumber(maxLon);
        g.writeNumber(maxLat);
        g.writeEndArray();
    }

    private void writeProperties(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("properties");
        g.writeStringField("datetime", DateTimeFormatter.ISO_INSTANT.format(itemTime()));
        g.writeStringField("label:type", "vector");
        g.writeArrayFieldStart("label:tasks");
        g.writeString("detection");
        g.writeEndArray();
        g.writeArrayFieldStart("label:methods");
        g.writeString("automated");
        g.writeEndArray();
        g.writeArrayFieldStart("label:properties");
        g.writeString("class");
        g.writeEndArray();
        g.writeStringField("label:description", "objects detected by Seamline"
                + (provenance.modelName().isEmpty() ? "" : " with the model " + provenance.modelName())
                + " in " + context.sceneFileName());
        g.writeArrayFieldStart("label:classes");
        g.writeStartObject();
        g.writeStringField("name", "class");
        g.writeArrayFieldStart("classes");
        for (ObjectClass c : context.classes().classes()) {
            g.writeString(c.name());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("label:overviews");
        g.writeStartObject();
        g.writeStringField("property_key", "class");
        g.writeArrayFieldStart("counts");
        for (ObjectClass c : context.classes().classes()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeNumberField("count", counts[c.id()]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        if (!provenance.modelName().isEmpty()) {
            g.writeStringField("mlm:name", provenance.modelName());
        }
        if (!provenance.architecture().isEmpty()) {
            g.writeStringField("mlm:architecture", provenance.architecture());
            g.writeStringField("mlm:framework", framework(provenance.architecture()));
        }
        g.writeArrayFieldStart("mlm:tasks");
        g.writeString("object-detection");
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeLinks(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("links");
        if (provenance.scene().isPresent()) {
            Path scene = provenance.scene().get();
            g.writeStartObject();
            g.writeStringField("rel", "source");
            g.writeStringField("href", href(scene));
            String name = scene.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".tif") || name.endsWith(".tiff")) {
                g.writeStringField("type", "image/tiff; application=geotiff");
            }
            g.writeStringField("title", context.sceneFileName());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeAssets(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("assets");
        for (OutputFormat f : formats) {
            if (f == OutputFormat.STAC) {
                continue;
            }
            g.writeObjectFieldStart(f.name().toLowerCase(Locale.ROOT));
            g.writeStringField("href", href(f.target(context)));
            g.writeStringField("type", mediaType(f));
            g.writeArrayFieldStart("roles");
            g.writeString("data");
            if (f == OutputFormat.GEOJSON || f == OutputFormat.GPKG) {
                g.writeString("labels");
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        if (quicklook) {
            g.writeObjectFieldStart("quicklook");
            g.writeStringField("href", href(context.outDir().resolve(context.stem() + ".quicklook.png")));
            g.writeStringField("type", "image/png");
            g.writeArrayFieldStart("roles");
            g.writeString("overview");
            g.writeEndArray();
            g.writeEndObject();
        }
        if (provenance.weights().isPresent()) {
            g.writeObjectFieldStart("model");
            g.writeStringField("href", href(provenance.weights().get()));
            g.writeStringField("title", provenance.modelName());
            if (!provenance.weightsSha256().isEmpty()) {
                g.writeStringField("file:checksum", "1220" + provenance.weightsSha256()); // multihash sha2-256
            }
            g.writeArrayFieldStart("roles");
            g.writeString("mlm:model");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * A path as an href: relative to the item ({@code ./…}) inside the output folder, which travels
     * with it; an absolute {@code file:} URI outside it (the scene, the model).
     */
    private String href(Path p) {
        Path base = context.outDir().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(base)) {
            return "./" + base.relativize(abs).toString().replace(java.io.File.separatorChar, '/');
        }
        return abs.toUri().toString();
    }

    private static String mediaType(OutputFormat f) {
        return switch (f) {
            case GEOJSON -> "application/geo+json";
            case GPKG -> "application/geopackage+sqlite3";
            case CSV -> "text/csv";
            case COCO, STAC -> "application/json";
            case XVIEW, DOTA, SAFE_PASSAGE -> "text/plain";
            case GEOPARQUET -> "application/vnd.apache.parquet";
        };
    }

    private static String framework(String architecture) {
        if (architecture.startsWith("builtin:")) {
            return "seamline";
        }
        return architecture.equalsIgnoreCase("onnx") ? "ONNX" : "PyTorch";
    }

    /**
     * The item's {@code datetime}: when its labels were made, i.e. now (seconds), or the
     * reproducible-builds {@code SOURCE_DATE_EPOCH} when set, as the GeoPackage's time of last change.
     */
    static Instant itemTime() {
        String v = System.getenv("SOURCE_DATE_EPOCH");
        if (v != null && v.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
