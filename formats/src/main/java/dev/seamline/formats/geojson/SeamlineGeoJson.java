package dev.seamline.formats.geojson;

import dev.seamline.core.io.Printable;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.JsonInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Seamline's own detection output: an RFC 7946 GeoJSON FeatureCollection in WGS84 (longitude,
 * latitude), one Feature per detection.
 *
 * <pre>
 * {"type": "FeatureCollection",
 *  "features": [{"type": "Feature",
 *    "geometry": {"type": "Polygon", "coordinates": [[[lon, lat], … 5 positions, counter-clockwise]]},
 *    "properties": {"image": "scene.tif", "class": "small-vehicle", "class_id": 3, "score": 0.93,
 *                   "pixel_box": [x0, y0, x1, y1],
 *                   "pixel_polygon": [x1, y1, x2, y2, x3, y3, x4, y4]}}]}   (pixel_polygon only for oriented boxes)
 * </pre>
 *
 * The polygon is the detection's box (its oriented box when there is one) with every corner taken
 * through the scene's georeferencing at the pixel CORNER; the exterior ring is closed and
 * counter-clockwise in lon/lat. {@code pixel_box} and {@code pixel_polygon} are scene pixels,
 * (0,0) the top-left corner of the top-left pixel, [x0,x1) × [y0,y1), no "+1": what the metrics
 * score. Coordinates are written with every digit Java keeps (shortest round-trip form).
 */
public final class SeamlineGeoJson {

    private SeamlineGeoJson() {
    }

    /** Scene pixel (corner convention) → WGS84 {lon, lat}, degrees; supplied by the georeferencer. */
    @FunctionalInterface
    public interface PixelToLonLat {
        /** Longitude and latitude of pixel position (x, y). */
        double[] lonLat(double x, double y);
    }

    /**
     * One feature as read back. Immutable and thread-safe.
     *
     * @param image     the image (scene) the detection belongs to, "" when absent
     * @param detection the detection in scene pixels (class id from {@code class_id}, or from the catalog by name)
     * @param className the class name
     */
    public record Feature(String image, Detection detection, String className) {
        /** Checks for nulls. */
        public Feature {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(detection, "detection");
            Objects.requireNonNull(className, "className");
        }
    }

