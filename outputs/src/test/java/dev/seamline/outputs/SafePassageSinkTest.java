package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.formats.safepassage.SafePassageCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --format safe-passage}: the run's submission from the scenes' parts, byte for byte the
 * fixture {@code eval/src/test/resources/dev/seamline/eval/safepassage/detect_output/pred.csv}, which
 * the Python reference scorer there accepted and scored (its expected.json; eval's test scores it too).
 */
class SafePassageSinkTest {

    static final ClassCatalog CLASSES = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
    static final Map<String, String> MAP = Map.of("small-vehicle", "B", "large-vehicle", "H", "A", "A");
    static final Path FIXTURE = Path.of("../eval/src/test/resources/dev/seamline/eval/safepassage/detect_output/pred.csv");

    @TempDir
    Path tmp;

    private OutputContext context(String image) {
        String stem = image.substring(0, image.lastIndexOf('.'));
        return new OutputContext(tmp.resolve("out"), stem, image, 2000, 2000, Optional.empty(), CLASSES, 1);
    }

    private void write(String image, List<Detection> dets) throws IOException {
        OutputFormatTest.write(OutputFormat.SAFE_PASSAGE, context(image), dets);
    }

    @Test
    void submissionHasARowPerSceneAndClassWithCentrePixels() throws Exception {
        write("TQ2379_0_0.jpg", List.of(
                Detection.of(new Box(90, 80, 110, 120), 0, 0.9), // centre 100:100
                Detection.of(new Box(300.2, 310, 321.7, 330.98), 0, 0.8), // centre 310.95:320.49 -> 310:320
                Detection.of(new Box(-7, 50, 6, 70), 0, 0.7), // centre -0.5:60 -> 0:60 (clamped)
                Detection.of(new OrientedBox(1000.5, 900.5, 90, 40, 0.4), 1, 0.6), // a van: 1000:900
                Detection.of(new Box(1500, 1500, 1600, 1600), 3, 0.9))); // a plane: not in the map, left out
        write("TQ2379_0_1.jpg", List.of()); // nothing found: every class None
        Path out = tmp.resolve("out");
        OutputFormat.finishRun(out, Set.of(OutputFormat.SAFE_PASSAGE), List.of("TQ2379_0_0", "TQ2379_0_1"), CLASSES, MAP);
        Path sub = out.resolve(SafePassageSink.SUBMISSION);
        String text = Files.readString(sub);
        assertEquals(19, text.lines().count()); // header + 2 scenes x 9 classes
        assertTrue(text.contains("\nTQ2379_0_0_B,TQ2379_0_0.jpg,B,100:100|310:320|0:60\n"), text);
        assertTrue(text.contains("\nTQ2379_0_0_H,TQ2379_0_0.jpg,H,1000:900\n"), text);
        assertTrue(text.contains("\nTQ2379_0_1_A,TQ2379_0_1.jpg,A,None\n"), text);
        assertEquals(18, SafePassageCsv.read(sub).size()); // the format's own reader accepts it
        assertEquals(Files.readString(FIXTURE), text, "the fixture the Python reference scored");
    }

    @Test
    void theClassMapIsCheckedAndAMissingPartIsAnError() throws Exception {
        OutputFormat.checkSafePassageClasses(Map.of(), ClassCatalog.ofNames(List.of("A", "B", "car")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.checkSafePassageClasses(Map.of(), CLASSES));
        assertTrue(e.getMessage().contains("safe_passage_classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.checkSafePassageClasses(Map.of("ship", "J"), CLASSES));
        assertTrue(e.getMessage().contains("A to I"), e.getMessage());
        Path out = tmp.resolve("out");
        IOException x = assertThrows(IOException.class,
                () -> OutputFormat.finishRun(out, Set.of(OutputFormat.SAFE_PASSAGE), List.of("nope"), CLASSES, MAP));
        assertTrue(x.getMessage().contains("nope"), x.getMessage());
        assertFalse(Files.exists(out.resolve(SafePassageSink.SUBMISSION)));
    }
}
