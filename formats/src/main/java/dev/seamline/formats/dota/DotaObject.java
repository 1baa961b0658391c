package dev.seamline.formats.dota;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.Numbers;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ground-truth object of a DOTA {@code labelTxt} file: {@code x1 y1 x2 y2 x3 y3 x4 y4 class difficult},
 * the four corners in pixels ((0,0) the top-left corner of the top-left pixel), clockwise on screen
 * from the object's "head" as DOTA draws them, though order does not matter to the metric.
 * Immutable and thread-safe.
 *
 * @param polygon    x1 y1 … x4 y4, pixels (copied)
 * @param className  DOTA class name, e.g. {@code small-vehicle}
 * @param difficult  DOTA's difficult flag: not counted as a positive, and a detection on it is neither TP nor FP
 */
public record DotaObject(double[] polygon, String className, boolean difficult) {

    /** Checks there are eight coordinates. */
    public DotaObject {
        Objects.requireNonNull(className, "className");
        if (polygon.length != 8) {
            throw new IllegalArgumentException("a DOTA polygon has 8 coordinates, got " + polygon.length);
        }
        polygon = polygon.clone();
    }

    /** The eight coordinates (a copy). */
    @Override
    public double[] polygon() {
        return polygon.clone();
    }

    /** The axis-aligned bounds of the polygon, [x0,y0,x1,y1) pixels. */
    public Box bounds() {
        double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY,
                y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 8; i += 2) {
            x0 = Math.min(x0, polygon[i]);
            x1 = Math.max(x1, polygon[i]);
            y0 = Math.min(y0, polygon[i + 1]);
            y1 = Math.max(y1, polygon[i + 1]);
        }
        return new Box(x0, y0, x1, y1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotaObject d && java.util.Arrays.equals(polygon, d.polygon) && className.equals(d.className)
                && difficult == d.difficult;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(polygon), className, difficult);
    }

    @Override
    public String toString() {
        return "DotaObject" + java.util.Arrays.toString(polygon) + " " + className + (difficult ? " difficult" : "");
    }

    /**
     * Reads a labelTxt file. As the devkit's task1 parser, lines with fewer than 9 fields (the
     * {@code imagesource:} and {@code gsd:} header lines) are skipped; field 10, when present, is the
     * difficult flag (non-zero: difficult).
     *
     * @throws BadInputException naming the file and line for a non-numeric coordinate
     */
    public static List<DotaObject> read(Path file) throws BadInputException {
        List<DotaObject> out = new ArrayList<>();
        TextLines.read(file, (s, n) -> {
            String[] f = TextLines.fields(s);
            if (f.length < 9) {
                return;
            }
            double[] p = new double[8];
            for (int i = 0; i < 8; i++) {
                p[i] = TextLines.parseDouble(file, n, f[i], "coordinate ", i + 1);
            }
            boolean difficult = false;
            if (f.length >= 10) {
                try {
                    difficult = Integer.parseInt(f[9]) != 0;
                } catch (NumberFormatException e) {
                    throw new BadInputException(file, "line " + n + ": the difficult flag must be an integer, found '" + f[9] + "'");
                }
            }
            out.add(new DotaObject(p, f[8], difficult));
        });
        return out;
    }

    /** Writes a labelTxt file (no header lines), atomically. */
    public static void write(Path file, List<DotaObject> objects) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (DotaObject o : objects) {
            for (double v : o.polygon) {
                sb.append(Numbers.compact(v)).append(' ');
            }
            sb.append(o.className).append(' ').append(o.difficult ? 1 : 0).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

}
