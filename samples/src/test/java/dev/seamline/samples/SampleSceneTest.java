package dev.seamline.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample scene in {@code samples/data} is what the generator makes from its recorded
 * seed (see {@code samples/data/README.md}): every file byte for byte.
 */
class SampleSceneTest {

    static final Path DATA = Path.of("data");

    @TempDir
    Path dir;

    @Test
    void regeneratingTheSampleGivesTheCommittedBytes() throws Exception {
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1536, 1536, 26)), dir, 6);
        for (String f : new String[] {SceneFiles.SCENE, SceneFiles.LABELS, SceneFiles.COCO, SceneFiles.XVIEW, SceneFiles.DOTA}) {
            assertArrayEquals(Files.readAllBytes(DATA.resolve(f)), Files.readAllBytes(dir.resolve(f)),
                    f + " differs from samples/data: regenerate it (samples/data/README.md) if the generator changed on purpose");
        }
    }
}
