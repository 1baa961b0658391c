package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.formats.csv.SeamlineCsv;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Seamline's CSV ({@link SeamlineCsv}: header, then one row per detection with the pixel box, the box
 * centre in the scene CRS and in WGS84 degrees; the last four fields empty without georeferencing).
 * Not thread-safe.
 */
final class CsvSink extends TextSink {

    private final boolean georeferenced;

    CsvSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.georeferenced = context.georeferencing().isPresent();
        start();
    }

    @Override
    void begin() throws IOException {
        out.write(SeamlineCsv.HEADER);
        out.write('\n');
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        Box b = d.box();
        double[] crs = null;
        double[] ll = null;
        if (georeferenced) { // the centre the scene's BandGeoreferencer placed
            PlacedDetection.Centre c = p.centre();
            crs = new double[] {c.x(), c.y()};
            ll = new double[] {c.lon(), c.lat()};
        }
        StringBuilder sb = new StringBuilder(160);
        SeamlineCsv.appendRow(sb, context.classes().nameOf(d.classId()), d.classId(), d.score(), b, crs, ll);
        out.write(sb.toString());
    }
}
