package dev.seamline.formats.xview;

import dev.seamline.core.io.Printable;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.JsonFields;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.formats.text.JsonMembers;
import dev.seamline.formats.text.Numbers;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * xView files. Ground truth: a GeoJSON FeatureCollection whose features carry properties
 * {@code image_id} (the chip, e.g. {@code 1500.tif}), {@code type_id} and {@code bounds_imcoords}
 * "xmin,ymin,xmax,ymax" (integer pixels). Predictions: a folder with one {@code <image_id>.txt} per
 * chip ({@code 1500.tif.txt}), lines {@code xmin ymin xmax ymax type_id score}. Pixels, (0,0) the
 * top-left corner of the top-left pixel, no "+1".
 */
public final class XviewFormat {

    /** The largest type id accepted (score.py itself keeps 100 class slots; xView's ids run 11–94). */
    public static final int MAX_TYPE_ID = 9999;

    private XviewFormat() {
    }

    /**
     * One ground-truth object. Immutable and thread-safe.
     *
     * @param imageId chip name, e.g. {@code 1500.tif}; "None" for a feature with empty bounds (as score.py)
     * @param typeId  xView class id
     * @param box     the box, pixels
     */
    public record Truth(String imageId, int typeId, Box box) {
    }

    /**
     * One detection. Immutable and thread-safe.
     *
     * @param box    the box, pixels
     * @param typeId xView class id as written (a number; score.py compares it with the GT ids numerically)
     * @param score  confidence in [0, 1]
     */
    public record Detection(Box box, double typeId, double score) {
    }

