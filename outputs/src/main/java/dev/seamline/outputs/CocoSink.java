package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Detection;
import dev.seamline.formats.coco.CocoResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A COCO results array, streamed, one {@link CocoResult} object per line: {@code image_id} = the
 * context's COCO image id, {@code category_id} = catalog id + 1, {@code bbox} = [x0, y0, width,
 * height] in scene pixels (COCO's [x,y,w,h], no "+1"), {@code score}. Not thread-safe.
 */
final class CocoSink extends TextSink {

    private final JsonGenerator g;

    CocoSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.g = GeoJsonSink.JSON.createGenerator(out);
        start();
    }

    @Override
    void begin() throws IOException {
        g.writeStartArray();
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        g.writeRaw('\n');
        CocoResult.of(context.cocoImageId(), d.classId() + 1L, d.box(), d.score()).writeJson(g);
    }

    @Override
    void end() throws IOException {
        g.writeRaw('\n');
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
    }
}
