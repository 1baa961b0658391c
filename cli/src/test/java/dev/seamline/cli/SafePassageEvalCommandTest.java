package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seamline eval --metric safe-passage}: the JSON's keys, the table, --ignore, the report, bad input. */
class SafePassageEvalCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void scoresWritesJsonTableAndReport() throws Exception {
        Path gt = write("truth.csv", "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,100:100\n"
                + "TQ2379_0_0_B,TQ2379_0_0.jpg,B,300:300|400:400\nTQ2379_0_0_I,TQ2379_0_0.jpg,I,None\n");
        Path pred = write("sub.csv", "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,112:100\n"
                + "TQ2379_0_0_B,TQ2379_0_0.jpg,B,318:324|700:700|1000:1000\n");
        Path low = write("low.csv", "id,image,class,detections\nTQ2379_0_0_B,TQ2379_0_0.jpg,B,1010:1000\n");
        Path json = dir.resolve("sp.json"), report = dir.resolve("report");
        EvalCommandTest.Result r = EvalCommandTest.seamline("eval", "--metric", "safe-passage", "--gt", gt.toString(), "--pred",
                pred.toString(), "--ignore", low.toString(), "--json", json.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        // A at exactly 12 px and B at exactly 30 px are hits; 700:700 is a false positive; 1000:1000 is within 30 px
        // of a low-confidence car (not counted); 400:400 is missed
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("TP", "FP", "FN", "jaccard", "per_class"), iterate(j));
        assertEquals(2, j.get("TP").asInt());
        assertEquals(1, j.get("FP").asInt());
        assertEquals(1, j.get("FN").asInt());
        assertEquals(0.5, j.get("jaccard").asDouble(), 0);
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"), iterate(j.get("per_class")));
        assertEquals(List.of("TP", "FP", "FN", "jaccard"), iterate(j.get("per_class").get("B")));
        assertEquals(1.0 / 3, j.get("per_class").get("B").get("jaccard").asDouble(), 1e-15);
        assertTrue(j.get("per_class").get("I").get("jaccard").isNull());
        assertTrue(r.out().contains("Jaccard = 0.5000"), r.out());
        assertTrue(r.out().contains("1 detections on low-confidence vehicles not counted"), r.out());
        String errors = Files.readString(report.resolve("errors.csv"));
        assertTrue(errors.contains("\nB,1,1,0,0,0,1,1\n"), errors);
    }

    private static List<String> iterate(JsonNode o) {
        List<String> out = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path gt = write("truth.csv", "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,100:100\n");
        Path pred = write("sub.csv", "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,100;100\n");
        EvalCommandTest.Result r = EvalCommandTest.seamline("eval", "--metric", "safe-passage", "--gt", gt.toString(), "--pred",
                pred.toString());
        assertEquals(2, r.code());
        assertEquals("seamline: " + pred + ": line 2: detection '100;100' is not x:y (non-negative pixel numbers) in "
                + "'100;100'; expected x:y|x:y|… or None", r.err().strip());
        r = EvalCommandTest.seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", pred.toString(), "--ignore",
                gt.toString());
        assertEquals(2, r.code());
        assertEquals("seamline: --ignore is for --metric safe-passage only", r.err().strip());
    }
}