    /**
     * Reads the ground-truth GeoJSON.
     *
     * @throws BadInputException naming file and line for malformed JSON or bounds that are not four integers
     */
    public static List<Truth> readTruth(Path file) throws BadInputException {
        List<Truth> out = new ArrayList<>();
        // members straight from the parser, only "properties" as a tree (not the geometry)
        JsonMembers.readObjectArrays(file, Set.of("features"), List.of("properties"), (name, f, line) -> {
            JsonNode p = f.path("properties");
            JsonNode b = p.get("bounds_imcoords");
            if (b == null) {
                throw new BadInputException(file, "line " + line + ": feature without properties.bounds_imcoords");
            }
            if (b.isArray() && b.isEmpty()) {
                out.add(new Truth("None", 0, new Box(0, 0, 0, 0)));
                return;
            }
            String[] parts = b.asText().split(",");
            if (parts.length != 4) {
                throw new BadInputException(file, "line " + line + ": bounds_imcoords must be 'xmin,ymin,xmax,ymax', found '"
                        + Printable.escape(b.asText()) + "'");
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Integer.parseInt(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, "line " + line + ": bounds_imcoords must hold integers, found '"
                            + Printable.escape(b.asText()) + "'");
                }
            }
            JsonNode t = p.get("type_id");
            if (t == null || !t.isNumber()) {
                throw new BadInputException(file, "line " + line + ": properties.type_id must be a number");
            }
            double type = t.asDouble();
            if (!(type >= 0 && type <= MAX_TYPE_ID)) {
                throw new BadInputException(file, "line " + line + ": type_id must be an id from 0 to " + MAX_TYPE_ID + ", found "
                        + t.asText());
            }
            out.add(new Truth(JsonFields.text(file, line, p, "image_id"), (int) type, new Box(v[0], v[1], v[2], v[3])));
        });
        return out;
    }

    /**
     * Reads a predictions folder: chip name (file name without {@code .txt}) → detections in file
     * order, chips in name order. As score.py: an empty file stands for one (0,0,0,0) detection of
     * class 0 with score 0; lines with score 0 are dropped.
     *
     * @throws BadInputException naming file and line for a short line, a non-number, a negative
     *                           coordinate or a score outside [0, 1]
     */
    public static Map<String, List<Detection>> readPredictions(Path folder) throws BadInputException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "expected a folder of <image_id>.txt prediction files");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || !name.contains(".txt")) {
                    continue;
                }
                files.add(f);
            }
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot list: " + e.getMessage(), e);
        }
        // the files in parallel; a problem reported as a read in listing order would meet it first
        Object[] read = new Object[files.size()]; // per file: its detections, or its BadInputException
        java.util.stream.IntStream.range(0, read.length).parallel().forEach(i -> {
            try {
                read[i] = readFile(files.get(i));
            } catch (BadInputException e) {
                read[i] = e;
            }
        });
        Map<String, List<Detection>> out = new TreeMap<>();
        for (int i = 0; i < read.length; i++) {
            if (read[i] instanceof BadInputException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Detection> dets = (List<Detection>) read[i];
            String name = files.get(i).getFileName().toString();
            out.put(name.substring(0, name.indexOf(".txt")), dets);
        }
        return out;
    }

    /** Reads one chip's prediction file (see {@link #readPredictions}). */
    public static List<Detection> readFile(Path f) throws BadInputException {
        List<Detection> dets = new ArrayList<>();
        boolean[] anyLine = {false};
        TextLines.read(f, (s, n) -> {
            anyLine[0] = true;
            String[] fl = TextLines.fields(s);
            if (fl.length < 6) {
                throw new BadInputException(f, "line " + n + ": expected 'xmin ymin xmax ymax type_id score', found "
                        + fl.length + " fields");
            }
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                v[i] = TextLines.parseDouble(f, n, fl[i], i < 4 ? "coordinate" : i == 4 ? "type_id" : "score");
            }
            if (!(v[5] >= 0 && v[5] <= 1)) {
                throw new BadInputException(f, "line " + n + ": score " + fl[5] + " is outside [0, 1]");
            }
            if (!(v[5] > 0)) {
                return; // score.py keeps score > 0 only
            }
            if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0) {
                throw new BadInputException(f, "line " + n + ": bounding boxes cannot be negative");
            }
            dets.add(new Detection(new Box(v[0], v[1], v[2], v[3]), v[4], v[5]));
        });
        if (!anyLine[0]) {
            dets.add(new Detection(new Box(0, 0, 0, 0), 0, 0));
        }
        return dets;
    }

    /** Writes one chip's prediction file, atomically. */
    public static void writeFile(Path f, List<Detection> dets) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Detection d : dets) {
            appendLine(sb, d.box(), d.typeId(), d.score());
        }
        AtomicFile.writeString(f, sb.toString());
    }

    /**
     * Appends one prediction line, {@code xmin ymin xmax ymax type_id score} and its {@code "\n"}:
     * coordinates and type id in {@link Numbers#compact} form, the score in full.
     */
    public static StringBuilder appendLine(StringBuilder sb, Box b, double typeId, double score) {
        return sb.append(Numbers.compact(b.x0())).append(' ').append(Numbers.compact(b.y0())).append(' ')
                .append(Numbers.compact(b.x1())).append(' ').append(Numbers.compact(b.y1())).append(' ')
                .append(Numbers.compact(typeId)).append(' ').append(score).append('\n');
    }

    /** Writes a ground-truth GeoJSON (no geometry: score.py reads only the properties), atomically. */
    public static void writeTruth(Path file, List<Truth> truths) throws IOException {
        AtomicFile.write(file, out -> {
            try (JsonGenerator g = JsonInput.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                g.writeArrayFieldStart("features");
                for (Truth t : truths) {
                    g.writeStartObject();
                    g.writeStringField("type", "Feature");
                    g.writeObjectFieldStart("properties");
                    g.writeStringField("image_id", t.imageId());
                    g.writeNumberField("type_id", t.typeId());
                    Box b = t.box();
                    g.writeStringField("bounds_imcoords", (long) b.x0() + "," + (long) b.y0() + "," + (long) b.x1() + ","
                            + (long) b.y1());
                    g.writeEndObject();
                    g.writeNullField("geometry");
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }
}
