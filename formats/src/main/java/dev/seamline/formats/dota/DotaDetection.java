package dev.seamline.formats.dota;

import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassNames;
import dev.seamline.core.io.Printable;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.Numbers;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of a DOTA submission file: {@code Task1_<class>.txt} lines are
 * {@code image score x1 y1 x2 y2 x3 y3 x4 y4} (an oriented quadrilateral), {@code Task2_<class>.txt}
 * lines are {@code image score xmin ymin xmax ymax}; pixels, (0,0) the top-left corner of the
 * top-left pixel. Immutable and thread-safe.
 *
 * @param image  the image name (labelTxt file name without {@code .txt})
 * @param score  confidence in [0, 1]
 * @param coords 8 numbers (task1) or 4 (task2), copied
 */
public record DotaDetection(String image, double score, double[] coords) {

    /** Checks the coordinate count. */
    public DotaDetection {
        Objects.requireNonNull(image, "image");
        if (coords.length != 8 && coords.length != 4) {
            throw new IllegalArgumentException("a DOTA detection has 8 (task1) or 4 (task2) coordinates");
        }
        coords = coords.clone();
    }

    /** The coordinates (a copy). */
    @Override
    public double[] coords() {
        return coords.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotaDetection d && image.equals(d.image) && score == d.score
                && java.util.Arrays.equals(coords, d.coords);
    }

    @Override
    public int hashCode() {
        return Objects.hash(image, score, java.util.Arrays.hashCode(coords));
    }

    /**
     * Reads every {@code Task<task>_<class>.txt} of a folder: class name → detections in file order.
     *
     * @param task 1 or 2
     * @throws BadInputException naming the file and line for a short line, a non-numeric value or a
     *                           score outside [0, 1]
     */
    public static Map<String, List<DotaDetection>> readFolder(Path folder, int task) throws BadInputException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "expected a folder of Task" + task + "_<class>.txt files");
        }
        Map<String, List<DotaDetection>> out = new TreeMap<>();
        String prefix = "Task" + task + "_";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, prefix + "*.txt")) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                String cls = name.substring(prefix.length(), name.length() - 4);
                out.put(cls, readFile(f, task));
            }
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    /** Reads one Task file. */
    public static List<DotaDetection> readFile(Path file, int task) throws BadInputException {
        int nc = task == 1 ? 8 : 4;
        List<DotaDetection> out = new ArrayList<>();
        TextLines.read(file, (s, n) -> {
            String[] f = TextLines.fields(s);
            if (f.length == 0) {
                return;
            }
            if (f.length != 2 + nc) {
                throw new BadInputException(file, "line " + n + ": expected 'image score' and " + nc + " coordinates, found "
                        + f.length + " fields");
            }
            double score = TextLines.parseScore(file, n, f[1]);
            double[] c = new double[nc];
            for (int i = 0; i < nc; i++) {
                c[i] = TextLines.parseDouble(file, n, f[2 + i], "coordinate ", i + 1);
            }
            out.add(new DotaDetection(f[0], score, c));
        });
        return out;
    }

    /** Writes {@code Task<task>_<class>.txt} files into {@code folder}, one per class, atomically. */
    public static void writeFolder(Path folder, int task, Map<String, List<DotaDetection>> byClass) throws IOException {
        for (Map.Entry<String, List<DotaDetection>> e : byClass.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (DotaDetection d : e.getValue()) {
                appendLine(sb, d.image, d.score, d.coords).append('\n');
            }
            AtomicFile.writeString(folder.resolve(taskFileName(task, e.getKey())), sb.toString());
        }
    }

    /**
     * The file name of one class's submission file, {@code Task<task>_<class>.txt}: the name as given, as
     * the devkit reads it, so the name must be one a model may carry ({@link ClassNames}: no path
     * separator or control character, at most 100 characters); names that pass are their own file
     * names, so no two classes share a file.
     *
     * @throws IllegalArgumentException for a name {@link ClassNames} refuses
     */
    public static String taskFileName(int task, String className) {
        String problem = ClassNames.problem(className);
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException("class name \"" + Printable.escape(className) + "\" " + problem
                    + ": it cannot name a DOTA Task file");
        }
        return "Task" + task + "_" + className + ".txt";
    }

    /**
     * Appends one submission line without its line end: {@code image score} and the coordinates
     * (8 for task 1, 4 for task 2) in {@link Numbers#compact} form, the score in full.
     */
    public static StringBuilder appendLine(StringBuilder sb, String image, double score, double[] coords) {
        sb.append(image).append(' ').append(score);
        for (double v : coords) {
            sb.append(' ').append(Numbers.compact(v));
        }
        return sb;
    }
}
