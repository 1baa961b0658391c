package dev.seamline.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.core.BadInputException;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.SafePassageCsv.Centre;
import dev.seamline.formats.safepassage.SafePassageCsv.Row;
import dev.seamline.formats.safepassage.VehicleClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dstl Safe Passage CSV: round trip, the contest's spelling, and bad input naming the file and the line. */
class SafePassageCsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTripInTheContestsSpelling() throws Exception {
        List<Row> rows = List.of(new Row("TQ2379_0_0.jpg", VehicleClass.B, List.of(new Centre(12, 1999), new Centre(0.5, 7))),
                new Row("TQ2379_0_0.jpg", VehicleClass.I, List.of()));
        Path f = dir.resolve("sub.csv");
        SafePassageCsv.write(f, rows);
        assertEquals("id,image,class,detections\nTQ2379_0_0_B,TQ2379_0_0.jpg,B,12:1999|0.5:7\nTQ2379_0_0_I,TQ2379_0_0.jpg,I,None\n",
                Files.readString(f));
        assertEquals(rows, SafePassageCsv.read(f));
        // columns by name, in any order; blank lines skipped; an image without extension is its own stem
        Path g = dir.resolve("g.csv");
        Files.writeString(g, "class,detections,image,id\n\nA,3:4,TQ1_0_0,TQ1_0_0_A\n");
        assertEquals(List.of(new Row("TQ1_0_0", VehicleClass.A, List.of(new Centre(3, 4)))), SafePassageCsv.read(g));
        assertEquals(12.0, VehicleClass.A.radius());
        assertEquals(45.0, VehicleClass.I.radius());
        assertEquals(new Centre(10, 0), Centre.ofPixelSpace(10.99, -0.2));
    }

    private String message(String text) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, text);
        BadInputException x = assertThrows(BadInputException.class, () -> SafePassageCsv.read(f));
        assertEquals(1, x.getMessage().lines().count(), x.getMessage());
        return x.getMessage().substring(f.toString().length() + 2);
    }

    @Test
    void badInputNamesTheFileAndTheLine() throws Exception {
        String h = "id,image,class,detections\n";
        assertEquals("line 2: detection '12' is not x:y (non-negative pixel numbers) in '10:20|12'; expected x:y|x:y|… or None",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,10:20|12\n"));
        assertEquals("line 2: detection '-3:4' is not x:y (non-negative pixel numbers) in '-3:4'; expected x:y|x:y|… or None",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,-3:4\n"));
        assertEquals("line 2: detection '1:2:3' is not x:y (non-negative pixel numbers) in '1:2:3'; expected x:y|x:y|… or None",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,1:2:3\n"));
        assertEquals("line 2: detection '' is not x:y (non-negative pixel numbers) in ''; expected x:y|x:y|… or None",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,\n"));
        assertEquals("line 2: detection 'NaN:1' is not x:y (non-negative pixel numbers) in 'NaN:1'; expected x:y|x:y|… or None",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,NaN:1\n"));
        assertEquals("line 3: class must be one of A–I, found 'J'", message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,None\nTQ1_0_0_J,TQ1_0_0.jpg,J,None\n"));
        assertEquals("line 2: class must be one of A–I, found 'a'", message(h + "TQ1_0_0_a,TQ1_0_0.jpg,a,None\n"));
        assertEquals("line 2: id 'TQ1_0_0_B' disagrees with image 'TQ1_0_0.jpg' and class A (expected 'TQ1_0_0_A')",
                message(h + "TQ1_0_0_B,TQ1_0_0.jpg,A,None\n"));
        assertEquals("line 4: a second row for image 'TQ1_0_0.jpg' and class A (the first is line 2)",
                message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A,None\nTQ1_0_0_B,TQ1_0_0.jpg,B,None\nTQ1_0_0_A,TQ1_0_0.jpg,A,1:1\n"));
        assertEquals("line 2: expected 4 columns, found 3", message(h + "TQ1_0_0_A,TQ1_0_0.jpg,A\n"));
        assertEquals("line 1: the header must name id, image, class and detections (id,image,class,detections), found "
                + "'id,image,klass,detections'", message("id,image,klass,detections\n"));
        assertEquals("line 1: empty file, expected the header id,image,class,detections", message(""));
    }
}
