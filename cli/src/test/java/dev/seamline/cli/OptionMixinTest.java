package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared option mixins: values parsed at the edge, before anything runs; one meaning per flag. */
class OptionMixinTest {

    @TempDir
    Path dir;

    private CliTest.Result detect(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("detect", dir.resolve("none.tif").toString(), "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(flags));
        return CliTest.seamline(args.toArray(String[]::new));
    }

    @Test
    void aBadDeviceIsOneLineBeforeAnythingRuns() {
        CliTest.Result r = detect("--device", "tpu");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("seamline: --device: expected auto, cpu, gpu or gpu:N, found 'tpu'"), r.err().lines().toList());
        assertTrue(!dir.resolve("out").toFile().exists(), "nothing ran");
    }

    @Test
    void aBadMergeMethodNamesTheMethods() {
        CliTest.Result r = detect("--merge", "magic");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("seamline: unknown merge method 'magic' (expected one of nms, soft-nms, wbf, nmm)"),
                r.err().lines().toList());
    }

    @Test
    void outOfRangeTilingIsOneLine() {
        CliTest.Result r = detect("--tile", "512", "--overlap", "512");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("seamline: overlap must be in [0, tile size), was 512"), r.err().lines().toList());
    }

    @Test
    void benchDetectSpellsItsOwnSizesAndThreadsApart() {
        // --tile is a tile size and --threads tile-reading threads wherever they appear: bench detect
        // spells the network's input size --input-size, PyTorch's threads --torch-threads, and has no
        // second spelling of the reading threads
        for (String flag : List.of("--tile", "--read-threads")) {
            CliTest.Result r = CliTest.seamline("bench", "detect", flag, "64");
            assertEquals(ExitCodes.BAD_INPUT, r.code(), flag + ": " + r.err());
            assertTrue(r.err().contains("Unknown option") && r.err().contains("'" + flag + "'"), r.err());
        }
    }
}
