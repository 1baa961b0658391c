package dev.seamline.formats.geojson;

import dev.seamline.core.io.Printable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.BadInputException;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user's label file for training, as JSON: a GeoJSON FeatureCollection of Polygon or MultiPolygon
 * features whose class name is the property {@code class} (else {@code class_name}, {@code label} or
 * {@code category}), or a COCO instances object (read with {@code CocoDataset}). Positions are handed
 * over as the file has them (WGS84 lon/lat, or the CRS a legacy {@code crs} member names): the caller
 * places them on its scene. Errors are {@link BadInputException}s naming the file and the feature
 * ({@code "feature 3"}), in file order: the caller's checks run as each feature is read.
 *
 * <p>The whole file is read as one tree (at most 2 GiB). Immutable once parsed; not meant to be
 * shared between threads while {@link #features} runs a handler.
 */
public final class GeoJsonLabels {

    /** The class-name properties tried, in order. */
    private static final String[] CLASS_KEYS = {"class", "class_name", "label", "category"};

    /** Receives each feature as it is read; any method may refuse it with a {@link BadInputException}. */
    public interface FeatureHandler {
        /** The feature's class name ({@code where} is e.g. {@code "feature 3"}), before its geometry is read. */
        void className(String where, String name) throws BadInputException;

        /** One position of the feature's polygon rings, in the file's coordinates. */
        void position(String where, double x, double y) throws BadInputException;

        /** The feature's positions are all read (there are at least 3). */
        void end(String where) throws BadInputException;
    }

    private final Path file;
    private final JsonNode root;

    private GeoJsonLabels(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Parses a label file.
     *
     * @throws BadInputException for a file over 2 GiB, invalid JSON, or a root that is not an object
     */
    public static GeoJsonLabels parse(Path file) throws BadInputException {
        JsonNode root;
        try {
            if (Files.size(file) > 2L << 30) {
                throw new BadInputException(file, "label file over 2 GiB");
            }
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "expected a GeoJSON FeatureCollection or a COCO instances object");
        }
        return new GeoJsonLabels(file, root);
    }

    /** True when the file is COCO instances (it has {@code annotations} and {@code images}), not GeoJSON. */
    public boolean isCoco() {
        return root.has("annotations") && root.has("images");
    }

    /** Checks the root is {@code "type": "FeatureCollection"}. */
    public void requireFeatureCollection() throws BadInputException {
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new BadInputException(file, "expected a GeoJSON FeatureCollection (or COCO instances), found type '"
                    + Printable.mask(root.path("type").asText()) + "'");
        }
    }

    /** The name of the legacy {@code crs} member ({@code crs.properties.name}), "" when there is none. */
    public String crsName() {
        return root.path("crs").path("properties").path("name").asText("");
    }

    /**
     * Hands every feature to {@code handler}, in file order: its class name, then each position of
     * its rings (a MultiPolygon's polygons one after the other), then its end.
     *
     * @throws BadInputException for a missing {@code features} array, a feature without class name,
     *                           a geometry that is not a polygon, a position that is not [x, y] numbers,
     *                           a polygon of fewer than 3 positions, or what the handler refuses
     */
    public void features(FeatureHandler handler) throws BadInputException {
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            throw new BadInputException(file, "FeatureCollection without a 'features' array");
        }
        for (int f = 0; f < features.size(); f++) {
            JsonNode feature = features.get(f);
            String where = "feature " + (f + 1);
            JsonNode props = feature.path("properties");
            String cls = null;
            for (String key : CLASS_KEYS) {
                if (props.path(key).isTextual()) {
                    cls = props.path(key).asText();
                    break;
                }
            }
            if (cls == null) {
                throw new BadInputException(file, where + " has no class name (property 'class', 'class_name', "
                        + "'label' or 'category')");
            }
            handler.className(where, cls);
            JsonNode geom = feature.path("geometry");
            String type = geom.path("type").asText();
            JsonNode rings;
            if ("Polygon".equals(type)) {
                rings = geom.path("coordinates");
            } else if ("MultiPolygon".equals(type)) {
                rings = flattenMulti(geom.path("coordinates"));
            } else {
                throw new BadInputException(file, where + " is a "
                        + (type.isEmpty() ? "feature without geometry" : Printable.mask(type)) + "; labels must be polygons");
            }
            int points = 0;
            for (JsonNode ring : rings) {
                for (JsonNode pt : ring) {
                    if (!pt.isArray() || pt.size() < 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
                        throw new BadInputException(file, where + " has a position that is not [x, y] numbers");
                    }
                    handler.position(where, pt.get(0).asDouble(), pt.get(1).asDouble());
                    points++;
                }
            }
            if (points < 3) {
                throw new BadInputException(file, where + " has a polygon of fewer than 3 positions");
            }
            handler.end(where);
        }
    }

    private static JsonNode flattenMulti(JsonNode polygons) {
        com.fasterxml.jackson.databind.node.ArrayNode rings = new ObjectMapper().createArrayNode();
        for (JsonNode polygon : polygons) {
            polygon.forEach(rings::add);
        }
        return rings;
    }
}
