package dev.seamline.outputs;

import dev.seamline.core.ClassCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The formats {@code seamline detect --format} writes, each with its file in the output folder, and
 * the factory of their streaming {@link DetectionSink sinks}: {@code format.open(context)}.
 *
 * <p>Every sink writes into a hidden temporary file beside its target, named
 * {@code .<target name>.<random>.tmp…}, and renames it onto the target atomically on
 * {@link DetectionSink#commit()}; {@link #deleteTemporaries(Path)} removes what a killed run left.
 * Pixel coordinates are scene pixels, (0,0) the top-left corner of the top-left pixel, boxes
 * [x0,x1) × [y0,y1) without "+1" (DESIGN.md); map coordinates come from
 * {@link dev.seamline.geo.Georeferencer}, box corners at the pixel CORNER.
 */
public enum OutputFormat {
    /**
     * {@code <stem>.geojson}: RFC 7946, WGS84, Seamline's GeoJSON (eval's {@code SeamlineGeoJson}
     * reads it). For a scene without georeferencing every feature has {@code "geometry": null} (RFC
     * 7946 §3.2: an unlocated feature) and keeps its pixel box in the properties: no false claim of
     * WGS84 coordinates, and the file still scores and filters like any other.
     */
    GEOJSON("geojson"),
    /**
     * {@code <stem>.gpkg}: OGC GeoPackage in the scene's CRS, one feature layer {@code detections}
     * (polygons; class, class_id, score, pixel box x0 y0 x1 y1, centre lon/lat) with an R-tree index.
     * A scene without georeferencing uses the GeoPackage's "undefined Cartesian" SRS (-1) with
     * coordinates (x, −y) in pixels, which is where QGIS draws a raster without georeferencing.
     */
    GPKG("gpkg"),
    /**
     * {@code <stem>.csv}: header, then one row per detection: class, class_id, score, pixel box, CRS
     * x/y and WGS84 lon/lat of the box centre (those four empty without georeferencing).
     */
    CSV("csv"),
    /** {@code <stem>.coco.json}: COCO results (image_id, category_id = catalog id + 1, bbox [x,y,w,h], score). */
    COCO("coco.json"),
    /**
     * {@code xview/<scene file name>.txt}: xView lines {@code xmin ymin xmax ymax type_id score}; type
     * ids from xView's class table by class name (see {@code XviewClasses}), else catalog id + 1.
     */
    XVIEW("txt"),
    /**
     * DOTA: each scene writes a part file {@code dota/parts/<stem>.part}; {@link #finishRun}
     * joins the parts of a run into {@code dota/Task1_<class>.txt} (oriented quadrilaterals) and
     * {@code dota/Task2_<class>.txt} (horizontal boxes), image name = stem.
     */
    DOTA("part"),
    /**
     * Dstl Safe Passage: each scene writes a part file {@code safe-passage/parts/<stem>.part} (its
     * detections' centres); {@link #finishRun} joins them into {@code safe-passage/submission.csv},
     * the contest's CSV, one row per scene and class A–I ({@code None} where nothing was found), model
     * classes mapped to A–I by the run's class map.
     */
    SAFE_PASSAGE("part"),
    /**
     * {@code <stem>.stac.json}: a STAC 1.0.0 Item of the scene (label extension v1.0.1: classes and
     * counts per class; MLM-named model fields), its geometry the scene footprint in WGS84, with a
     * {@code source} link to the scene and an asset for every other output of the scene.
     */
    STAC("stac.json"),
    /**
     * {@code geoparquet/<stem>.parquet}: GeoParquet 1.1, one row per detection (scene id, class, score,
     * pixel box, WKB footprint in WGS84 with a {@code bbox} covering column, the footprint in the scene
     * CRS, model name and sha256); the {@code geoparquet/} folder is the run's dataset. Written by
     * Seamline's own small Parquet writer (GZIP pages), no dependency.
     */
    GEOPARQUET("parquet");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /**
     * Opens a streaming sink for one scene, on its own: it places each band on the map itself. (The
     * sinks of a {@link SceneOutputs} share one placement per band instead.) The sink creates its
     * temporary file now; nothing appears under the target name before {@link DetectionSink#commit()}.
     *
     * @throws IOException when the output folder cannot be written
     */
    public DetectionSink open(OutputContext context) throws IOException {
        return BandSink.placing(openPlaced(context), BandGeoreferencer.of(context, Set.of(this)));
    }

    /** Opens the sink that takes bands already placed by the scene's {@link BandGeoreferencer}. */
    BandSink openPlaced(OutputContext context) throws IOException {
        return openPlaced(context, SceneProvenance.UNKNOWN, Set.of(this), false);
    }

    /**
     * {@link #openPlaced(OutputContext)} knowing the scene's provenance and its other outputs, which
     * {@link #STAC} describes.
     */
    BandSink openPlaced(OutputContext context, SceneProvenance provenance, Set<OutputFormat> formats,
            boolean quicklook) throws IOException {
        Objects.requireNonNull(context, "context");
        return switch (this) {
            case GEOJSON -> new GeoJsonSink(context, target(context));
            case GPKG -> new GpkgSink(context, target(context));
            case CSV -> new CsvSink(context, target(context));
            case COCO -> new CocoSink(context, target(context));
            case XVIEW -> new XviewSink(context, target(context));
            case DOTA -> new DotaSink(context, target(context));
            case SAFE_PASSAGE -> new SafePassageSink(context, target(context));
            case STAC -> new StacSink(context, target(context), provenance, formats, quicklook);
            case GEOPARQUET -> new GeoParquetSink(context, target(context));
        };
    }

    /** Whether the sink writes each detection's footprint on the map ({@link PlacedDetection#footprint()}). */
    boolean usesFootprint() {
        return this == GEOJSON || this == GPKG || this == GEOPARQUET;
    }

    /** Whether the sink writes each box centre on the map ({@link PlacedDetection#centre()}). */
    boolean usesCentre() {
        return this == GPKG || this == CSV;
    }

    /**
     * The file this format writes for a scene once committed (for {@link #DOTA}, the scene's part
     * file; the Task files come from {@link #finishRun}).
     */
    public Path target(OutputContext context) {
        return switch (this) {
            case XVIEW -> context.outDir().resolve("xview").resolve(context.sceneFileName() + ".txt");
            case DOTA -> context.outDir().resolve("dota").resolve("parts").resolve(context.stem() + ".part");
            case SAFE_PASSAGE -> context.outDir().resolve("safe-passage").resolve("parts").resolve(context.stem() + ".part");
            case GEOPARQUET -> context.outDir().resolve("geoparquet").resolve(context.stem() + ".parquet");
            default -> context.outDir().resolve(context.stem() + "." + extension);
        };
    }

    /**
     * The run-level finish step, after the last scene: writes what a format assembles from the scenes
     * of a run. Today that is {@link #DOTA}'s submission, {@code dota/Task1_<class>.txt} and
     * {@code Task2_<class>.txt} joined from the scenes' part files (each atomically, empty files for
     * classes without detections); the other formats have nothing to finish.
     *
     * @param outDir  the run's output folder
     * @param formats the formats the run wrote
     * @param stems   the stems of the scenes that completed (their outputs are committed), in scene order
     * @param classes the model's catalog
     * @throws IOException when the run's files cannot be written; the message names the output folder
     */
    public static void finishRun(Path outDir, Set<OutputFormat> formats, List<String> stems, ClassCatalog classes)
            throws IOException {
        finishRun(outDir, formats, stems, classes, Map.of());
    }

    /**
     * {@link #finishRun(Path, Set, List, ClassCatalog)} with the Safe Passage class map: model class
     * name → contest class {@code A} … {@code I} (model classes not in it are left out of the
     * submission, entries naming no class of the model are skipped; an empty map takes the model
     * classes named A … I). {@link #SAFE_PASSAGE} writes
     * {@code safe-passage/submission.csv} from the scenes' parts, atomically.
     */
    public static void finishRun(Path outDir, Set<OutputFormat> formats, List<String> stems, ClassCatalog classes,
            Map<String, String> safePassageClasses) throws IOException {
        if (formats.contains(SAFE_PASSAGE)) {
            try {
                SafePassageSink.assemble(outDir, stems, classes, safePassageClasses);
            } catch (IOException e) {
                throw new IOException(outDir + ": cannot write the Safe Passage submission: " + e.getMessage(), e);
            }
        }
        if (formats.contains(DOTA)) {
            try {
                assembleDota(outDir, stems, classes);
            } catch (IOException e) {
                throw new IOException(outDir + ": cannot write the DOTA submission: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The stems of the scenes whose outputs the folder holds for the run-level step of {@code format}:
     * every committed part file {@code <format's folder>/parts/<stem>.part} of {@link #DOTA} or
     * {@link #SAFE_PASSAGE} (of this run or an earlier one; temporaries, links and other files left out),
     * sorted by stem so that the run-level files do not depend on which run wrote which scene. Empty for
     * a format without a run-level step.
     *
     * @throws IOException when the parts folder cannot be listed
     */
    public static List<String> scenesPresent(Path outDir, OutputFormat format) throws IOException {
        if (format != DOTA && format != SAFE_PASSAGE) {
            return List.of();
        }
        Path parts = outDir.resolve(format == DOTA ? "dota" : "safe-passage").resolve("parts");
        if (!java.nio.file.Files.isDirectory(parts)) {
            return List.of();
        }
        List<String> stems = new java.util.ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> ds = java.nio.file.Files.newDirectoryStream(parts, "*.part")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!dev.seamline.core.io.AtomicFile.isTemporary(p)
                        && java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    stems.add(name.substring(0, name.length() - ".part".length()));
                }
            }
        }
        java.util.Collections.sort(stems);
        return stems;
    }

    /**
     * Writes the DOTA submission of a run: {@code <outDir>/dota/Task1_<class>.txt} and
     * {@code Task2_<class>.txt} for every class of the catalog (empty files for classes without
     * detections, as the devkit opens one file per class), lines of the scenes in the given order,
     * each file atomically. Streams: holds one line at a time.
     *
     * @param outDir the run's output folder
     * @param stems  the stems of the scenes whose parts to join, in scene order; each part must exist
     * @param classes the model's catalog
     * @throws IOException when a part is missing or a file cannot be written
     */
    static void assembleDota(Path outDir, List<String> stems, ClassCatalog classes) throws IOException {
        DotaSink.assemble(outDir, stems, classes);
    }

    /**
     * Checks a Safe Passage class map against the model's catalog before a run (see
     * {@link #finishRun(Path, Set, List, ClassCatalog, Map)}).
     *
     * @throws IllegalArgumentException for a letter outside A–I, or when no model class would reach
     *                                  the submission
     */
    public static void checkSafePassageClasses(Map<String, String> map, ClassCatalog classes) {
        SafePassageSink.resolve(map, classes);
    }

    /**
     * Deletes the temporary files a killed run left in the output folder and its {@code xview/},
     * {@code dota/}, {@code dota/parts/}, {@code safe-passage/}, {@code safe-passage/parts/} and
     * {@code geoparquet/} folders (hidden files named {@code .<name>.<random>.tmp…}).
     *
     * @return how many files were deleted
     */
    public static int deleteTemporaries(Path outDir) throws IOException {
        return PartFile.deleteTemporaries(outDir);
    }
}
