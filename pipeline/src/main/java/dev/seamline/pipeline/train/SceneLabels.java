package dev.seamline.pipeline.train;

import dev.seamline.core.io.Printable;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.SeamlineException;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.geojson.GeoJsonLabels;
import dev.seamline.formats.text.TextLines;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import dev.seamline.geo.Scene;
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
 * <p>The label formats, told apart by name and content, each read by its reader in the formats module:
 * <ul>
 *   <li>GeoJSON ({@code .geojson}, {@code .json} that is a FeatureCollection): Polygon or MultiPolygon
 *       features in WGS84 lon/lat (RFC 7946), or in the scene's own CRS when the file has a legacy
 *       {@code crs} member naming the scene's EPSG code; the class name in the property
 *       {@code class} (else {@code class_name}, {@code label} or {@code category}). A feature's box is
 *       the pixel bounds of its polygon, so oriented outlines (Seamline's {@code scene.labels.geojson})
 *       train the axis-aligned box the built-in detector predicts.</li>
 *   <li>COCO instances JSON: the image whose {@code file_name} is the scene's file name (or the only
 *       image), {@code bbox} in scene pixels, classes by category name.</li>
 *   <li>xView GeoJSON (features with {@code bounds_imcoords}): the features whose {@code image_id} is
 *       the scene's file name; classes by xView {@code type_id}, the model class whose name xView's
 *       table gives that id (see {@code XviewClasses}: "Small Car" and "small-vehicle" are 18), else
 *       the class named by the number.</li>
 *   <li>DOTA labelTxt ({@code .txt}): one image's file; the polygons' bounds, difficult objects too.</li>
 *   <li>DeepForest CSV (header with {@code image_path}): the rows whose {@code image_path} file name is
 *       the scene's; class = {@code label}.</li>
 *   <li>SpaceNet CSV (header with {@code PolygonWKT_Pix}): the rows whose {@code ImageId} is the
 *       scene's stem or ends it after a {@code _} ({@code RGB-PanSharpen_AOI_2_Vegas_img1.tif});
 *       the polygons' bounds, of the model's one class (or its class {@code building}).</li>
 *   <li>Safe Passage CSV ({@code id,image,class,detections}): the scene's rows; each centre becomes
 *       an axis-aligned square of its class's nominal length ({@code NominalSize}) at the scene's
 *       ground sample distance (5 cm where it has none), classes A … I; the squares are clipped to the scene.</li>
 * </ul>
 * Every class name must be one of the model's classes (the training catalog).
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
        return List.of(stem + ".labels.geojson", stem + ".geojson", stem + ".coco.json", "../labelTxt/" + stem + ".txt",
                "trainingObservations.csv");
    }

    /** The label file next to {@code scene} (see {@link #candidateNames}), if any. */
    public static Optional<Path> findNextTo(Path scene) {
        Path dir = scene.toAbsolutePath().getParent();
        for (String name : candidateNames(scene)) {
            Path p = dir.resolve(name).normalize();
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
        List<Detection> boxes = switch (LabelFormat.of(labels)) {
            case DOTA -> OtherLabels.dota(labels, catalog);
            case DEEPFOREST -> OtherLabels.deepForest(scene, labels, catalog);
            case SPACENET -> OtherLabels.spaceNet(scene, labels, catalog);
            case SAFE_PASSAGE -> OtherLabels.safePassage(scene, labels, catalog);
            case XVIEW -> OtherLabels.xview(scene, labels, catalog);
            case GEOJSON_OR_COCO -> {
                GeoJsonLabels file = GeoJsonLabels.parse(labels);
                yield file.isCoco() ? fromCoco(scene, labels, catalog) : fromGeoJson(scene, labels, file, catalog);
            }
        };
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

    private static List<Detection> fromGeoJson(Scene scene, Path labels, GeoJsonLabels file, ClassCatalog catalog)
            throws SeamlineException {
        file.requireFeatureCollection();
        Georeferencing geo = scene.georeferencing().orElseThrow(() -> new BadInputException(scene.path(),
                "has no georeferencing, so GeoJSON labels cannot be placed on it; give COCO labels in pixels"));
        boolean sceneCrs = usesSceneCrs(labels, file.crsName(), geo);
        List<Detection> out = new ArrayList<>();
        file.features(new GeoJsonLabels.FeatureHandler() {
            private int classId;
            private final double[] bounds = new double[4];

            @Override
            public void className(String where, String name) throws BadInputException {
                classId = classId(labels, catalog, name, where);
                bounds[0] = Double.POSITIVE_INFINITY;
                bounds[1] = Double.POSITIVE_INFINITY;
                bounds[2] = Double.NEGATIVE_INFINITY;
                bounds[3] = Double.NEGATIVE_INFINITY;
            }

            @Override
            public void position(String where, double a, double b) throws BadInputException {
                if (!Double.isFinite(a) || !Double.isFinite(b) || !sceneCrs && (Math.abs(a) > 180 || Math.abs(b) > 90)) {
                    throw new BadInputException(labels, where + " has position [" + a + ", " + b
                            + "], not WGS84 lon/lat (RFC 7946) nor named by a 'crs' member");
                }
                double[] px = sceneCrs ? geo.crsToPixel(a, b, PixelAnchor.CORNER) : geo.lonLatToPixel(a, b, PixelAnchor.CORNER);
                bounds[0] = Math.min(bounds[0], px[0]);
                bounds[1] = Math.min(bounds[1], px[1]);
                bounds[2] = Math.max(bounds[2], px[0]);
                bounds[3] = Math.max(bounds[3], px[1]);
            }

            @Override
            public void end(String where) {
                if (bounds[2] > bounds[0] && bounds[3] > bounds[1]) {
                    out.add(Detection.of(new Box(bounds[0], bounds[1], bounds[2], bounds[3]), classId, 1.0));
                }
            }
        });
        return out;
    }

    /** True when a legacy {@code crs} member names the scene's EPSG code; false for none or WGS84. */
    private static boolean usesSceneCrs(Path labels, String name, Georeferencing geo) throws BadInputException {
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

    static int classId(Path labels, ClassCatalog catalog, String name, String where) throws BadInputException {
        for (ObjectClass c : catalog.classes()) {
            if (c.name().equals(name)) {
                return c.id();
            }
        }
        TreeSet<String> known = new TreeSet<>();
        catalog.classes().forEach(c -> known.add(c.name()));
        throw new BadInputException(labels, where + " has class '" + Printable.mask(name) + "', which the model does not know "
                + known + "; give the training classes with --classes");
    }
}
