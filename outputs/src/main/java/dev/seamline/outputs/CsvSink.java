package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.formats.csv.SeamlineCsv;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Seamline's CSV ({@link SeamlineCsv}: header, then one row per detection with the pixel box, the box
 * centre in the scene CRS and in WGS84 degrees; the last four fields empty without georeferencing).
 * Not thread-safe.
 */
final class CsvSink extends TextSink {

    private final Georeferencing geo;

    CsvSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.geo = context.georeferencing().orElse(null);
        start();
    }

    @Override
    void begin() throws IOException {
        out.write(SeamlineCsv.HEADER);
        out.write('\n');
    }

    @Override
    void write(Detection d) throws IOException {
        Box b = d.box();
        double[] crs = null;
        double[] ll = null;
        if (geo != null) {
            crs = geo.pixelToCrs(b.centerX(), b.centerY(), PixelAnchor.CORNER);
            ll = geo.crsToLonLat(crs[0], crs[1]);
        }
        StringBuilder sb = new StringBuilder(160);
        SeamlineCsv.appendRow(sb, context.classes().nameOf(d.classId()), d.classId(), d.score(), b, crs, ll);
        out.write(sb.toString());
    }
}
