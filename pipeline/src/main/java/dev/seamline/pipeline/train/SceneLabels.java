package dev.seamline.pipeline.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.Printable;
import dev.seamline.eval.CocoDataset;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import dev.seamline.geo.Scene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The labelled objects of one scene, read from a user's label file and turned into axis-aligned
 * boxes in scene pixels (corner convention: (0,0) is the top-left corner of the top-left pixel).
 * Immutable and thread-safe.
 *
 * <p>Two label formats:
 * <ul>
 *   <li>GeoJSON ({@code .geojson}, {@code .json} that is a FeatureCollection): Polygon or MultiPolygon
 *       features in WGS84 lon/lat (RFC 7946), or in the scene's own CRS when the file has a legacy
 *       {@code crs} member naming the scene's EPSG code; the class name in the property
 *       {@code class} (else {@code class_name}, {@code label} or {@code category}). A feature's box is
 *       the pixel bounds of its polygon, so oriented outlines (Seamline's {@code scene.labels.geojson})
 *       train the axis-aligned box the built-in detector predicts.</li>
 *   <li>COCO instances JSON: the image whose {@code file_name} is the scene's file name (or the only
 *       image), {@code bbox} in scene pixels, classes by category name.</li>
 * </ul>
 * Every class name must be one of the model's classes: fine-tuning keeps the model's heads.
 *
 * @param scene   the scene's path
 * @param width   scene width, pixels
 * @param height  scene height, pixels
 * @param objects the labelled boxes, scene pixels; class ids of the model's catalog
 */
public record SceneLabels(Path scene, int width, int height, List<Detection> objects) {

    /** Copies the list. */
    public SceneLabels {
        objects = List.copyOf(objects);
    }

    /** File names tried next to a scene {@code NAME.tif}, in order, when no label file is given. */
    public static List<String> candidateNames(Path scene) {
        String file = scene.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return List.of(stem + ".labels.geojson", stem + ".geojson", stem + ".coco.json");
    }

