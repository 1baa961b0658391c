package dev.seamline.formats.safepassage;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.core.io.Printable;
import dev.seamline.formats.text.Csv;
import dev.seamline.formats.text.Numbers;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CSV of Dstl's <i>Safe Passage</i> contest, shared by ground truth and submissions:
 * a header {@code id,image,class,detections} (columns found by name), then one row per image and
 * class, where {@code id} is the image's stem (its name without the last extension) + {@code _} +
 * the class letter ({@code TQ2379_0_0.jpg}, {@code B} → {@code TQ2379_0_0_B}), and
 * {@code detections} is the vehicles' centres {@code x:y|x:y|…} or {@code None}.
 *
 * <p>Coordinates are the contest's centre pixels: x the column, y the row, as written (integers in
 * the contest; decimals are read too), never negative. The metric measures distances between these
 * numbers as they are, so their pixel convention does not matter to it; a writer from Seamline's
 * continuous pixel space takes the pixel that holds the point (see {@link Centre#ofPixelSpace}).
 *
 * <p>Bad input (a missing column, a malformed {@code x:y}, a class outside A–I, an {@code id} that
 * disagrees with image and class, a second row of the same image and class) is a
 * {@link BadInputException} naming the file and the line. Stateless and thread-safe.
 */
public final class SafePassageCsv {

    /** The header the contest's files carry, in this order. */
    public static final String HEADER = "id,image,class,detections";

    /** The detections field of a row with none. */
    public static final String NONE = "None";

    private SafePassageCsv() {
    }

    /**
     * A vehicle centre, pixels (x the column, y the row, as the file writes them). Immutable and
     * thread-safe.
     *
     * @param x column, ≥ 0
     * @param y row, ≥ 0
     */
    public record Centre(double x, double y) {
        /** Checks the coordinates are finite and not negative. */
        public Centre {
            if (!(x >= 0 && y >= 0 && Double.isFinite(x) && Double.isFinite(y))) {
                throw new IllegalArgumentException("a centre needs finite, non-negative coordinates, got " + x + ":" + y);
            }
        }

        /**
         * The contest centre of a point of Seamline's continuous pixel space ((0,0) the top-left
         * corner of the top-left pixel): the pixel that holds it, {@code floor(x):floor(y)}; a
         * point left of or above the scene is clamped to pixel 0.
         */
        public static Centre ofPixelSpace(double x, double y) {
            return new Centre(Math.max(0, Math.floor(x)), Math.max(0, Math.floor(y)));
        }

        /** The distance to another centre, pixels. */
        public double distance(Centre o) {
            return Math.hypot(x - o.x, y - o.y);
        }

        /** {@code x:y} as the file spells it (integers without ".0"). */
        public String spell() {
            return Numbers.compact(x) + ":" + Numbers.compact(y);
        }
    }

    /**
     * One row: an image, a class and the centres of that class on it. Immutable and thread-safe.
     *
     * @param image        the image's file name as the contest names it ({@code TQ2379_0_0.jpg})
     * @param vehicleClass the class
     * @param centres      the centres, in file order (empty: {@code None})
     */
    public record Row(String image, VehicleClass vehicleClass, List<Centre> centres) {
        /** Checks and copies. */
        public Row {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(vehicleClass, "vehicleClass");
            if (image.isBlank()) {
                throw new IllegalArgumentException("a row needs an image name");
            }
            centres = List.copyOf(centres);
        }

        /** The row's id: the image stem, {@code _}, the class letter. */
        public String id() {
            return SafePassageCsv.id(image, vehicleClass);
        }
    }

    /**
     * A row read from a file, with its 1-based line number (for messages). Immutable and thread-safe.
     *
     * @param row  the row
     * @param line its line in the file
     */
    public record Entry(Row row, int line) {
    }

    /** The stem of an image name: without its last extension ({@code TQ2379_0_0.jpg} → {@code TQ2379_0_0}). */
    public static String stem(String image) {
        int slash = Math.max(image.lastIndexOf('/'), image.lastIndexOf('\\'));
        String name = image.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The id of an image and class: stem + {@code _} + letter. */
    public static String id(String image, VehicleClass c) {
        return stem(image) + "_" + c.name();
    }

    /** Reads a file's rows, in file order. */
    public static List<Row> read(Path file) throws BadInputException {
        List<Row> out = new ArrayList<>();
        for (Entry e : readEntries(file)) {
            out.add(e.row());
        }
        return out;
    }

    /**
     * Reads a file's rows with their line numbers, in file order; blank lines are skipped.
     *
     * @throws BadInputException naming the file and the line
     */
    public static List<Entry> readEntries(Path file) throws BadInputException {
        List<Entry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int[][] cols = {null};
        TextLines.read(file, (s, n) -> {
            if (s.isBlank()) {
                return;
            }
            List<String> f = Csv.split(s);
            if (cols[0] == null) {
                int[] c = {f.indexOf("id"), f.indexOf("image"), f.indexOf("class"), f.indexOf("detections")};
                for (int x : c) {
                    if (x < 0) {
                        throw new BadInputException(file, "line " + n + ": the header must name id, image, class and "
                                + "detections (" + HEADER + "), found '" + Printable.escape(s.strip()) + "'");
                    }
                }
                cols[0] = c;
                return;
            }
            int[] c = cols[0];
            int need = Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3])) + 1;
            if (f.size() < need) {
                throw new BadInputException(file, "line " + n + ": expected " + need + " columns, found " + f.size());
            }
            String id = f.get(c[0]), image = f.get(c[1]), letter = f.get(c[2]);
            VehicleClass vc = VehicleClass.ofLetter(letter);
            if (vc == null) {
                throw new BadInputException(file, "line " + n + ": class must be one of " + VehicleClass.range() + ", found '"
                        + Printable.escape(letter) + "'");
            }
            if (image.isEmpty()) {
                throw new BadInputException(file, "line " + n + ": the image name is empty");
            }
            String expected = id(image, vc);
            if (!id.equals(expected)) {
                throw new BadInputException(file, "line " + n + ": id '" + Printable.escape(id) + "' disagrees with image '"
                        + Printable.escape(image) + "' and class " + vc.name() + " (expected '" + Printable.escape(expected) + "')");
            }
            Integer before = seen.putIfAbsent(expected, n);
            if (before != null) {
                throw new BadInputException(file, "line " + n + ": a second row for image '" + Printable.escape(image)
                        + "' and class " + vc.name() + " (the first is line " + before + ")");
            }
            out.add(new Entry(new Row(image, vc, centres(file, n, f.get(c[3]))), n));
        });
        if (cols[0] == null) {
            throw new BadInputException(file, "line 1: empty file, expected the header " + HEADER);
        }
        return out;
    }

    /** The centres of a detections field: {@code None} or {@code x:y} parts joined by {@code |}. */
    private static List<Centre> centres(Path file, int line, String field) throws BadInputException {
        if (field.equals(NONE)) {
            return List.of();
        }
        List<Centre> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int bar = field.indexOf('|', start);
            String part = bar < 0 ? field.substring(start) : field.substring(start, bar);
            int colon = part.indexOf(':');
            if (colon < 0 || part.indexOf(':', colon + 1) >= 0) {
                throw malformed(file, line, part, field);
            }
            double x = coordinate(file, line, part.substring(0, colon), part, field);
            double y = coordinate(file, line, part.substring(colon + 1), part, field);
            out.add(new Centre(x, y));
            if (bar < 0) {
                return out;
            }
            start = bar + 1;
        }
    }

    private static double coordinate(Path file, int line, String s, String part, String field) throws BadInputException {
        // digits with an optional fraction: no sign, exponent, blank, hex or NaN
        if (!s.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw malformed(file, line, part, field);
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw malformed(file, line, part, field);
        }
        return v;
    }

    private static BadInputException malformed(Path file, int line, String part, String field) {
        String shown = field.length() > 60 ? field.substring(0, 57) + "..." : field;
        return new BadInputException(file, "line " + line + ": detection '" + Printable.escape(part) + "' is not x:y "
                + "(non-negative pixel numbers) in '" + Printable.escape(shown) + "'; expected x:y|x:y|… or None");
    }

    /** A row's CSV line (no terminator). */
    public static String line(Row r) {
        StringBuilder sb = new StringBuilder();
        sb.append(cell(r.id())).append(',').append(cell(r.image())).append(',').append(r.vehicleClass().name()).append(',');
        if (r.centres().isEmpty()) {
            sb.append(NONE);
        } else {
            for (int i = 0; i < r.centres().size(); i++) {
                sb.append(i == 0 ? "" : "|").append(r.centres().get(i).spell());
            }
        }
        return sb.toString();
    }

    /** Writes the header and the rows, atomically. */
    public static void write(Path file, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(line(r)).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || !s.equals(s.strip()) ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
