package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.safepassage.SafePassageSet;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticClass;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code seamline synth}: writes a synthetic aerial scene of any size with its ground truth
 * ({@link SceneFiles}): {@code scene.tif}, {@code scene.labels.geojson}, {@code scene.coco.json},
 * {@code scene.xview.geojson} and {@code scene.txt} (DOTA). The same options give byte-identical files.
 */
@Command(name = "synth", description = "Write a synthetic aerial scene (tiled GeoTIFF) and its labels "
        + "(GeoJSON, COCO, xView, DOTA). The same seed gives the same bytes.")
final class SynthCommand implements Callable<Integer> {

    static final int MAX_SIDE = 1_000_000;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--width", paramLabel = "W", description = "Scene width, pixels (required without --preset).")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Scene height, pixels (required without --preset).")
    Integer height;

    @Option(names = "--seed", paramLabel = "S", description = "Seed: the same seed gives the same scene (required without "
            + "--preset; default 1 with it).")
    Long seed;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "safe-passage: --images 2,000² JPEGs at 5 cm named by OS grid square (SQUARE_col_row.jpg) with world "
                    + "file and .prj (EPSG:27700), trainingObservations.csv and lowConfidenceObservations.csv.")
    String preset;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10",
            description = "safe-passage: how many images (default: ${DEFAULT-VALUE}; a km square holds 100).")
    int images;

    @Option(names = "--square", paramLabel = "SQUARE", defaultValue = "TQ2379",
            description = "safe-passage: the OS 1 km grid square (default: ${DEFAULT-VALUE}).")
    String square;

    @Option(names = "--first", paramLabel = "K", defaultValue = "0",
            description = "safe-passage: number of the first image in the square, row·10 + col (default: ${DEFAULT-VALUE}); "
                    + "give held-out sets other numbers.")
    int first;

    @Option(names = "--gsd", paramLabel = "M", defaultValue = "0.3",
            description = "Ground sample distance, metres per pixel (default: ${DEFAULT-VALUE}).")
    double gsd;

    @Option(names = "--epsg", paramLabel = "CODE", defaultValue = "32633",
            description = "EPSG code of the scene's projected CRS (default: ${DEFAULT-VALUE}, WGS 84 / UTM 33N).")
    int epsg;

    @Option(names = "--origin", paramLabel = "E,N", description = "Top-left corner of the scene in CRS units "
            + "(default: 500000,5000000).")
    String origin;

    @Option(names = "--deflate-level", paramLabel = "1-9", defaultValue = "1",
            description = "zlib level of the GeoTIFF tiles (default: ${DEFAULT-VALUE}, the fastest; on these scenes "
                    + "GDAL's default 6 costs 3x the CPU for files about 1.5%% smaller).")
    int deflateLevel;

    @Override
    public Integer call() throws SeamlineException {
        if (preset != null) {
            return safePassage();
        }
        if (width == null || height == null || seed == null) {
            throw new BadInputException("--width, --height and --seed are required (or --preset safe-passage)");
        }
        SceneSpec sceneSpec = sceneSpec();
        SyntheticScene scene = SyntheticScene.of(sceneSpec);
        long start = System.nanoTime();
        SceneFiles.write(scene, out, deflateLevel);
        Map<SyntheticClass, Integer> counts = new EnumMap<>(SyntheticClass.class);
        int occluded = 0;
        for (SceneObject o : scene.objects()) {
            counts.merge(o.type(), 1, Integer::sum);
            occluded += o.occluded() ? 1 : 0;
        }
        StringBuilder s = new StringBuilder();
        for (SyntheticClass c : SyntheticClass.values()) {
            s.append(s.length() == 0 ? "" : ", ").append(counts.getOrDefault(c, 0)).append(' ').append(c.dotaName());
        }
        spec.commandLine().getOut().printf("wrote %s (%d x %d px, seed %d): %d objects (%s; %d partly occluded) in %.1f s%n",
                out.resolve(SceneFiles.SCENE), width, height, seed, scene.objects().size(), s, occluded,
                (System.nanoTime() - start) / 1e9);
        return ExitCodes.OK;
    }

    /** {@code --preset safe-passage}: the contest's images and truth ({@link SafePassageSet}). */
    private Integer safePassage() throws SeamlineException {
        if (!preset.equals("safe-passage")) {
            throw new BadInputException("unknown --preset '" + preset + "' (safe-passage)");
        }
        if (width != null || height != null) {
            throw new BadInputException("--preset safe-passage writes 2,000 x 2,000 px images: leave out --width and --height");
        }
        long start = System.nanoTime();
        SafePassageSet.Written w;
        try {
            w = SafePassageSet.write(out, square, first, images, seed != null ? seed : 1);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        StringBuilder s = new StringBuilder();
        int total = 0;
        for (VehicleClass c : VehicleClass.values()) {
            int n = w.vehicles().getOrDefault(c, 0);
            total += n;
            s.append(s.length() == 0 ? "" : ", ").append(c.name()).append(' ').append(n);
        }
        spec.commandLine().getOut().printf("wrote %d Safe Passage image(s) into %s (%s_%d_%d.jpg ...): %d vehicles (%s; %d "
                + "low-confidence) and %s, %s in %.1f s%n", w.images().size(), out, square, first % 10, first / 10, total, s,
                w.lowConfidence(), SafePassageSet.TRUTH, SafePassageSet.LOW_CONFIDENCE, (System.nanoTime() - start) / 1e9);
        return ExitCodes.OK;
    }

    private SceneSpec sceneSpec() throws BadInputException {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new BadInputException("--width and --height must be 1 to " + MAX_SIDE + " pixels, got " + width + " x " + height);
        }
        if (!(gsd >= 0.05 && gsd <= 10)) {
            throw new BadInputException("--gsd must be between 0.05 and 10 metres per pixel, got " + gsd);
        }
        if (epsg <= 0) {
            throw new BadInputException("--epsg must be a positive EPSG code, got " + epsg);
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new BadInputException("--deflate-level must be 1 to 9, got " + deflateLevel);
        }
        SceneSpec s = SceneSpec.of(width, height, seed).withGsd(gsd).withEpsg(epsg);
        if (origin != null) {
            String[] parts = origin.split(",");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                double e = Double.parseDouble(parts[0].strip()), n = Double.parseDouble(parts[1].strip());
                if (!Double.isFinite(e) || !Double.isFinite(n)) {
                    throw new NumberFormatException();
                }
                s = s.withOrigin(e, n);
            } catch (NumberFormatException ex) {
                throw new BadInputException("--origin must be two numbers E,N (easting,northing), got '" + origin + "'");
            }
        }
        return s;
    }
}
