package dev.seamline.samples.safepassage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Safe Passage set: names on the OS grid, the georeferencing a written image is read back with,
 * and the truth files. Expected corners are worked by hand from the OS grid's letters (TQ is the
 * 100 km square at E 500 km, N 100 km; NT at E 300 km, N 600 km, as on any OS map).
 */
class SafePassageSetTest {

    @Test
    void gridSquaresGiveTheirSouthWestCorners() {
        OsGridName tq = OsGridName.parse("TQ2379_0_0.jpg");
        assertEquals(523_000, tq.squareEasting());
        assertEquals(179_000, tq.squareNorthing());
        OsGridName nt = OsGridName.parse("NT2573_0_0");
        assertEquals(325_000, nt.squareEasting());
        assertEquals(673_000, nt.squareNorthing());
        OsGridName sv = OsGridName.parse("SV0000_0_0"); // the grid's false origin
        assertEquals(0, sv.squareEasting());
        assertEquals(0, sv.squareNorthing());
        OsGridName hu = OsGridName.parse("HU4040_0_0"); // Shetland
        assertEquals(440_000, hu.squareEasting());
        assertEquals(1_140_000, hu.squareNorthing());
        // _col_row: 100 m east per column, 100 m south per row, from the square's north-west corner
        OsGridName r = OsGridName.parse("TQ2379_3_7");
        assertEquals(523_300, r.topLeftEasting());
        assertEquals(179_300, r.topLeftNorthing());
        assertThrows(IllegalArgumentException.class, () -> OsGridName.parse("TI2379_0_0"));
        assertThrows(IllegalArgumentException.class, () -> OsGridName.parse("TQ2379_10_0"));
        assertThrows(IllegalArgumentException.class, () -> OsGridName.parse("scene"));
    }

    @Test
    void aWrittenImageIsWhereItsNameSaysInBritishNationalGrid(@TempDir Path dir) throws Exception {
        SafePassageSet.Written w = SafePassageSet.write(dir, "TQ2379", 37, 1, 5);
        assertEquals(List.of(dir.resolve("TQ2379_7_3.jpg")), w.images());
        try (Scene s = Scene.open(dir.resolve("TQ2379_7_3.jpg"))) {
            assertEquals(2000, s.width());
            assertEquals(2000, s.height());
            assertEquals(3, s.bandCount());
            Georeferencing g = s.georeferencing().orElseThrow();
            assertEquals(27700, g.epsg().orElseThrow());
            // top-left corner: E 523,000 + 7 x 100, N 180,000 - 3 x 100; 5 cm pixels
            assertArrayEquals(new double[] {523_700, 179_700}, g.pixelToCrs(0, 0, dev.seamline.geo.PixelAnchor.CORNER), 1e-6);
            assertArrayEquals(new double[] {523_800, 179_600}, g.pixelToCrs(2000, 2000, dev.seamline.geo.PixelAnchor.CORNER),
                    1e-6);
            assertEquals(0.05, s.groundSampleDistance().orElseThrow(), 0.001); // on the ellipsoid: within 0.04 % of the grid
        }
        List<SafePassageCsv.Row> truth = SafePassageCsv.read(dir.resolve(SafePassageSet.TRUTH));
        List<SafePassageCsv.Row> low = SafePassageCsv.read(dir.resolve(SafePassageSet.LOW_CONFIDENCE));
        assertEquals(VehicleClass.values().length, truth.size());
        assertEquals(VehicleClass.values().length, low.size());
        long high = truth.stream().mapToLong(r -> r.centres().size()).sum();
        long lowCount = low.stream().mapToLong(r -> r.centres().size()).sum();
        int drawn = w.vehicles().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(drawn, high + lowCount);
        assertEquals(w.lowConfidence(), lowCount);
        assertTrue(high > 5, "vehicles in the image: " + high);
        assertTrue(truth.stream().flatMap(r -> r.centres().stream()).allMatch(c -> c.x() < 2000 && c.y() < 2000));
        // the same seed, the same bytes
        Path again = dir.resolve("again");
        SafePassageSet.write(again, "TQ2379", 37, 1, 5);
        assertArrayEquals(Files.readAllBytes(dir.resolve("TQ2379_7_3.jpg")), Files.readAllBytes(again.resolve("TQ2379_7_3.jpg")));
        assertEquals(Files.readString(dir.resolve(SafePassageSet.TRUTH)), Files.readString(again.resolve(SafePassageSet.TRUTH)));
    }
}
