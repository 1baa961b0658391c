package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a preset sets and what it leaves as it was. */
class PresetTest {

    @TempDir
    Path dir;

    @Test
    void resampleIsAPresetKeyAndAPresetWithoutItKeepsTheBase() throws Exception {
        DetectOptions base = Preset.load("default").applyTo(DetectOptions.defaults());
        assertTrue(base.tiling().resample(), "the default preset resamples");
        Path off = Files.writeString(dir.resolve("off.yaml"), "resample: false\noverlap: 64\n");
        DetectOptions o = Preset.load(off.toString()).applyTo(base);
        assertFalse(o.tiling().resample());
        assertEquals(64, o.tiling().overlap());
        Path other = Files.writeString(dir.resolve("other.yaml"), "batch: 2\n");
        DetectOptions kept = Preset.load(other.toString()).applyTo(o);
        assertFalse(kept.tiling().resample(), "a preset that does not say keeps the base's choice");
        assertEquals(2, kept.runtime().batchSize());
    }
}
