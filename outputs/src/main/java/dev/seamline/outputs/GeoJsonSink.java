package dev.seamline.outputs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.Detection;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.geo.GeoPolygon;
import dev.seamline.geo.Georeferencer;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seamline's GeoJSON ({@link SeamlineGeoJson}), streamed: one Feature per
 * detection, its polygon the box (or oriented box) corners taken through the {@link Georeferencer}
 * at the pixel CORNER, closed and counter-clockwise in lon/lat; properties image, class, class_id,
 * score, pixel_box and, for oriented boxes, pixel_polygon. Without georeferencing the geometry is
 * {@code null}. Not thread-safe.
 */
final class GeoJsonSink extends TextSink {

    private static final Logger LOG = LoggerFactory.getLogger(GeoJsonSink.class);
    static final JsonFactory JSON = JsonFactory.builder().build();

    private final Georeferencer geo;
    private final JsonGenerator g;

    GeoJsonSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        this.geo = context.georeferencing().map(Georeferencer::new).orElse(null);
        if (geo == null) {
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
    void write(Detection d) throws IOException {
        double[] px = d.isOriented() ? d.oriented().corners() : d.box().corners();
        double[] ring = null;
        if (geo != null) {
            GeoPolygon poly = geo.polygon(px);
            ring = poly.lonLat();
        }
        SeamlineGeoJson.writeFeature(g, ring, context.sceneFileName(), d, context.classes());
    }

    @Override
    void end() throws IOException {
        SeamlineGeoJson.writeCollectionEnd(g);
        g.writeRaw('\n');
        g.flush();
    }
}
