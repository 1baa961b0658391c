package dev.seamline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.ScenePlan;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The band rule and the order tasks start in, without Spark. */
class BandsTest {

    @Test
    void autoGivesTheBenchmarksFourBandsAndOneAndKeepsSlotsBusy() {
        // the built-in model's 512-px tiles overlap by 305: 8,192^2 is 39 x 39 tiles, 2,048^2 is 9 x 9
        int perBand = Bands.autoTilesPerBand(39 * 39 + 8 * 81, 2);
        assertEquals(Bands.AUTO_TILES_PER_BAND, perBand);
        assertEquals(4, Bands.AUTO.bandsFor(39, 39, perBand));
        assertEquals(1, Bands.AUTO.bandsFor(9, 9, perBand));
        // one 2,048^2 scene on two slots: two bands; never more bands than rows, never fewer than one
        assertEquals(2, Bands.AUTO.bandsFor(9, 9, Bands.autoTilesPerBand(81, 2)));
        assertEquals(9, Bands.AUTO.bandsFor(9, 9, Bands.autoTilesPerBand(81, 800)));
        assertEquals(1, Bands.AUTO.bandsFor(1, 1, Bands.autoTilesPerBand(1, 1)));
        assertEquals(3, new Bands(3).bandsFor(9, 9, 1));
        assertEquals(9, new Bands(30).bandsFor(9, 9, 1));
        assertThrows(IllegalArgumentException.class, () -> Bands.parse("0"));
        assertEquals(Bands.AUTO, Bands.parse(" Auto "));
    }

    @Test
    void rowsAreSharedOutEvenlyAndCoverTheGrid() {
        for (int rows = 1; rows < 40; rows++) {
            for (int bands = 1; bands <= rows; bands++) {
                assertEquals(0, Bands.firstRow(0, bands, rows));
                assertEquals(rows, Bands.firstRow(bands, bands, rows));
                for (int b = 0; b < bands; b++) {
                    int n = Bands.firstRow(b + 1, bands, rows) - Bands.firstRow(b, bands, rows);
                    assertEquals(rows / bands + (b < rows % bands ? 1 : 0), n);
                }
            }
        }
    }

    @Test
    void theLongestTasksStartFirst() {
        Map<Integer, ScenePlan> plans = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            plans.put(i, new ScenePlan(2048, 2048, 512, 305, 512, false));
        }
        plans.put(8, new ScenePlan(8192, 8192, 512, 305, 512, false));
        List<String> scenes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8");
        List<BandTask> tasks = SparkDetect.bandTasks(plans, new SparkDetect.Request(scenes, "m",
                DetectOptions.defaults().withQuicklook(false), "out", Bands.AUTO), 2);
        assertEquals(12, tasks.size());
        assertEquals(List.of(8, 8, 8, 8), tasks.subList(0, 4).stream().map(BandTask::scene).toList());
        assertEquals(List.of(0, 1, 2, 3), tasks.subList(0, 4).stream().map(BandTask::band).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), tasks.subList(4, 12).stream().map(BandTask::scene).toList());
    }
}
