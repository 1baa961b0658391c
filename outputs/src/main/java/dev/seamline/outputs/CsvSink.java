package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * CSV (RFC 4180, comma-separated, "\n" line ends): header
 * {@code class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat}, then one row per detection: the
 * pixel box in scene pixels, the box centre in the scene CRS (easting first, CRS units) and in WGS84
 * degrees; the last four are empty without georeferencing. Not thread-safe.
 */
final class CsvSink extends TextSink {

    static final String HEADER = "class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat";

    private final Georeferencing geo;

    CsvSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.geo = context.georeferencing().orElse(null);
        start();
    }

    @Override
    void begin() throws IOException {
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    void write(Detection d) throws IOException {
        Box b = d.box();
        StringBuilder sb = new StringBuilder(160);
        sb.append(quote(context.classes().nameOf(d.classId()))).append(',').append(d.classId()).append(',')
                .append(d.score()).append(',').append(num(b.x0())).append(',').append(num(b.y0())).append(',')
                .append(num(b.x1())).append(',').append(num(b.y1())).append(',');
        if (geo != null) {
            double[] crs = geo.pixelToCrs(b.centerX(), b.centerY(), PixelAnchor.CORNER);
            double[] ll = geo.crsToLonLat(crs[0], crs[1]);
            sb.append(crs[0]).append(',').append(crs[1]).append(',').append(ll[0]).append(',').append(ll[1]);
        } else {
            sb.append(",,,");
        }
        sb.append('\n');
        out.write(sb.toString());
    }

    /** A field quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
