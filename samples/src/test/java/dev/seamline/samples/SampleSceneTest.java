package dev.seamline.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.PixelWindow;
import dev.seamline.geo.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample scene in {@code samples/data} is what the generator makes from its recorded
 * seed (see {@code samples/data/README.md}): the label files byte for byte, the image pixel for
 * pixel with the same georeferencing. (The image's compressed bytes also match where the JDK's zlib
 * is the one that wrote it; another zlib build may compress the same tiles differently, so the
 * image is compared by its pixels.)
 */
class SampleSceneTest {

    static final Path DATA = Path.of("data");

    @TempDir
    Path dir;

    @Test
    void regeneratingTheSampleGivesTheCommittedLabelsAndPixels() throws Exception {
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1536, 1536, 26)), dir, 1);
        for (String f : new String[] {SceneFiles.LABELS, SceneFiles.COCO, SceneFiles.XVIEW, SceneFiles.DOTA}) {
            assertArrayEquals(Files.readAllBytes(DATA.resolve(f)), Files.readAllBytes(dir.resolve(f)),
                    f + " differs from samples/data: regenerate it (samples/data/README.md) if the generator changed on purpose");
        }
        try (Scene committed = Scene.open(DATA.resolve(SceneFiles.SCENE)); Scene fresh = Scene.open(dir.resolve(SceneFiles.SCENE))) {
            assertEquals(1536, committed.width());
            assertEquals(1536, committed.height());
            assertArrayEquals(fresh.georeferencing().orElseThrow().gridTransform().toArray(),
                    committed.georeferencing().orElseThrow().gridTransform().toArray(), 0);
            assertEquals(fresh.georeferencing().orElseThrow().epsg(), committed.georeferencing().orElseThrow().epsg());
            PixelWindow all = new PixelWindow(0, 0, 1536, 1536);
            int[] rgb = {0, 1, 2};
            assertArrayEquals(fresh.read(all, rgb).asBytes(), committed.read(all, rgb).asBytes(),
                    "scene.tif pixels differ from samples/data: regenerate it if the generator changed on purpose");
        }
    }
}
