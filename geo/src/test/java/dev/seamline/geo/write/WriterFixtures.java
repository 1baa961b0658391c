package dev.seamline.geo.write;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.geo.Georeferencing;
import dev.seamline.testkit.Rasters;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The small GeoTIFFs the writer tests make, with samples from a formula ({@link #sample}), so a
 * test can check every pixel without a reference file. {@code main(dir)} writes them all; the script
 * {@code src/test/resources/write/make-gdal-facts.sh} runs it and records what GDAL reads from them.
 */
final class WriterFixtures {

    /** WKT of a user-defined Albers CRS (no EPSG code), as GDAL prints it for the solaris sample. */
    static final String ALBERS = "PROJCS[\"unnamed\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\","
            + "SPHEROID[\"GRS 1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
            + "PROJECTION[\"Albers_Conic_Equal_Area\"],PARAMETER[\"latitude_of_center\",23],PARAMETER[\"longitude_of_center\",-96],"
            + "PARAMETER[\"standard_parallel_1\",29.5],PARAMETER[\"standard_parallel_2\",45.5],PARAMETER[\"false_easting\",0],"
            + "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    /** One fixture: its file name, layout, options. */
    record Fixture(String name, GeoTiffLayout layout, GeoTiffOptions options) {
    }

    static Fixture[] all() {
        GeoTiffOptions base = GeoTiffOptions.defaults();
        return new Fixture[] {
            new Fixture("rgb-utm.tif", GeoTiffLayout.of(700, 500, 3, SampleType.UINT8, 256),
                    base.withGeoreferencing(Georeferencing.of(32633, new double[] {500000, 0.3, 0, 5000000, 0, -0.3}))),
            new Fixture("u16-5band-nodata.tif", new GeoTiffLayout(300, 200, 5, SampleType.UINT16, 128, 64),
                    base.withNodata(65535).withGeoreferencing(
                            Georeferencing.of(32755, new double[] {320000.5, 2.0, 0, 6250000.25, 0, -2.0}))),
            new Fixture("rotated.tif", GeoTiffLayout.of(200, 150, 1, SampleType.UINT8, 64),
                    base.withGeoreferencing(Georeferencing.of(32633, new double[] {500000, 0.3, 0.05, 5000000, 0.04, -0.3}))),
            new Fixture("albers-user-defined.tif", GeoTiffLayout.of(160, 120, 1, SampleType.UINT16, 64),
                    base.withGeoreferencing(Georeferencing.of(ALBERS, new double[] {-1000000, 30, 0, 2000000, 0, -30}))),
            new Fixture("wgs84.tif", GeoTiffLayout.of(100, 80, 4, SampleType.UINT8, 32),
                    base.withGeoreferencing(Georeferencing.of(4326, new double[] {10.5, 0.001, 0, 45.25, 0, -0.001}))),
            new Fixture("bigtiff.tif", GeoTiffLayout.of(130, 90, 2, SampleType.UINT8, 64),
                    base.withBigTiff(GeoTiffOptions.BigTiff.ALWAYS).withDeflateLevel(1)),
        };
    }

    /** The sample of band b at image pixel (x, y): a formula, so every pixel can be checked. */
    static int sample(SampleType type, int b, int x, int y) {
        int v = b * 7919 + x * 31 + y * 17 + (x * y) % 13;
        return type == SampleType.UINT8 ? v & 0xFF : v & 0xFFFF;
    }

    /** A buffer of the formula's samples for a window. */
    static PixelBuffer buffer(GeoTiffLayout l, PixelWindow w) {
        return Rasters.buffer(w, w.clip(l.width(), l.height()), IntStream.range(0, l.bandCount()).toArray(), l.sampleType(),
                (b, x, y) -> sample(l.sampleType(), b, x, y));
    }

    /** Writes a fixture, tiles row by row, the edge tiles given as buffers clipped to the image. */
    static Path write(Fixture f, Path dir) throws SeamlineException {
        Path out = dir.resolve(f.name());
        GeoTiffLayout l = f.layout();
        try (GeoTiffWriter w = GeoTiffWriter.create(out, l, f.options())) {
            for (int r = 0; r < l.tileRows(); r++) {
                for (int c = 0; c < l.tileColumns(); c++) {
                    w.writeTile(c, r, buffer(l, l.tileWindow(c, r).clip(l.width(), l.height())));
                }
            }
            w.finish();
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        for (Fixture f : all()) {
            System.out.println(write(f, Path.of(args[0])));
        }
    }
}
