package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.seamline.testkit.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input met by the metrics: one-line messages naming the file and the line (the readers' own are in the formats module). */
class BadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return BadInput.write(dir, name, text);
    }

    @Test
    void cocoResultOnAnImageTheGroundTruthLacks() throws Exception {
        Path gt = write("gt.json", "{\"images\": [{\"id\": 1}], \"categories\": [{\"id\": 1, \"name\": \"a\"}], \"annotations\": []}");
        Path r = write("r.json", "[{\"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
        assertEquals(r + ": result 1 is on image 7, which gt.json does not list",
                BadInput.message(() -> Evaluator.evaluate(EvalRequest.of(Metric.COCO, gt, r))));
    }

    @Test
    void dotaUnknownClassMalformedLineAndScore() throws Exception {
        write("labelTxt/P1.txt", "imagesource:x\n0 0 9 0 9 9 0 9 plane 0\n1 1 5 1 5 5 1 5 tank 0\n");
        Path classes = write("classes.txt", "plane\nship\n");
        write("det/Task1_plane.txt", "P1 0.9 0 0 9 0 9 9 0 9\n");
        EvalRequest req = EvalRequest.of(Metric.DOTA_TASK1, dir.resolve("labelTxt"), dir.resolve("det")).withClasses(classes);
        assertEquals(dir.resolve("labelTxt/P1.txt") + ": line 3: unknown class 'tank' (not in classes.txt)",
                BadInput.message(() -> Evaluator.evaluate(req)));
        write("labelTxt/P1.txt", "0 0 9 0 9 9 0 9 plane 0\n");
        write("det/Task1_car.txt", "P1 0.9 0 0 9 0 9 9 0 9\n");
        assertEquals(dir.resolve("det/Task1_car.txt") + ": unknown class 'car' (not in classes.txt)",
                BadInput.message(() -> Evaluator.evaluate(req)));
        Files.delete(dir.resolve("det/Task1_car.txt"));
        write("det/Task1_plane.txt", "P1 0.9 0 0 9 0 9 9 0 9\nP1 0.8 0 0 9 0 9 9\n");
        assertEquals(dir.resolve("det/Task1_plane.txt") + ": line 2: expected 'image score' and 8 coordinates, found 8 fields",
                BadInput.message(() -> Evaluator.evaluate(req)));
        write("det/Task1_plane.txt", "P1 1.2 0 0 9 0 9 9 0 9\n");
        assertEquals(dir.resolve("det/Task1_plane.txt") + ": line 1: score 1.2 is outside [0, 1]",
                BadInput.message(() -> Evaluator.evaluate(req)));
        write("det/Task1_plane.txt", "P1 0.5 0 0 9 0 9 9 0 9\nP7 0.5 0 0 9 0 9 9 0 9\n");
        assertEquals(dir.resolve("det/Task1_plane.txt") + ": line 2: image 'P7' is not in the image set",
                BadInput.message(() -> Evaluator.evaluate(req)));
        write("labelTxt/P1.txt", "0 0 9 0 9 x 0 9 plane 0\n");
        assertEquals(dir.resolve("labelTxt/P1.txt") + ": line 1: coordinate 6 must be a finite number, found 'x'",
                BadInput.message(() -> Evaluator.evaluate(req)));
    }
}
