package dev.seamline.pipeline.loop;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.Printable;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.xview.XviewFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A competition's data as it ships: the scenes to detect on and the ground truth to score against,
 * found in the competition's own layout. The scenes are the images the truth names, in the truth's
 * order (an image the truth names but the folder lacks is refused). Immutable and thread-safe.
 *
 * <p>Layouts, under the data folder {@code DATA} (the images folder is {@code DATA/images} when it
 * exists, else the competition's own folder name, else {@code DATA} itself; {@code truth} and
 * {@code images} given to {@link #find} replace the search):
 * <ul>
 * <li>DOTA: {@code labelTxt/<name>.txt} and {@code images/<name>.png} (or .tif/.tiff/.jpg/.jpeg);</li>
 * <li>xView: the one {@code *.geojson} in {@code DATA}; chips {@code <image_id>} in {@code images/},
 *     {@code train_images/} or {@code val_images/};</li>
 * <li>SpaceNet: the one {@code *.csv} in {@code DATA/summaryData} (else in {@code DATA}); images in
 *     {@code images/}, {@code PS-RGB/} or {@code RGB-PanSharpen/}, the file whose stem is the
 *     {@code ImageId} or ends with {@code _<ImageId>} ({@code RGB-PanSharpen_AOI_2_Vegas_img1.tif} for
 *     {@code AOI_2_Vegas_img1});</li>
 * <li>COCO: the one {@code instances*.json} in {@code DATA/annotations} (else in {@code DATA});
 *     images by {@code file_name} in {@code images/} (else {@code DATA});</li>
 * <li>Safe Passage: {@code trainingObservations.csv}, and {@code lowConfidenceObservations.csv} when
 *     present (the low-confidence centres, on which a detection costs nothing); the JPEGs the truth
 *     names in {@code images/} (else {@code DATA}).</li>
 * </ul>
 *
 * @param competition   the competition
 * @param scenes        the scenes, in the truth's order, each once
 * @param truth         the ground truth file (DOTA: the {@code labelTxt} folder)
 * @param lowConfidence Safe Passage's low-confidence centres, if any
 * @param imageIds      the truth's image id of each scene (by scene file name) where it is not the
 *                      file name itself: SpaceNet's {@code ImageId}s; empty otherwise
 */
public record CompetitionData(Competition competition, List<Path> scenes, Path truth, Optional<Path> lowConfidence,
        Map<String, String> imageIds) {

    /** The image file extensions looked for, in order. */
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "tif", "tiff", "jpg", "jpeg");

    /** Checks and copies. */
    public CompetitionData {
        Objects.requireNonNull(competition, "competition");
        scenes = List.copyOf(scenes);
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(lowConfidence, "lowConfidence");
        imageIds = Map.copyOf(imageIds);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("no scenes");
        }
    }

    /**
     * Finds a competition's scenes and truth in its layout.
     *
     * @param data   the data folder
     * @param truth  the ground truth, or {@code null} to look for it in the layout
     * @param images the images folder, or {@code null} to look for it in the layout
     * @param ignore Safe Passage's low-confidence file, or {@code null} to take
     *               {@code lowConfidenceObservations.csv} when present
     * @throws BadInputException naming the folder or file for a layout that does not hold the
     *                           competition's files, a truth that cannot be read, or an image the
     *                           truth names and the folder lacks
     */
    public static CompetitionData find(Competition competition, Path data, Path truth, Path images, Path ignore)
            throws BadInputException {
        if (!Files.isDirectory(data)) {
            throw new BadInputException(data, "expected the competition's data folder");
        }
        Path imageDir = images != null ? images : imagesFolder(competition, data);
        if (!Files.isDirectory(imageDir)) {
            throw new BadInputException(imageDir, "expected the folder of images");
        }
        return switch (competition) {
            case DOTA -> dota(data, truth != null ? truth : data.resolve("labelTxt"), imageDir);
            case XVIEW -> xview(truth != null ? truth : single(data, data, "*.geojson", "the xView truth (*.geojson)"), imageDir);
            case SPACENET -> spacenet(truth != null ? truth : spacenetTruth(data), imageDir);
            case COCO -> coco(truth != null ? truth : cocoTruth(data), imageDir);
            case SAFE_PASSAGE -> safePassage(data, truth != null ? truth : data.resolve("trainingObservations.csv"), imageDir,
                    ignore);
        };
    }

    private static Path imagesFolder(Competition c, Path data) {
        List<String> names = switch (c) {
            case XVIEW -> List.of("images", "train_images", "val_images");
            case SPACENET -> List.of("images", "PS-RGB", "RGB-PanSharpen");
            default -> List.of("images");
        };
        for (String n : names) {
            if (Files.isDirectory(data.resolve(n))) {
                return data.resolve(n);
            }
        }
        return data;
    }

    private static CompetitionData dota(Path data, Path labelDir, Path imageDir) throws BadInputException {
        if (!Files.isDirectory(labelDir)) {
            throw new BadInputException(labelDir, "expected DOTA's labelTxt folder (one <image>.txt per image)");
        }
        TreeSet<String> names = new TreeSet<>();
        for (Path p : list(labelDir, "*.txt")) {
            String n = p.getFileName().toString();
            names.add(n.substring(0, n.length() - 4));
        }
        if (names.isEmpty()) {
            throw new BadInputException(labelDir, "holds no <image>.txt label file");
        }
        List<Path> scenes = new ArrayList<>();
        for (String n : names) {
            scenes.add(imageOf(imageDir, n, labelDir.resolve(n + ".txt")));
        }
        return new CompetitionData(Competition.DOTA, scenes, labelDir, Optional.empty(), Map.of());
    }

    private static CompetitionData xview(Path truth, Path imageDir) throws BadInputException {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (XviewFormat.Truth t : XviewFormat.readTruth(truth)) {
            ids.add(t.imageId());
        }
        List<Path> scenes = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) {
            scenes.add(named(imageDir, id, truth));
        }
        return new CompetitionData(Competition.XVIEW, nonEmpty(scenes, truth), truth, Optional.empty(), Map.of());
    }

    private static Path spacenetTruth(Path data) throws BadInputException {
        Path summary = data.resolve("summaryData");
        return Files.isDirectory(summary) ? single(summary, summary, "*.csv", "the SpaceNet truth CSV")
                : single(data, data, "*.csv", "the SpaceNet truth CSV (or summaryData/*.csv)");
    }

    private static CompetitionData spacenet(Path truth, Path imageDir) throws BadInputException {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (SpaceNetFormat.Footprint f : SpaceNetFormat.readCsv(truth, false)) {
            ids.add(f.imageId());
        }
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Path p : list(imageDir, "*")) {
            String stem = stem(p.getFileName().toString());
            if (!isImage(p)) {
                continue;
            }
            String id = ids.contains(stem) ? stem : null;
            for (int i = stem.indexOf('_'); id == null && i >= 0; i = stem.indexOf('_', i + 1)) {
                if (ids.contains(stem.substring(i + 1))) {
                    id = stem.substring(i + 1);
                }
            }
            if (id != null) {
                Path other = byId.putIfAbsent(id, p);
                if (other != null) {
                    throw new BadInputException(imageDir, "two images are ImageId '" + Printable.escape(id) + "' of "
                            + truth.getFileName() + ": " + other.getFileName() + " and " + p.getFileName());
                }
            }
        }
        List<Path> scenes = new ArrayList<>();
        Map<String, String> imageIds = new LinkedHashMap<>();
        for (String id : ids) {
            Path p = byId.get(id);
            if (p == null) {
                throw new BadInputException(imageDir, "no image for ImageId '" + Printable.escape(id) + "' of "
                        + truth.getFileName() + " (looked for " + id + ".tif or *_" + id + ".tif and the other image types)");
            }
            scenes.add(p);
            imageIds.put(p.getFileName().toString(), id);
        }
        return new CompetitionData(Competition.SPACENET, nonEmpty(scenes, truth), truth, Optional.empty(), imageIds);
    }

    private static Path cocoTruth(Path data) throws BadInputException {
        Path ann = data.resolve("annotations");
        Path dir = Files.isDirectory(ann) && !list(ann, "instances*.json").isEmpty() ? ann : data;
        return single(dir, data, "instances*.json", "the COCO instances file (annotations/instances*.json)");
    }

    private static CompetitionData coco(Path truth, Path imageDir) throws BadInputException {
        List<Path> scenes = new ArrayList<>();
        for (CocoDataset.Image i : CocoDataset.read(truth).images()) {
            Path p = imageDir.resolve(i.fileName());
            scenes.add(Files.isRegularFile(p) ? p : named(imageDir, Path.of(i.fileName()).getFileName().toString(), truth));
        }
        return new CompetitionData(Competition.COCO, nonEmpty(scenes, truth), truth, Optional.empty(), Map.of());
    }

    private static CompetitionData safePassage(Path data, Path truth, Path imageDir, Path ignore) throws BadInputException {
        if (!Files.isRegularFile(truth)) {
            throw new BadInputException(truth, "expected the Safe Passage truth (id,image,class,detections)");
        }
        LinkedHashSet<String> images = new LinkedHashSet<>();
        for (SafePassageCsv.Row r : SafePassageCsv.read(truth)) {
            images.add(r.image());
        }
        List<Path> scenes = new ArrayList<>();
        for (String image : images) {
            Path p = imageDir.resolve(image);
            scenes.add(Files.isRegularFile(p) ? p : imageOf(imageDir, SafePassageCsv.stem(image), truth));
        }
        Path low = ignore != null ? ignore : data.resolve("lowConfidenceObservations.csv");
        Optional<Path> lowConfidence = ignore != null || Files.isRegularFile(low) ? Optional.of(low) : Optional.empty();
        return new CompetitionData(Competition.SAFE_PASSAGE, nonEmpty(scenes, truth), truth, lowConfidence, Map.of());
    }

    // ---------------------------------------------------------------- helpers

    private static List<Path> nonEmpty(List<Path> scenes, Path truth) throws BadInputException {
        if (scenes.isEmpty()) {
            throw new BadInputException(truth, "names no image");
        }
        return scenes;
    }

    /** The image of that stem in the folder, trying the image extensions in order. */
    private static Path imageOf(Path imageDir, String stem, Path namedIn) throws BadInputException {
        for (String ext : IMAGE_EXTENSIONS) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path p = imageDir.resolve(stem + "." + e);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new BadInputException(imageDir, "no image for '" + Printable.escape(stem) + "' of " + namedIn.getFileName()
                + " (looked for " + stem + "." + String.join("|", IMAGE_EXTENSIONS) + ")");
    }

    private static Path named(Path imageDir, String fileName, Path namedIn) throws BadInputException {
        Path p = imageDir.resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(imageDir, "no image '" + Printable.escape(fileName) + "', which "
                    + namedIn.getFileName() + " names");
        }
        return p;
    }

    private static Path single(Path dir, Path data, String glob, String what) throws BadInputException {
        List<Path> found = list(dir, glob);
        if (found.size() != 1) {
            throw new BadInputException(data, (found.isEmpty() ? "holds no " : "holds " + found.size() + " candidates for ")
                    + what + (found.isEmpty() ? "" : ": name one with --gt"));
        }
        return found.get(0);
    }

    private static List<Path> list(Path dir, String glob) throws BadInputException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
