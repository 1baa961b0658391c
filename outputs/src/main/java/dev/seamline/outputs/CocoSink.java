package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A COCO results array, streamed, one object per line: {@code image_id} = the context's COCO image
 * id, {@code category_id} = catalog id + 1, {@code bbox} = [x0, y0, width, height] in scene pixels
 * (COCO's [x,y,w,h], no "+1"), {@code score}. Not thread-safe.
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
        Box b = d.box();
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeNumberField("image_id", context.cocoImageId());
        g.writeNumberField("category_id", d.classId() + 1L);
        g.writeArrayFieldStart("bbox");
        g.writeNumber(b.x0());
        g.writeNumber(b.y0());
        g.writeNumber(b.width());
        g.writeNumber(b.height());
        g.writeEndArray();
        g.writeNumberField("score", d.score());
        g.writeEndObject();
    }

    @Override
    void end() throws IOException {
        g.writeRaw('\n');
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
    }
}
