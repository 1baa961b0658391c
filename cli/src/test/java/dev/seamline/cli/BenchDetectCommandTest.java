package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seamline bench detect}: the detector's rates with inputs built by {@code Detector.prepare},
 * and {@code --scene}, the pipeline against the pure forward passes over the same tiles. The numbers
 * are the machine's; the test holds what they are made of.
 */
class BenchDetectCommandTest {

    private static List<JsonNode> lines(String out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String l : out.strip().split("\n")) {
            nodes.add(json.readTree(l));
        }
        return nodes;
    }

    @Test
    void detectorRatesPerBatchSize() throws Exception {
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--input-size", "64", "--tiles",
                "4", "--batch", "1,2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> rows = lines(r.out());
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonNode row = rows.get(i);
            assertEquals(i + 1, row.get("batch").asInt());
            assertEquals(4, row.get("tiles").asInt());
            assertTrue(row.get("forwardMsPerTile").asDouble() > 0);
            assertTrue(row.get("preprocessMsPerTile").asDouble() > 0, "prepare is timed as preprocessing");
            double share = (row.get("preprocessMsPerTile").asDouble() + row.get("decodeMsPerTile").asDouble())
                    / row.get("forwardMsPerTile").asDouble();
            assertEquals(share, row.get("javaShareOfForward").asDouble(), 1e-3);
        }
    }

    @Test
    void sceneModeComparesThePipelineWithThePureForwardPasses(@TempDir Path dir) throws Exception {
        // 640 x 640 at 0.3 m: 2 x 2 tiles of 512 (overlap 128), the built-in model's GSD
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(640, 640, 5)), dir, 1);
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--scene",
                dir.resolve(SceneFiles.SCENE).toString(), "--runs", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> rows = lines(r.out());
        assertEquals(2, rows.size(), r.out());
        JsonNode run = rows.get(0);
        assertEquals(4, run.get("tiles").asInt());
        double pipeline = run.get("pipelineSeconds").asDouble();
        double inPipeline = run.get("pipelineForwardSeconds").asDouble();
        double pure = run.get("pureForwardSeconds").asDouble();
        assertTrue(inPipeline > 0 && inPipeline < pipeline, run.toString());
        assertTrue(pure > 0);
        // the printed seconds are rounded to the millisecond
        assertEquals(pipeline / pure, run.get("ratio").asDouble(), 0.01 * pipeline / pure);
        // the run between two reference runs: its ratio to their mean
        double bracket = (run.get("pureForwardBeforeSeconds").asDouble() + pure) / 2;
        assertEquals(pipeline / bracket, run.get("bracketRatio").asDouble(), 0.01 * pipeline / bracket);
        assertTrue(!run.has("pipelineCpuMsPerTileByThread"), "sampled only with --cpu-by-thread: " + run);
        JsonNode stages = run.get("stages");
        for (String stage : List.of("setup", "read_wait", "prepare_wait", "infer", "infer_forward", "infer_preprocess",
                "infer_decode", "merge_write", "finish", "total")) {
            assertTrue(stages.has(stage), stage + " in " + stages);
        }
        assertEquals(pipeline, stages.get("total").asDouble(), 1e-3);
        JsonNode summary = rows.get(1);
        assertEquals(1, summary.get("runs").asInt());
        assertEquals(pipeline / pure, summary.get("ratio").asDouble(), 0.01 * pipeline / pure);
        assertEquals(run.get("bracketRatio").asDouble(), summary.get("medianBracketRatio").asDouble(), 1e-4);
        assertTrue(summary.get("loadBefore").asText().matches("[0-9.]+ [0-9.]+ [0-9.]+"), summary.toString());
    }

    @Test
    void sceneModeTakesOneBatchSize() {
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--scene", "x.tif",
                "--batch", "2,4");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("one --batch size"), r.err());
    }

    @Test
    void nullModelCeilingComparesThePipelineWithBenchReadOnTheSameWindows(@TempDir Path dir) throws Exception {
        // 640 x 640: 2 x 2 tiles of 512 (overlap 128) for the zero-cost model
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(640, 640, 5)), dir, 1);
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--null-model", "--scene",
                dir.resolve(SceneFiles.SCENE).toString(), "--runs", "1", "--threads", "2", "--cpu-by-thread");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<JsonNode> rows = lines(r.out());
        assertEquals(2, rows.size(), r.out());
        JsonNode run = rows.get(0);
        assertEquals(4, run.get("tiles").asInt());
        double pipelineRate = run.get("pipelineTilesPerSecond").asDouble();
        double readRate = run.get("readTilesPerSecond").asDouble();
        assertEquals(4 / run.get("pipelineSeconds").asDouble(), pipelineRate, 0.06 * pipelineRate);
        assertEquals(4 / run.get("readSeconds").asDouble(), readRate, 0.06 * readRate);
        assertEquals(pipelineRate / readRate, run.get("ratio").asDouble(), 0.06 * pipelineRate / readRate);
        assertTrue(run.get("streamTilesPerSecond").asDouble() >= pipelineRate, "fixed costs left out: " + run);
        JsonNode stages = run.get("stagesMsPerTile");
        assertTrue(stages.get("infer_forward").asDouble() >= 0 && stages.has("merge_write"), stages.toString());
        JsonNode byThread = run.get("pipelineCpuMsPerTileByThread");
        if (java.nio.file.Files.isDirectory(Path.of("/proc/self/task"))) {
            // the span of the pipeline run only (the JVM's start-up alone is seconds of CPU, hundreds of
            // ms per tile here), nothing of the sampler; each group's count is whole 10 ms ticks
            double sum = 0;
            for (java.util.Iterator<JsonNode> it = byThread.elements(); it.hasNext();) {
                sum += it.next().asDouble();
            }
            double tick = 10.0 / 4; // one tick, ms per tile of this 4-tile scene
            assertTrue(sum > 0 && !byThread.has("seamline-bench-"), byThread.toString());
            assertTrue(sum <= run.get("pipelineCpuMsPerTile").asDouble() + tick * (byThread.size() + 1),
                    byThread + " against " + run.get("pipelineCpuMsPerTile"));
        }
        JsonNode summary = rows.get(1);
        assertEquals("null-model", summary.get("model").asText());
        assertTrue(summary.has("medianPipelineCpuMsPerTileByThread"), summary.toString());
        assertEquals(2, summary.get("threads").asInt());
    }

    @Test
    void nullModelAndAModelExcludeEachOther(@TempDir Path dir) throws Exception {
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--null-model", "--model",
                dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--null-model and --model exclude each other"), r.err());
    }

    @Test
    void anUnknownInputTransferIsOneLineOfBadInput() throws Exception {
        InfoAndBenchCommandTest.Result r = InfoAndBenchCommandTest.seamline("bench", "detect", "--null-model",
                "--input-transfer", "int4");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--input-transfer: expected float32 or uint8, found \"int4\""), r.err());
    }
}
