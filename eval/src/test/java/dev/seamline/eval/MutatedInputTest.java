package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seamline.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input never escapes as anything but a one-line {@link BadInputException}: every parity
 * fixture is mutated (bytes flipped, deleted, duplicated, digits changed, lines cut) with fixed seeds
 * and evaluated; each run must either score or fail with a BadInputException naming the file.
 */
class MutatedInputTest {

    @TempDir
    Path dir;

    private static final int ROUNDS = 40;

    private static byte[] mutate(byte[] in, Random r) {
        List<Byte> b = new ArrayList<>(in.length + 8);
        for (byte x : in) {
            b.add(x);
        }
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int p = r.nextInt(b.size());
            switch (r.nextInt(6)) {
                case 0 -> b.set(p, (byte) r.nextInt(128));
                case 1 -> b.remove(p);
                case 2 -> b.add(p, b.get(p));
                case 3 -> b.set(p, (byte) ('0' + r.nextInt(10)));
                case 4 -> b.add(p, (byte) "-.e,: []{}\"9\n".charAt(r.nextInt(13)));
                default -> {
                    int end = Math.min(b.size(), p + r.nextInt(40));
                    b.subList(p, end).clear();
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private void run(EvalRequest req, Path damaged) {
        try {
            Evaluator.evaluate(req);
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            if (!e.getMessage().startsWith(damaged.getParent().toString())) {
                fail("message does not name the file: " + e.getMessage());
            }
        } catch (Exception | Error e) {
            throw new AssertionError(damaged + " (mutated) escaped as " + e, e);
        }
    }

    private Path copyTree(Path src, String name) throws Exception {
        Path dst = dir.resolve(name);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    @Test
    void cocoFiles() throws Exception {
        Path src = Fixtures.resource("coco/edges");
        Random r = new Random(1);
        for (int i = 0; i < ROUNDS; i++) {
            Path d = copyTree(src, "coco" + i);
            Path victim = d.resolve(i % 2 == 0 ? "results.json" : "gt.json");
            Files.write(victim, mutate(Files.readAllBytes(victim), r));
            run(EvalRequest.of(Metric.COCO, d.resolve("gt.json"), d.resolve("results.json")), victim);
        }
    }

    @Test
    void dotaFiles() throws Exception {
        Path src = Fixtures.resource("dota/task1_score_ties");
        Random r = new Random(2);
        for (int i = 0; i < ROUNDS; i++) {
            Path d = copyTree(src, "dota" + i);
            Path victim = i % 2 == 0 ? d.resolve("det/Task1_plane.txt") : d.resolve("labelTxt/P0003.txt");
            Files.write(victim, mutate(Files.readAllBytes(victim), r));
            Metric m = i % 4 < 2 ? Metric.DOTA_TASK1 : Metric.DOTA_TASK2;
            if (m == Metric.DOTA_TASK2) {
                continue; // task1 files are not task2 input
            }
            run(EvalRequest.of(m, d.resolve("labelTxt"), d.resolve("det")).withClasses(d.resolve("classes.txt")), victim);
        }
    }

    @Test
    void xviewFiles() throws Exception {
        Path src = Fixtures.resource("xview/few_chips");
        Random r = new Random(3);
        for (int i = 0; i < ROUNDS; i++) {
            Path d = copyTree(src, "xview" + i);
            Path victim = i % 2 == 0 ? d.resolve("gt.geojson") : d.resolve("pred/126.tif.txt");
            Files.write(victim, mutate(Files.readAllBytes(victim), r));
            run(EvalRequest.of(Metric.XVIEW, d.resolve("gt.geojson"), d.resolve("pred")), victim);
        }
    }

    @Test
    void deepforestAndSpacenetFiles() throws Exception {
        Path src = Fixtures.resource("deepforest");
        Random r = new Random(4);
        for (int i = 0; i < ROUNDS; i++) {
            Path d = copyTree(src, "df" + i);
            Path victim = d.resolve(i % 2 == 0 ? "synthetic_pred.csv" : "synthetic_truth.csv");
            Files.write(victim, mutate(Files.readAllBytes(victim), r));
            run(EvalRequest.of(Metric.DEEPFOREST, d.resolve("synthetic_truth.csv"), d.resolve("synthetic_pred.csv")), victim);
        }
        Path sn = dir.resolve("sn");
        Files.createDirectories(sn);
        String truth = "ImageId,BuildingId,PolygonWKT_Pix\nAOI_1_img1,0,\"POLYGON ((0 0, 30 0, 30 30, 0 30, 0 0))\"\n"
                + "AOI_1_img1,1,\"POLYGON ((50 50, 80 50, 80 90, 50 90, 50 50))\"\n";
        String pred = "ImageId,BuildingId,PolygonWKT_Pix,Confidence\nAOI_1_img1,0,\"POLYGON ((1 0, 30 0, 30 30, 1 30, 1 0))\",1\n"
                + "AOI_1_img1,1,\"POLYGON ((50 50, 80 90, 80 50, 50 90, 50 50))\",2\n";
        for (int i = 0; i < ROUNDS; i++) {
            Path t = sn.resolve("t" + i + ".csv"), p = sn.resolve("p" + i + ".csv");
            Files.writeString(t, truth);
            Files.writeString(p, pred);
            Path victim = i % 2 == 0 ? p : t;
            Files.write(victim, mutate(Files.readAllBytes(victim), r));
            run(EvalRequest.of(Metric.SPACENET, t, p), victim);
        }
    }
}
