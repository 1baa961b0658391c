package dev.seamline.formats.csv;

import dev.seamline.core.Box;
import dev.seamline.formats.text.Numbers;

/**
 * Seamline's CSV output (RFC 4180, comma-separated, {@code "\n"} line ends): the header
 * {@value #HEADER}, then one row per detection: class name (quoted where RFC 4180 asks), class id,
 * score, the pixel box in scene pixels ((0,0) the top-left corner of the top-left pixel, [x0,x1) ×
 * [y0,y1), no "+1"; {@link Numbers#compact} form), the box centre in the scene CRS (easting first, CRS
 * units) and in WGS84 degrees (lon, lat); the last four fields are empty without georeferencing. The
 * caller georeferences; this class only spells rows. Stateless and thread-safe.
 */
public final class SeamlineCsv {

    /** The header line, without its line end. */
    public static final String HEADER = "class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat";

    private SeamlineCsv() {
    }

    /**
     * Appends one row and its {@code "\n"}.
     *
     * @param crs    the box centre in the scene CRS {x, y}, or null without georeferencing
     * @param lonLat the box centre in WGS84 {lon, lat}, degrees; ignored when {@code crs} is null
     */
    public static StringBuilder appendRow(StringBuilder sb, String className, int classId, double score, Box b, double[] crs,
            double[] lonLat) {
        sb.append(quote(className)).append(',').append(classId).append(',').append(score).append(',')
                .append(Numbers.compact(b.x0())).append(',').append(Numbers.compact(b.y0())).append(',')
                .append(Numbers.compact(b.x1())).append(',').append(Numbers.compact(b.y1())).append(',');
        if (crs != null) {
            sb.append(crs[0]).append(',').append(crs[1]).append(',').append(lonLat[0]).append(',').append(lonLat[1]);
        } else {
            sb.append(",,,");
        }
        return sb.append('\n');
    }

    /** A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break; else as it is. */
    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
