package dev.seamline.formats.spacenet;

import dev.seamline.core.io.Printable;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.Csv;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * SpaceNet building files. CSV: a header naming {@code ImageId}, {@code PolygonWKT_Pix} and, for
 * proposals, {@code Confidence} (other columns such as {@code BuildingId}, {@code PolygonWKT_Geo} are
 * kept out); polygons in pixel WKT ((0,0) the top-left corner, y down), {@code POLYGON EMPTY} for an
 * image without buildings. GeoJSON: a FeatureCollection of Polygon/MultiPolygon features, one image,
 * in whatever planar coordinates the file uses (solaris scores map coordinates as they are), with
 * the confidence in property {@code conf} (1 where absent).
 */
public final class SpaceNetFormat {

    private static final GeometryFactory GF = new GeometryFactory();

    private SpaceNetFormat() {
    }

    /**
     * One building footprint. Immutable and thread-safe (JTS geometries are not modified).
     *
     * @param imageId    the image
     * @param geometry   polygon (may be empty or invalid: the metric repairs or skips as solaris does)
     * @param confidence confidence, any finite number: only its order matters (SpaceNet's own samples
     *                   use ranks 1…N); 1 for ground truth
     */
    public record Footprint(String imageId, Geometry geometry, double confidence) {
    }

    /**
     * Reads a SpaceNet CSV.
     *
     * @param proposals true to require the {@code Confidence} column
     * @throws BadInputException naming file and line for a missing column, bad WKT or a non-numeric confidence
     */
    public static List<Footprint> readCsv(Path file, boolean proposals) throws BadInputException {
        List<Footprint> out = new ArrayList<>();
        int[] cols = {-1, -1, -1};
        WKTReader wkt = new WKTReader(GF);
        TextLines.read(file, (s, n) -> {
            if (s.isBlank()) {
                return;
            }
            List<String> f = Csv.split(s);
            if (cols[0] < 0 && cols[1] < 0) {
                cols[0] = f.indexOf("ImageId");
                cols[1] = f.indexOf("PolygonWKT_Pix");
                cols[2] = f.indexOf("Confidence");
                if (cols[0] < 0 || cols[1] < 0 || (proposals && cols[2] < 0)) {
                    throw new BadInputException(file, "line " + n + ": the header must name ImageId, PolygonWKT_Pix"
                            + (proposals ? " and Confidence" : ""));
                }
                return;
            }
            int need = Math.max(cols[0], Math.max(cols[1], cols[2])) + 1;
            if (f.size() < need) {
                throw new BadInputException(file, "line " + n + ": expected at least " + need + " columns, found " + f.size());
            }
            Geometry g;
            try {
                g = wkt.read(f.get(cols[1]));
            } catch (ParseException | IllegalArgumentException e) {
                throw new BadInputException(file, "line " + n + ": bad PolygonWKT_Pix: " + e.getMessage());
            }
            double conf = 1;
            if (cols[2] >= 0) {
                conf = TextLines.parseDouble(file, n, f.get(cols[2]), "Confidence");
            }
            out.add(new Footprint(f.get(cols[0]), g, conf));
        });
        return out;
    }

    /**
     * Reads a GeoJSON FeatureCollection of polygons as one image's footprints.
     *
     * @throws BadInputException naming file and line for malformed JSON, a non-polygon geometry or a
     *                           non-numeric {@code conf}
     */
    public static List<Footprint> readGeoJson(Path file, String imageId) throws BadInputException {
        List<Footprint> out = new ArrayList<>();
        JsonInput.readObjectArrays(file, Set.of("features"), (name, f, line) -> {
            JsonNode geom = f.get("geometry");
            if (geom == null || geom.isNull()) {
                return; // gpd.read_file(...).dropna() drops features without geometry
            }
            Geometry g = geometry(file, line, geom);
            JsonNode props = f.path("properties");
            double conf = props.has("conf") ? JsonInput.number(file, line, props, "conf") : 1;
            out.add(new Footprint(imageId, g, conf));
        });
        return out;
    }

