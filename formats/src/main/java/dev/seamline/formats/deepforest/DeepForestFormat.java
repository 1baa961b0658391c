package dev.seamline.formats.deepforest;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.Csv;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DeepForest CSV: a header naming {@code image_path}, {@code xmin}, {@code ymin}, {@code xmax},
 * {@code ymax}, {@code label} and, for predictions, {@code score} (or {@code scores}); columns are
 * found by name, in any order (the SJER truth file has xmin,xmax,ymin,ymax). Pixels, (0,0) the
 * top-left corner of the top-left pixel.
 */
public final class DeepForestFormat {

    private DeepForestFormat() {
    }

    /**
     * One row. Immutable and thread-safe.
     *
     * @param imagePath the image_path column
     * @param box       the box, pixels
     * @param label     the label column
     * @param score     the score, NaN for ground truth
     */
    public record Row(String imagePath, Box box, String label, double score) {
    }

    /**
     * Reads a DeepForest CSV.
     *
     * @param predictions true to require a score column, checked to lie in [0, 1]
     * @param labels      when not null, the allowed labels: any other is an error
     * @throws BadInputException naming file and line for a missing column, a non-number or a score outside [0, 1]
     */
    public static List<Row> read(Path file, boolean predictions, java.util.Set<String> labels) throws BadInputException {
        List<Row> out = new ArrayList<>();
        int[][] holder = {null};
        TextLines.read(file, (s, n) -> {
            if (s.isBlank()) {
                return;
            }
            List<String> f = Csv.split(s);
            if (holder[0] == null) {
                int score = f.indexOf("score") >= 0 ? f.indexOf("score") : f.indexOf("scores");
                int[] cols = {f.indexOf("image_path"), f.indexOf("xmin"), f.indexOf("ymin"), f.indexOf("xmax"),
                    f.indexOf("ymax"), f.indexOf("label"), score};
                for (int i = 0; i < 6; i++) {
                    if (cols[i] < 0) {
                        throw new BadInputException(file, "line " + n + ": the header must name image_path, xmin, ymin, "
                                + "xmax, ymax and label");
                    }
                }
                if (predictions && score < 0) {
                    throw new BadInputException(file, "line " + n + ": a predictions file needs a score column");
                }
                holder[0] = cols;
                return;
            }
            int[] cols = holder[0];
            int need = 0;
            for (int x : cols) {
                need = Math.max(need, x + 1);
            }
            if (f.size() < need) {
                throw new BadInputException(file, "line " + n + ": expected " + need + " columns, found " + f.size());
            }
            double x0 = TextLines.parseDouble(file, n, f.get(cols[1]), "xmin");
            double y0 = TextLines.parseDouble(file, n, f.get(cols[2]), "ymin");
            double x1 = TextLines.parseDouble(file, n, f.get(cols[3]), "xmax");
            double y1 = TextLines.parseDouble(file, n, f.get(cols[4]), "ymax");
            String label = f.get(cols[5]);
            if (labels != null && !labels.contains(label)) {
                throw new BadInputException(file, "line " + n + ": unknown class '" + label + "'");
            }
            double score = cols[6] >= 0 && predictions ? TextLines.parseScore(file, n, f.get(cols[6])) : Double.NaN;
            out.add(new Row(f.get(cols[0]), new Box(x0, y0, x1, y1), label, score));
        });
        return out;
    }

    /** Writes rows as {@code image_path,xmin,ymin,xmax,ymax,label[,score]}, atomically. */
    public static void write(Path file, List<Row> rows) throws IOException {
        boolean scores = rows.stream().anyMatch(r -> !Double.isNaN(r.score()));
        StringBuilder sb = new StringBuilder("image_path,xmin,ymin,xmax,ymax,label" + (scores ? ",score" : "") + "\n");
        for (Row r : rows) {
            sb.append(r.imagePath()).append(',').append(num(r.box().x0())).append(',').append(num(r.box().y0())).append(',')
                    .append(num(r.box().x1())).append(',').append(num(r.box().y1())).append(',').append(r.label());
            if (scores) {
                sb.append(',').append(num(r.score()));
            }
            sb.append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
