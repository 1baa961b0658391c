package dev.seamline.pipeline.train;

import dev.seamline.core.BadInputException;
import dev.seamline.formats.safepassage.SafePassageCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The label formats {@link SceneLabels} reads, told apart by the file's name and its first bytes: a
 * {@code .txt} is DOTA labelTxt; a {@code .csv} is Safe Passage, SpaceNet or DeepForest by its header;
 * a JSON that names {@code bounds_imcoords} in its first 1 MiB is xView, any other JSON GeoJSON or COCO.
 */
enum LabelFormat {
    GEOJSON_OR_COCO, XVIEW, DOTA, DEEPFOREST, SPACENET, SAFE_PASSAGE;

    private static final int SNIFF_CHARS = 1 << 20;

    static LabelFormat of(Path file) throws BadInputException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return DOTA;
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such label file");
        }
        String head;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[SNIFF_CHARS];
            int n = r.read(buf);
            head = n < 0 ? "" : new String(buf, 0, n);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (name.endsWith(".csv")) {
            String first = head.lines().findFirst().orElse("").strip();
            if (first.startsWith(SafePassageCsv.HEADER)) {
                return SAFE_PASSAGE;
            }
            if (first.contains("PolygonWKT_Pix")) {
                return SPACENET;
            }
            if (first.contains("image_path")) {
                return DEEPFOREST;
            }
            throw new BadInputException(file, "line 1: a CSV of labels must be Safe Passage's (" + SafePassageCsv.HEADER
                    + "), SpaceNet's (ImageId, PolygonWKT_Pix) or DeepForest's (image_path, xmin, ymin, xmax, ymax, label)");
        }
        return head.contains("\"bounds_imcoords\"") ? XVIEW : GEOJSON_OR_COCO;
    }
}
