package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.io.IOException;
import java.nio.file.Path;

/**
 * CSV (RFC 4180, comma-separated, "\n" line ends): header
 * {@code class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat}, then one row per detection: the
 * pixel box in scene pixels, the box centre in the scene CRS (easting first, CRS units) and in WGS84
 * degrees (the scene's {@link BandGeoreferencer} computes them); the last four are empty without
 * georeferencing. Not thread-safe.
 */
final class CsvSink extends TextSink {

    static final String HEADER = "class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat";

    private final boolean georeferenced;

    CsvSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.georeferenced = context.georeferencing().isPresent();
        start();
    }

    @Override
    void begin() throws IOException {
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        Box b = d.box();
        StringBuilder sb = new StringBuilder(160);
        sb.append(quote(context.classes().nameOf(d.classId()))).append(',').append(d.classId()).append(',')
                .append(d.score()).append(',').append(num(b.x0())).append(',').append(num(b.y0())).append(',')
                .append(num(b.x1())).append(',').append(num(b.y1())).append(',');
        if (georeferenced) {
            PlacedDetection.Centre c = p.centre();
            sb.append(c.x()).append(',').append(c.y()).append(',').append(c.lon()).append(',').append(c.lat());
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
