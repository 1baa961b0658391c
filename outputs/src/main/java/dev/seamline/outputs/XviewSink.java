package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.formats.xview.XviewClasses;
import dev.seamline.formats.xview.XviewFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One xView prediction file, {@code xview/<scene file name>.txt}: lines
 * {@code xmin ymin xmax ymax type_id score} ({@link XviewFormat#appendLine}), scene pixels (no "+1"), type ids from
 * {@link XviewClasses}. Boxes are clipped to the scene (the scorer rejects negative coordinates) and
 * a box with nothing inside the scene is left out; the scorer reads the numbers as floats, so boxes
 * keep their fractions. Not thread-safe.
 */
final class XviewSink extends TextSink {

    private final int[] typeIds;

    XviewSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.typeIds = XviewClasses.typeIds(context.classes());
        start();
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        Box b = d.box().intersection(new Box(0, 0, context.sceneWidth(), context.sceneHeight()));
        if (b.isEmpty()) {
            return;
        }
        int type = d.classId() < typeIds.length && typeIds[d.classId()] > 0 ? typeIds[d.classId()] : d.classId() + 1;
        out.write(XviewFormat.appendLine(new StringBuilder(80), b, type, d.score()).toString());
    }
}
