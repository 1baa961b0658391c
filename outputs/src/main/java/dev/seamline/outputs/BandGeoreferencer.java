package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.geo.GeoPolygon;
import dev.seamline.geo.Georeferencer;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The georeferencing stage of a scene's outputs: places each band of finalised detections on the map
 * once, computing only what the scene's sinks write ({@link OutputFormat#usesFootprint()},
 * {@link OutputFormat#usesCentre()}), so that every sink gets the same transformed geometry. Without
 * georeferencing it only wraps the detections. Immutable and thread-safe.
 */
final class BandGeoreferencer {

    private final Georeferencer geo;
    private final boolean footprints;
    private final boolean centres;

    private BandGeoreferencer(Georeferencer geo, boolean footprints, boolean centres) {
        this.geo = geo;
        this.footprints = footprints;
        this.centres = centres;
    }

    /** The stage for a scene whose outputs are the given formats. */
    static BandGeoreferencer of(OutputContext context, Collection<OutputFormat> formats) {
        boolean footprints = false, centres = false;
        for (OutputFormat f : formats) {
            footprints |= f.usesFootprint();
            centres |= f.usesCentre();
        }
        return new BandGeoreferencer(context.georeferencing().map(Georeferencer::new).orElse(null), footprints, centres);
    }

    /** The band's detections with their place on the map, in the band's order. */
    List<PlacedDetection> place(List<Detection> band) {
        List<PlacedDetection> out = new ArrayList<>(band.size());
        for (Detection d : band) {
            out.add(place(d));
        }
        return out;
    }

    private PlacedDetection place(Detection d) {
        if (geo == null) {
            return new PlacedDetection(d, null, null);
        }
        GeoPolygon footprint = null;
        if (footprints) {
            footprint = geo.polygon(d.isOriented() ? d.oriented().corners() : d.box().corners());
        }
        PlacedDetection.Centre centre = null;
        if (centres) {
            Box b = d.box();
            Georeferencing g = geo.georeferencing();
            double[] crs = g.pixelToCrs(b.centerX(), b.centerY(), PixelAnchor.CORNER);
            double[] ll = g.crsToLonLat(crs[0], crs[1]);
            centre = new PlacedDetection.Centre(crs[0], crs[1], ll[0], ll[1]);
        }
        return new PlacedDetection(d, footprint, centre);
    }
}