    /** The label file next to {@code scene} (see {@link #candidateNames}), if any. */
    public static Optional<Path> findNextTo(Path scene) {
        Path dir = scene.toAbsolutePath().getParent();
        for (String name : candidateNames(scene)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads {@code labels} for the open {@code scene}.
     *
     * @param catalog the model's classes; every label's class name must be one of them
     * @throws BadInputException naming the label file and the problem
     */
    public static SceneLabels read(Scene scene, Path labels, ClassCatalog catalog) throws SeamlineException {
        JsonNode root;
        try {
            if (Files.size(labels) > 2L << 30) {
                throw new BadInputException(labels, "label file over 2 GiB");
            }
            root = new ObjectMapper().readTree(labels.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(labels, "not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(labels, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(labels, "expected a GeoJSON FeatureCollection or a COCO instances object");
        }
        List<Detection> boxes = root.has("annotations") && root.has("images")
                ? fromCoco(scene, labels, catalog)
                : fromGeoJson(scene, labels, root, catalog);
        return new SceneLabels(scene.path(), scene.width(), scene.height(), boxes);
    }

    private static List<Detection> fromCoco(Scene scene, Path labels, ClassCatalog catalog) throws BadInputException {
        CocoDataset coco = CocoDataset.read(labels);
        String name = scene.path().getFileName().toString();
        List<CocoDataset.Image> images = coco.images().stream().filter(i -> i.fileName().equals(name)).toList();
        if (images.isEmpty() && coco.images().size() == 1) {
            images = coco.images();
        }
        if (images.size() != 1) {
            throw new BadInputException(labels, images.isEmpty()
                    ? "no image has file_name '" + name + "' (and the file lists " + coco.images().size() + " images)"
                    : images.size() + " images have file_name '" + name + "'");
        }
        long imageId = images.get(0).id();
        java.util.Map<Long, Integer> classOf = new java.util.HashMap<>();
        for (CocoDataset.Category c : coco.categories()) {
            classOf.put(c.id(), classId(labels, catalog, c.name(), "category " + c.id()));
        }
        List<Detection> out = new ArrayList<>();
        for (CocoDataset.Annotation a : coco.annotations()) {
            if (a.imageId() == imageId && !a.iscrowd()) {
                Integer cls = classOf.get(a.categoryId());
                if (cls == null) {
                    throw new BadInputException(labels, "annotation " + a.id() + " has category " + a.categoryId()
                            + ", which the file does not list");
                }
                if (a.w() > 0 && a.h() > 0) {
                    out.add(Detection.of(a.box(), cls, 1.0));
                }
            }
        }
        return out;
    }

    private static List<Detection> fromGeoJson(Scene scene, Path labels, JsonNode root, ClassCatalog catalog)
            throws SeamlineException {
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new BadInputException(labels, "expected a GeoJSON FeatureCollection (or COCO instances), found type '"
                    + Printable.mask(root.path("type").asText()) + "'");
        }
        Georeferencing geo = scene.georeferencing().orElseThrow(() -> new BadInputException(scene.path(),
                "has no georeferencing, so GeoJSON labels cannot be placed on it; give COCO labels in pixels"));
        boolean sceneCrs = usesSceneCrs(labels, root, geo);
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            throw new BadInputException(labels, "FeatureCollection without a 'features' array");
        }
        List<Detection> out = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            JsonNode feature = features.get(f);
            String where = "feature " + (f + 1);
            JsonNode props = feature.path("properties");
            String cls = null;
            for (String key : new String[] {"class", "class_name", "label", "category"}) {
                if (props.path(key).isTextual()) {
                    cls = props.path(key).asText();
                    break;
                }
            }
            if (cls == null) {
                throw new BadInputException(labels, where + " has no class name (property 'class', 'class_name', "
                        + "'label' or 'category')");
            }
            int classId = classId(labels, catalog, cls, where);
            JsonNode geom = feature.path("geometry");
            String type = geom.path("type").asText();
            JsonNode rings;
            if ("Polygon".equals(type)) {
                rings = geom.path("coordinates");
            } else if ("MultiPolygon".equals(type)) {
                rings = flattenMulti(geom.path("coordinates"));
            } else {
                throw new BadInputException(labels, where + " is a " + (type.isEmpty() ? "feature without geometry" : Printable.mask(type))
                        + "; labels must be polygons");
            }
            double[] bounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
            int points = 0;
            for (JsonNode ring : rings) {
                for (JsonNode pt : ring) {
                    if (!pt.isArray() || pt.size() < 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
                        throw new BadInputException(labels, where + " has a position that is not [x, y] numbers");
                    }
                    double a = pt.get(0).asDouble(), b = pt.get(1).asDouble();
                    if (!Double.isFinite(a) || !Double.isFinite(b) || !sceneCrs && (Math.abs(a) > 180 || Math.abs(b) > 90)) {
                        throw new BadInputException(labels, where + " has position [" + a + ", " + b
                                + "], not WGS84 lon/lat (RFC 7946) nor named by a 'crs' member");
                    }
                    double[] px = sceneCrs ? geo.crsToPixel(a, b, PixelAnchor.CORNER) : geo.lonLatToPixel(a, b, PixelAnchor.CORNER);
                    bounds[0] = Math.min(bounds[0], px[0]);
                    bounds[1] = Math.min(bounds[1], px[1]);
                    bounds[2] = Math.max(bounds[2], px[0]);
                    bounds[3] = Math.max(bounds[3], px[1]);
                    points++;
                }
            }
            if (points < 3) {
                throw new BadInputException(labels, where + " has a polygon of fewer than 3 positions");
            }
            if (bounds[2] > bounds[0] && bounds[3] > bounds[1]) {
                out.add(Detection.of(new Box(bounds[0], bounds[1], bounds[2], bounds[3]), classId, 1.0));
            }
        }
        return out;
    }

    private static JsonNode flattenMulti(JsonNode polygons) {
        com.fasterxml.jackson.databind.node.ArrayNode rings = new ObjectMapper().createArrayNode();
        for (JsonNode polygon : polygons) {
            polygon.forEach(rings::add);
        }
        return rings;
    }

    /** True when a legacy {@code crs} member names the scene's EPSG code; false for none or WGS84. */
    private static boolean usesSceneCrs(Path labels, JsonNode root, Georeferencing geo) throws BadInputException {
        String name = root.path("crs").path("properties").path("name").asText("");
        if (name.isEmpty()) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.endsWith("CRS84") || upper.endsWith(":4326") || upper.endsWith("::4326")) {
            return false;
        }
        String digits = upper.replaceAll(".*[^0-9]([0-9]+)$", "$1");
        if (geo.epsg().isPresent() && digits.equals(Integer.toString(geo.epsg().getAsInt()))) {
            return true;
        }
        throw new BadInputException(labels, "coordinates in CRS '" + Printable.mask(name) + "', neither WGS84 nor the scene's own"
                + geo.epsg().stream().mapToObj(e -> " (EPSG:" + e + ")").findFirst().orElse(""));
    }

    private static int classId(Path labels, ClassCatalog catalog, String name, String where) throws BadInputException {
        for (ObjectClass c : catalog.classes()) {
            if (c.name().equals(name)) {
                return c.id();
            }
        }
        TreeSet<String> known = new TreeSet<>();
        catalog.classes().forEach(c -> known.add(c.name()));
        throw new BadInputException(labels, where + " has class '" + Printable.mask(name) + "', which the model does not know "
                + known + "; fine-tuning keeps the model's classes");
    }
}
