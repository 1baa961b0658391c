package dev.seamline.samples;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.geo.GeoPolygon;
import dev.seamline.geo.Georeferencer;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.write.GeoTiffLayout;
import dev.seamline.geo.write.GeoTiffOptions;
import dev.seamline.geo.write.GeoTiffWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes a {@link SyntheticScene} to a folder: the image and its ground truth in five formats.
 *
 * <ul>
 *   <li>{@value #SCENE}: RGB Byte GeoTIFF, 512 × 512 DEFLATE tiles, BigTIFF when over 4 GiB, in
 *       the spec's CRS with the spec's geotransform; streamed a row of tiles at a time (tiles
 *       rendered and compressed in parallel, stored in a fixed order), so memory stays bounded and
 *       the bytes do not depend on the thread count;</li>
 *   <li>{@value #LABELS}: GeoJSON (RFC 7946), one Feature per object, its oriented box as a WGS84
 *       lon/lat Polygon (counter-clockwise, closed) with properties {@code id}, {@code class},
 *       {@code class_id} (catalog id) and {@code occluded};</li>
 *   <li>{@value #COCO}: COCO ground truth, one image (id 1, file_name {@code scene.tif}); per
 *       object {@code bbox} [x, y, w, h] (the oriented box's axis-aligned bounds, pixels from the
 *       top-left corner), {@code segmentation} the oriented box's four corners, {@code area} the
 *       oriented box's area (px²), {@code iscrowd} 0; categories 1–4 as {@link SyntheticClass#cocoCategoryId()};</li>
 *   <li>{@value #XVIEW}: xView-style GeoJSON, per object its axis-aligned bounds as a WGS84
 *       Polygon with {@code image_id} "scene.tif", {@code type_id} ({@link SyntheticClass#xviewTypeId()})
 *       and {@code bounds_imcoords} "xmin,ymin,xmax,ymax" (integer pixels, rounded outwards);</li>
 *   <li>{@value #DOTA}: DOTA v1.0 labelTxt: {@code imagesource:} and {@code gsd:} header lines, then
 *       {@code x1 y1 x2 y2 x3 y3 x4 y4 class difficult} per object, corners clockwise on screen,
 *       difficult 0.</li>
 * </ul>
 *
 * Numbers are printed with fixed decimals (pixels 3, degrees 9) in a fixed order, so the same spec
 * always gives byte-identical files. Every file appears atomically (temporary file, then move).
 */
public final class SceneFiles {

    /** File name of the image. */
    public static final String SCENE = "scene.tif";
    /** File name of the GeoJSON ground truth. */
    public static final String LABELS = "scene.labels.geojson";
    /** File name of the COCO ground truth. */
    public static final String COCO = "scene.coco.json";
    /** File name of the xView-style ground truth. */
    public static final String XVIEW = "scene.xview.geojson";
    /** File name of the DOTA labelTxt ground truth. */
    public static final String DOTA = "scene.txt";
    /** Tile size of the written GeoTIFF, pixels. */
    public static final int TILE = 512;

    private SceneFiles() {
    }

    /**
     * Writes the scene and its labels into {@code dir} (created if missing), replacing files of the
     * same names.
     *
     * @param deflateLevel zlib level of the GeoTIFF's tiles, 1 to 9
     * @throws SeamlineException when a file cannot be written, or the spec's CRS is unknown
     */
    public static void write(SyntheticScene scene, Path dir, int deflateLevel) throws SeamlineException {
        SceneSpec spec = scene.spec();
        Georeferencing g;
        try {
            g = Georeferencing.of(spec.epsg(), spec.geoTransform());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("EPSG:" + spec.epsg() + " cannot be used: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SeamlineException(dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        List<SceneObject> objects = scene.objects();
        Georeferencer geo = new Georeferencer(g);
        writeText(dir.resolve(LABELS), labelsGeoJson(objects, geo));
        writeText(dir.resolve(COCO), coco(spec, objects));
        writeText(dir.resolve(XVIEW), xview(objects, geo));
        writeText(dir.resolve(DOTA), dota(spec, objects));
        writeImage(scene, dir.resolve(SCENE), g, deflateLevel);
    }

    /** Streams the image a row of tiles at a time. */
    static void writeImage(SyntheticScene scene, Path file, Georeferencing g, int deflateLevel) throws SeamlineException {
        GeoTiffLayout layout = GeoTiffLayout.of(scene.width(), scene.height(), 3, SampleType.UINT8, TILE);
        GeoTiffOptions options = GeoTiffOptions.defaults().withGeoreferencing(g).withDeflateLevel(deflateLevel);
        try (GeoTiffWriter w = GeoTiffWriter.create(file, layout, options)) {
            for (int r = 0; r < layout.tileRows(); r++) {
                int row = r;
                List<PixelBuffer> tiles = IntStream.range(0, layout.tileColumns()).parallel()
                        .mapToObj(c -> scene.render(layout.tileWindow(c, row))).toList();
                w.writeRow(row, tiles);
            }
            w.finish();
        }
    }

    static String labelsGeoJson(List<SceneObject> objects, Georeferencer geo) {
        StringBuilder s = new StringBuilder(256 + objects.size() * 400);
        s.append("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            s.append(i == 0 ? "\n" : ",\n");
            s.append("{\"type\":\"Feature\",\"id\":").append(o.id()).append(",\"properties\":{\"id\":").append(o.id())
                    .append(",\"class\":\"").append(o.type().dotaName()).append("\",\"class_id\":").append(o.type().id())
                    .append(",\"occluded\":").append(o.occluded()).append("},\"geometry\":");
            polygon(s, geo.polygon(o.box()));
            s.append('}');
        }
        return s.append("\n]}\n").toString();
    }

    static String xview(List<SceneObject> objects, Georeferencer geo) {
        StringBuilder s = new StringBuilder(256 + objects.size() * 400);
        s.append("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            Box b = o.box().bounds();
            long x0 = (long) Math.floor(b.x0()), y0 = (long) Math.floor(b.y0());
            long x1 = (long) Math.ceil(b.x1()), y1 = (long) Math.ceil(b.y1());
            s.append(i == 0 ? "\n" : ",\n");
            s.append("{\"type\":\"Feature\",\"properties\":{\"feature_id\":").append(o.id())
                    .append(",\"image_id\":\"").append(SCENE).append("\",\"type_id\":").append(o.type().xviewTypeId())
                    .append(",\"bounds_imcoords\":\"").append(x0).append(',').append(y0).append(',').append(x1).append(',')
                    .append(y1).append("\"},\"geometry\":");
            polygon(s, geo.polygon(new Box(x0, y0, x1, y1)));
            s.append('}');
        }
        return s.append("\n]}\n").toString();
    }

    private static void polygon(StringBuilder s, GeoPolygon p) {
        double[] ll = p.lonLat();
        s.append("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int k = 0; k < ll.length; k += 2) {
            s.append(k == 0 ? "[" : ",[").append(fmt(ll[k], 9)).append(',').append(fmt(ll[k + 1], 9)).append(']');
        }
        s.append("]]}");
    }

    static String coco(SceneSpec spec, List<SceneObject> objects) {
        StringBuilder s = new StringBuilder(512 + objects.size() * 250);
        s.append("{\"info\":{\"description\":\"Seamline synthetic scene, seed ").append(spec.seed())
                .append(", gsd ").append(fmt(spec.gsd(), 3)).append(" m\"},\n");
        s.append("\"images\":[{\"id\":1,\"file_name\":\"").append(SCENE).append("\",\"width\":").append(spec.width())
                .append(",\"height\":").append(spec.height()).append("}],\n");
        s.append("\"categories\":[");
        for (SyntheticClass c : SyntheticClass.values()) {
            s.append(c.ordinal() == 0 ? "" : ",").append("{\"id\":").append(c.cocoCategoryId()).append(",\"name\":\"")
                    .append(c.dotaName()).append("\",\"supercategory\":\"")
                    .append(c == SyntheticClass.SHIP ? "vessel" : c == SyntheticClass.PLANE ? "aircraft" : "vehicle")
                    .append("\"}");
        }
        s.append("],\n\"annotations\":[");
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            Box b = o.box().bounds();
            double[] k = o.box().corners();
            s.append(i == 0 ? "\n" : ",\n");
            s.append("{\"id\":").append(o.id()).append(",\"image_id\":1,\"category_id\":").append(o.type().cocoCategoryId())
                    .append(",\"bbox\":[").append(fmt(b.x0(), 3)).append(',').append(fmt(b.y0(), 3)).append(',')
                    .append(fmt(b.width(), 3)).append(',').append(fmt(b.height(), 3)).append("],\"area\":")
                    .append(fmt(o.box().area(), 3)).append(",\"segmentation\":[[");
            for (int j = 0; j < 8; j++) {
                s.append(j == 0 ? "" : ",").append(fmt(k[j], 3));
            }
            s.append("]],\"iscrowd\":0,\"occluded\":").append(o.occluded()).append('}');
        }
        return s.append("\n]}\n").toString();
    }

    static String dota(SceneSpec spec, List<SceneObject> objects) {
        StringBuilder s = new StringBuilder(64 + objects.size() * 80);
        s.append("imagesource:seamline-synthetic\n").append("gsd:").append(fmt(spec.gsd(), 3)).append('\n');
        for (SceneObject o : objects) {
            double[] k = o.box().corners();
            for (double v : k) {
                s.append(fmt(v, 3)).append(' ');
            }
            s.append(o.type().dotaName()).append(" 0\n");
        }
        return s.toString();
    }

    private static String fmt(double v, int decimals) {
        String t = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return t.startsWith("-") && t.matches("-0\\.0*") ? t.substring(1) : t;
    }

    /** Writes text atomically ({@link AtomicFile}: a synced temporary file in the same folder, then a move over the target). */
    static void writeText(Path file, String text) throws SeamlineException {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