    /** Writes footprints as a SpaceNet CSV ({@code ImageId,BuildingId,PolygonWKT_Pix,Confidence}), atomically. */
    public static void writeCsv(Path file, List<Footprint> footprints) throws IOException {
        StringBuilder sb = new StringBuilder("ImageId,BuildingId,PolygonWKT_Pix,Confidence\n");
        WKTWriter w = new WKTWriter();
        int id = 0;
        String last = null;
        for (Footprint fp : footprints) {
            id = fp.imageId().equals(last) ? id + 1 : 0;
            last = fp.imageId();
            sb.append(fp.imageId()).append(',').append(id).append(",\"").append(w.write(fp.geometry())).append("\",")
                    .append(String.format(Locale.ROOT, "%s", fp.confidence())).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    /**
     * Writes footprints as a GeoJSON FeatureCollection of polygons (coordinates as given, pixels or
     * map units) with the confidence in property {@code conf}, as solaris reads proposals; atomically.
     */
    public static void writeGeoJson(Path file, List<Footprint> footprints) throws IOException {
        AtomicFile.write(file, out -> {
            try (com.fasterxml.jackson.core.JsonGenerator g = JsonInput.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                g.writeArrayFieldStart("features");
                for (Footprint fp : footprints) {
                    g.writeRaw('\n');
                    g.writeStartObject();
                    g.writeStringField("type", "Feature");
                    g.writeObjectFieldStart("properties");
                    g.writeStringField("image", fp.imageId());
                    g.writeNumberField("conf", fp.confidence());
                    g.writeEndObject();
                    g.writeObjectFieldStart("geometry");
                    Geometry geo = fp.geometry();
                    boolean multi = geo.getNumGeometries() > 1;
                    g.writeStringField("type", multi ? "MultiPolygon" : "Polygon");
                    g.writeArrayFieldStart("coordinates");
                    for (int k = 0; k < geo.getNumGeometries(); k++) {
                        if (multi) {
                            g.writeStartArray();
                        }
                        Polygon p = (Polygon) geo.getGeometryN(k);
                        if (!p.isEmpty()) {
                            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                                LinearRing ring = r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r);
                                g.writeStartArray();
                                for (Coordinate c : ring.getCoordinates()) {
                                    g.writeStartArray();
                                    g.writeNumber(c.x);
                                    g.writeNumber(c.y);
                                    g.writeEndArray();
                                }
                                g.writeEndArray();
                            }
                        }
                        if (multi) {
                            g.writeEndArray();
                        }
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    static Geometry geometry(Path file, int line, JsonNode geom) throws BadInputException {
        String type = geom.path("type").asText();
        JsonNode c = geom.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new BadInputException(file, "line " + line + ": geometry without coordinates");
        }
        switch (type) {
            case "Polygon":
                return polygon(file, line, c);
            case "MultiPolygon": {
                Polygon[] ps = new Polygon[c.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = polygon(file, line, c.get(i));
                }
                return GF.createMultiPolygon(ps);
            }
            default:
                throw new BadInputException(file, "line " + line + ": expected a Polygon or MultiPolygon, found '" + Printable.escape(type) + "'");
        }
    }

    private static Polygon polygon(Path file, int line, JsonNode rings) throws BadInputException {
        if (rings == null || !rings.isArray()) {
            throw new BadInputException(file, "line " + line + ": a polygon must be an array of rings, found " + rings);
        }
        if (rings.isEmpty()) {
            return GF.createPolygon();
        }
        LinearRing shell = ring(file, line, rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(file, line, rings.get(i));
        }
        return GF.createPolygon(shell, holes);
    }

    private static LinearRing ring(Path file, int line, JsonNode pts) throws BadInputException {
        if (pts == null || !pts.isArray()) {
            throw new BadInputException(file, "line " + line + ": a ring must be an array of positions, found " + pts);
        }
        Coordinate[] cs = new Coordinate[pts.size()];
        for (int i = 0; i < cs.length; i++) {
            JsonNode p = pts.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new BadInputException(file, "line " + line + ": a position must be [x, y], found " + p);
            }
            cs[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
        }
        try {
            return GF.createLinearRing(cs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "line " + line + ": bad polygon ring: " + e.getMessage());
        }
    }
}
