package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Detection;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.geo.Georeferencer;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seamline's GeoJSON ({@link SeamlineGeoJson}), streamed: one Feature per
 * detection, its polygon the footprint the scene's {@link BandGeoreferencer} placed (the box or
 * oriented box corners taken through the {@link Georeferencer} at the pixel CORNER), closed and
 * counter-clockwise in lon/lat; properties image, class, class_id,
 * score, pixel_box and, for oriented boxes, pixel_polygon. Without georeferencing the geometry is
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
        SeamlineGeoJson.writeCollectionStart(g);
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        double[] ring = georeferenced ? p.footprint().lonLat() : null;
        SeamlineGeoJson.writeFeature(g, ring, context.sceneFileName(), d, context.classes());
    }

    @Override
    void end() throws IOException {
        SeamlineGeoJson.writeCollectionEnd(g);
        g.writeRaw('\n');
        g.flush();
    }
}
