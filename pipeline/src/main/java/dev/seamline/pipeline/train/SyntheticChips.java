package dev.seamline.pipeline.train;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.detector.builtin.ChipSource;
import dev.seamline.detector.builtin.TrainingChip;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training chips cut from synthetic scenes rendered in memory. Rendering costs about as much as a
 * training step, so chips come from a pool: pool chip i is rendered once, the first time it is
 * drawn, from scene {@code firstSeed + i / chipsPerScene} at a window chosen by a generator seeded
 * with i (a pure function of i, so a resumed run sees the same pool). Three windows in four are
 * centred near an object of a class drawn uniformly (planes and ships are rare in a scene), the rest
 * fall anywhere, so look-alike distractors are seen as background. Each request then takes a random
 * crop of a pool chip.
 *
 * <p>Not thread-safe: the trainer's loader thread is its only caller.
 */
public final class SyntheticChips implements ChipSource {

    private final long firstSeed;
    private final int sceneSize;
    private final int chipsPerScene;
    private final int poolChipSize;
    private final TrainingChip[] pool;
    private SyntheticScene scene;

    /**
     * @param firstSeed     seed of the first scene; scenes use firstSeed, firstSeed + 1, …
     * @param sceneSize     width and height of each scene, pixels
     * @param poolSize      number of pool chips
     * @param chipsPerScene pool chips cut from each scene
     * @param poolChipSize  pool chip width and height, pixels: at least the largest chip requested
     */
    public SyntheticChips(long firstSeed, int sceneSize, int poolSize, int chipsPerScene, int poolChipSize) {
        if (poolChipSize > sceneSize) {
            throw new IllegalArgumentException("pool chips (" + poolChipSize + ") larger than scenes (" + sceneSize + ")");
        }
        this.firstSeed = firstSeed;
        this.sceneSize = sceneSize;
        this.chipsPerScene = chipsPerScene;
        this.poolChipSize = poolChipSize;
        this.pool = new TrainingChip[poolSize];
    }

    /** Seeds of the scenes this source renders: [firstSeed, firstSeed + scene count). */
    public long lastSeedExclusive() {
        return firstSeed + (pool.length + chipsPerScene - 1) / chipsPerScene;
    }

    @Override
    public TrainingChip next(int size, SplittableRandom random) {
        if (size > poolChipSize) {
            throw new IllegalArgumentException("chip of " + size + " px asked of a pool of " + poolChipSize + " px chips");
        }
        int i = random.nextInt(pool.length);
        TrainingChip chip = pool[i];
        if (chip == null) {
            chip = render(i);
            pool[i] = chip;
        }
        int dx = random.nextInt(poolChipSize - size + 1), dy = random.nextInt(poolChipSize - size + 1);
        return crop(chip, dx, dy, size);
    }

    private TrainingChip render(int index) {
        long seed = firstSeed + index / chipsPerScene;
        if (scene == null || scene.spec().seed() != seed) {
            scene = SyntheticScene.of(SceneSpec.of(sceneSize, sceneSize, seed));
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        List<SceneObject> objects = scene.objects();
        int half = poolChipSize / 2;
        int cx, cy;
        if (!objects.isEmpty() && random.nextInt(4) != 0) {
            int cls = random.nextInt(scene.catalog().size());
            List<SceneObject> ofClass = objects.stream().filter(o -> o.type().id() == cls).toList();
            List<SceneObject> from = ofClass.isEmpty() ? objects : ofClass;
            SceneObject o = from.get(random.nextInt(from.size()));
            cx = (int) o.box().cx() + random.nextInt(poolChipSize) - half;
            cy = (int) o.box().cy() + random.nextInt(poolChipSize) - half;
        } else {
            cx = random.nextInt(sceneSize);
            cy = random.nextInt(sceneSize);
        }
        int x = Math.max(0, Math.min(sceneSize - poolChipSize, cx - half));
        int y = Math.max(0, Math.min(sceneSize - poolChipSize, cy - half));
        PixelWindow window = new PixelWindow(x, y, poolChipSize, poolChipSize);
        List<Detection> labels = new ArrayList<>();
        for (SceneObject o : scene.objectsIn(window)) {
            labels.add(Detection.of(o.box().bounds().shift(-x, -y), o.type().id(), 1.0));
        }
        return new TrainingChip(scene.render(window), labels);
    }

    private static TrainingChip crop(TrainingChip chip, int dx, int dy, int size) {
        int from = chip.image().width();
        if (size == from) {
            return chip;
        }
        byte[] src = chip.image().asBytes(), dst = new byte[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                System.arraycopy(src, c * from * from + (y + dy) * from + dx, dst, c * size * size + y * size, size);
            }
        }
        List<Detection> labels = new ArrayList<>();
        for (Detection d : chip.objects()) {
            Detection moved = d.shift(-dx, -dy);
            if (moved.box().intersectionArea(new dev.seamline.core.Box(0, 0, size, size)) > 0) {
                labels.add(moved);
            }
        }
        PixelWindow w = new PixelWindow(0, 0, size, size);
        return new TrainingChip(new PixelBuffer(w, w, 3, chip.image().sampleType(), dst), labels);
    }
}
