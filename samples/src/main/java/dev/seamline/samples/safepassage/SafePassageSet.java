package dev.seamline.samples.safepassage;

import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.samples.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a set of synthetic Safe Passage images as the contest shipped them, into one folder:
 * {@code <square>_<col>_<row>.jpg} (2,000² RGB, 5 cm, JPEG quality
 * {@value ImageFiles#DEFAULT_JPEG_QUALITY} with the JDK's ImageIO writer), each with a world file
 * {@code .jgw} and an ESRI {@code .prj} (British National Grid, EPSG:27700) placing it where its name
 * says ({@link OsGridName}); {@code trainingObservations.csv}, the contest's CSV
 * ({@code id,image,class,detections}, a row per image and class), with the high-confidence vehicles'
 * centre pixels; {@code lowConfidenceObservations.csv}, the same CSV with the low-confidence ones
 * (see {@link SafePassageImage}). Images are numbered row by row in the km square ({@code _0_0},
 * {@code _1_0} … {@code _9_0}, {@code _0_1} …). Every file appears atomically; the same seed gives
 * the same files. Stateless and thread-safe.
 */
public final class SafePassageSet {

    /** The truth file's name, as the contest's. */
    public static final String TRUTH = "trainingObservations.csv";
    /** The low-confidence file's name. */
    public static final String LOW_CONFIDENCE = "lowConfidenceObservations.csv";

    /** British National Grid as ESRI WKT, as GDAL's {@code MorphToESRI} writes EPSG:27700. */
    static final String BNG_PRJ = "PROJCS[\"British_National_Grid\",GEOGCS[\"GCS_OSGB_1936\",DATUM[\"D_OSGB_1936\","
            + "SPHEROID[\"Airy_1830\",6377563.396,299.3249646]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",400000.0],PARAMETER[\"False_Northing\",-100000.0],"
            + "PARAMETER[\"Central_Meridian\",-2.0],PARAMETER[\"Scale_Factor\",0.9996012717],PARAMETER[\"Latitude_Of_Origin\",49.0],"
            + "UNIT[\"Meter\",1.0]]";

    private SafePassageSet() {
    }

    /**
     * What was written. Immutable and thread-safe.
     *
     * @param images        the image files, in order
     * @param vehicles      vehicles drawn, per class (high and low confidence)
     * @param lowConfidence how many of them are low-confidence
     */
    public record Written(List<Path> images, Map<VehicleClass, Integer> vehicles, int lowConfidence) {
        /** Copies. */
        public Written {
            images = List.copyOf(images);
            vehicles = Map.copyOf(vehicles);
        }
    }

    /**
     * Writes {@code count} images of the km square and the truth files.
     *
     * @param dir    the folder (created if missing)
     * @param square the OS 1 km square, e.g. {@code TQ2379}
     * @param first  the first image's number in the square, 0–99 (row·10 + col)
     * @param count  how many images, with {@code first + count ≤ 100}
     * @param seed   the seed; image k is drawn from {@code seed·1,000,003 + first + k}
     * @throws IllegalArgumentException for a bad square or range
     * @throws SeamlineException        when a file cannot be written
     */
    public static Written write(Path dir, String square, int first, int count, long seed) throws SeamlineException {
        if (first < 0 || count < 1 || first + count > 100) {
            throw new IllegalArgumentException("a km square holds images 0 to 99 (10 x 10 of 100 m); asked for " + count
                    + " from " + first);
        }
        new OsGridName(square, 0, 0); // checks the square
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SeamlineException(dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        List<SafePassageCsv.Row> truth = new ArrayList<>();
        List<SafePassageCsv.Row> low = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        Map<VehicleClass, Integer> counts = new EnumMap<>(VehicleClass.class);
        int lowCount = 0;
        for (int k = first; k < first + count; k++) {
            OsGridName name = new OsGridName(square, k % 10, k / 10);
            SafePassageImage img = SafePassageImage.render(seed * 1_000_003L + k);
            String file = name.stem() + ".jpg";
            Path jpg = dir.resolve(file);
            ImageFiles.writeJpeg(img.image(), jpg, ImageFiles.DEFAULT_JPEG_QUALITY);
            writeText(dir.resolve(name.stem() + ".jgw"), worldFile(name));
            writeText(dir.resolve(name.stem() + ".prj"), BNG_PRJ);
            images.add(jpg);
            Map<VehicleClass, List<SafePassageCsv.Centre>> high = new EnumMap<>(VehicleClass.class);
            Map<VehicleClass, List<SafePassageCsv.Centre>> lowc = new EnumMap<>(VehicleClass.class);
            for (SafePassageImage.Vehicle v : img.vehicles()) {
                counts.merge(v.vehicleClass(), 1, Integer::sum);
                lowCount += v.lowConfidence() ? 1 : 0;
                (v.lowConfidence() ? lowc : high).computeIfAbsent(v.vehicleClass(), c -> new ArrayList<>())
                        .add(SafePassageCsv.Centre.ofPixelSpace(v.cx(), v.cy()));
            }
            for (VehicleClass c : VehicleClass.values()) {
                truth.add(new SafePassageCsv.Row(file, c, high.getOrDefault(c, List.of())));
                low.add(new SafePassageCsv.Row(file, c, lowc.getOrDefault(c, List.of())));
            }
        }
        try {
            SafePassageCsv.write(dir.resolve(TRUTH), truth);
            SafePassageCsv.write(dir.resolve(LOW_CONFIDENCE), low);
        } catch (IOException e) {
            throw new SeamlineException(dir + ": cannot write the truth: " + e.getMessage(), e);
        }
        return new Written(images, counts, lowCount);
    }

    /**
     * The world file of an image: pixel size 0.05 m, no rotation, and the CENTRE of the top-left
     * pixel (a world file's convention): the name's top-left corner + half a pixel east and south.
     */
    static String worldFile(OsGridName name) {
        double half = SafePassageImage.GSD / 2;
        return String.format(Locale.ROOT, "%.2f%n0.00%n0.00%n%.2f%n%.3f%n%.3f%n", SafePassageImage.GSD, -SafePassageImage.GSD,
                name.topLeftEasting() + half, name.topLeftNorthing() - half);
    }

    private static void writeText(Path file, String text) throws SeamlineException {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