    /**
     * Writes a detection's {@code "properties"} member as this format defines it (image, class,
     * class_id, score, pixel_box, and pixel_polygon for an oriented box): the one place that knows
     * them, for this class's writer and for streaming writers elsewhere.
     */
    public static void writeProperties(JsonGenerator g, String image, Detection d, ClassCatalog catalog)
            throws IOException {
        g.writeObjectFieldStart("properties");
        g.writeStringField("image", image);
        g.writeStringField("class", catalog.nameOf(d.classId()));
        g.writeNumberField("class_id", d.classId());
        g.writeNumberField("score", d.score());
        Box b = d.box();
        g.writeArrayFieldStart("pixel_box");
        g.writeNumber(b.x0());
        g.writeNumber(b.y0());
        g.writeNumber(b.x1());
        g.writeNumber(b.y1());
        g.writeEndArray();
        if (d.isOriented()) {
            g.writeArrayFieldStart("pixel_polygon");
            for (double v : d.oriented().corners()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Writes detections of one image, atomically.
     *
     * @param catalog    names the classes
     * @param toLonLat   the scene's pixel → WGS84 transform (pixel corners)
     */
    public static void write(Path file, String image, List<Detection> detections, ClassCatalog catalog, PixelToLonLat toLonLat)
            throws IOException {
        AtomicFile.write(file, out -> {
            try (JsonGenerator g = JsonInput.MAPPER.getFactory().createGenerator(out)) {
                writeCollectionStart(g);
                for (Detection d : detections) {
                    double[] px = d.isOriented() ? d.oriented().corners() : d.box().corners();
                    double[][] ring = new double[5][];
                    for (int i = 0; i < 4; i++) {
                        ring[i] = toLonLat.lonLat(px[2 * i], px[2 * i + 1]);
                    }
                    if (signedArea(ring) < 0) { // make the exterior ring counter-clockwise (RFC 7946)
                        double[] t = ring[1];
                        ring[1] = ring[3];
                        ring[3] = t;
                    }
                    ring[4] = ring[0];
                    double[] flat = new double[10];
                    for (int i = 0; i < 5; i++) {
                        flat[2 * i] = ring[i][0];
                        flat[2 * i + 1] = ring[i][1];
                    }
                    writeFeature(g, flat, image, d, catalog);
                }
                writeCollectionEnd(g);
            }
        });
    }

    /** Opens the FeatureCollection: {@code {"type":"FeatureCollection","features":[}. */
    public static void writeCollectionStart(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
    }

    /** Closes what {@link #writeCollectionStart} opened: {@code ]}}. */
    public static void writeCollectionEnd(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Writes one Feature on a line of its own: the polygon, then {@link #writeProperties}.
     *
     * @param lonLatRing the closed exterior ring, lon, lat pairs in degrees, counter-clockwise; null
     *                   for a scene without georeferencing (the geometry is then {@code null})
     */
    public static void writeFeature(JsonGenerator g, double[] lonLatRing, String image, Detection d, ClassCatalog catalog)
            throws IOException {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        if (lonLatRing == null) {
            g.writeNullField("geometry");
        } else {
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "Polygon");
            g.writeArrayFieldStart("coordinates");
            g.writeStartArray();
            for (int i = 0; i < lonLatRing.length; i += 2) {
                g.writeStartArray();
                g.writeNumber(lonLatRing[i]);
                g.writeNumber(lonLatRing[i + 1]);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        writeProperties(g, image, d, catalog);
        g.writeEndObject();
    }

    /**
     * Reads a Seamline GeoJSON. With a catalog, class names must be in it (their ids come from it);
     * without, {@code class_id} is taken as written.
     *
     * @throws BadInputException naming the file and line for malformed JSON, a missing
     *                           {@code pixel_box}, an unknown class or a score outside [0, 1]
     */
    public static List<Feature> read(Path file, ClassCatalog catalog) throws BadInputException {
        List<Feature> out = new ArrayList<>();
        JsonInput.readObjectArrays(file, Set.of("features"), (name, f, line) -> {
            JsonNode p = f.path("properties");
            if (!p.isObject()) {
                throw new BadInputException(file, "line " + line + ": feature without properties");
            }
            String cls = JsonInput.text(file, line, p, "class");
            int id;
            if (catalog != null) {
                ObjectClass oc = catalog.byName(cls).orElseThrow(() -> new BadInputException(file, "line " + line
                        + ": unknown class '" + Printable.escape(cls) + "'"));
                id = oc.id();
            } else {
                id = (int) JsonInput.integer(file, line, p, "class_id");
                if (id < 0) {
                    throw new BadInputException(file, "line " + line + ": class_id must not be negative");
                }
            }
            double score = JsonInput.score(file, line, p, "score");
            double[] b = JsonInput.numbers(file, line, p, "pixel_box", 4);
            Detection d;
            if (p.has("pixel_polygon")) {
                double[] q = JsonInput.numbers(file, line, p, "pixel_polygon", 8);
                d = Detection.of(fromCorners(q), id, score);
            } else {
                d = Detection.of(new Box(b[0], b[1], b[2], b[3]), id, score);
            }
            out.add(new Feature(p.path("image").asText(""), d, cls));
        });
        return out;
    }

    /** The oriented box whose corners (in {@link OrientedBox#corners()} order) are q. */
    static OrientedBox fromCorners(double[] q) {
        double cx = (q[0] + q[2] + q[4] + q[6]) / 4, cy = (q[1] + q[3] + q[5] + q[7]) / 4;
        double w = Math.hypot(q[2] - q[0], q[3] - q[1]);
        double h = Math.hypot(q[4] - q[2], q[5] - q[3]);
        double angle = Math.atan2(q[3] - q[1], q[2] - q[0]);
        return new OrientedBox(cx, cy, w, h, angle);
    }

    private static double signedArea(double[][] ring) {
        double a = 0;
        for (int i = 0; i < 4; i++) {
            double[] p = ring[i], q = ring[(i + 1) % 4];
            a += p[0] * q[1] - q[0] * p[1];
        }
        return a / 2;
    }
}
