package dev.seamline.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.Box;
import dev.seamline.formats.csv.SeamlineCsv;
import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.text.Numbers;
import dev.seamline.formats.xview.XviewClasses;
import dev.seamline.formats.xview.XviewFormat;
import org.junit.jupiter.api.Test;

/** The line and number spellings the streaming sinks share with the file writers. */
class SpellingTest {

    @Test
    void compactNumbers() {
        assertEquals("12", Numbers.compact(12.0));
        assertEquals("-3", Numbers.compact(-3.0));
        assertEquals("0.5", Numbers.compact(0.5));
        assertEquals("1.0E15", Numbers.compact(1e15));
    }

    @Test
    void xviewAndDotaLines() {
        assertEquals("1 2 30.5 40 18 0.75\n", XviewFormat.appendLine(new StringBuilder(), new Box(1, 2, 30.5, 40), 18, 0.75)
                .toString());
        assertEquals("P1 0.5 1 2 3.5 4", DotaDetection.appendLine(new StringBuilder(), "P1", 0.5, new double[] {1, 2, 3.5, 4})
                .toString());
        assertEquals("Task2_small-vehicle.txt", DotaDetection.taskFileName(2, "small-vehicle"));
        assertEquals(18, XviewClasses.typeId("Small Car").orElseThrow());
        assertEquals(25, XviewClasses.typeId("truck-w-box").orElseThrow());
    }

    @Test
    void csvRows() {
        assertEquals("\"a,b\",3,0.5,1,2,3,4.5,,,,\n",
                SeamlineCsv.appendRow(new StringBuilder(), "a,b", 3, 0.5, new Box(1, 2, 3, 4.5), null, null).toString());
        assertEquals("car,0,1.0,0,0,1,1,500000.5,4000000.0,9.0,45.5\n", SeamlineCsv.appendRow(new StringBuilder(), "car", 0, 1.0,
                new Box(0, 0, 1, 1), new double[] {500000.5, 4e6}, new double[] {9, 45.5}).toString());
        assertEquals("\"say \"\"hi\"\"\"", SeamlineCsv.quote("say \"hi\""));
    }
}
