package dev.seamline.outputs;

import dev.seamline.eval.SeamlineGeoJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencer;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seamline's GeoJSON ({@code dev.seamline.eval.SeamlineGeoJson}), streamed: one Feature per
 * detection, its polygon the footprint the scene's {@link BandGeoreferencer} computed (the box or
 * oriented box corners taken through the {@link Georeferencer} at the pixel CORNER), closed and
 * counter-clockwise in lon/lat; properties image, class, class_id, score, pixel_box and, for oriented
 * boxes, pixel_polygon. Without georeferencing the geometry is
 * {@code null}. Not thread-safe.
 */
final class GeoJsonSink extends TextSink {

    private static final Logger LOG = LoggerFactory.getLogger(GeoJsonSink.class);
    static final JsonFactory JSON = JsonFactory.builder().build();

    private final boolean georeferenced;
    private final JsonGenerator g;

    GeoJsonSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.georeferenced = context.georeferencing().isPresent();
        if (!georeferenced) {
            LOG.info("{}: no georeferencing; {} gets features with null geometry and pixel boxes in the properties",
                    context.sceneFileName(), target.getFileName());
        }
        this.g = JSON.createGenerator(out);
        start();
    }

    @Override
    void begin() throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        if (!georeferenced) {
            g.writeNullField("geometry");
        } else {
            double[] ring = p.footprint().lonLat();
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "Polygon");
            g.writeArrayFieldStart("coordinates");
            g.writeStartArray();
            for (int i = 0; i < ring.length; i += 2) {
                g.writeStartArray();
                g.writeNumber(ring[i]);
                g.writeNumber(ring[i + 1]);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
        }
        SeamlineGeoJson.writeProperties(g, context.sceneFileName(), d, context.classes());
        g.writeEndObject();
    }

    @Override
    void end() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }
}
