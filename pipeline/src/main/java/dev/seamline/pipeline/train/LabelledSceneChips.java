package dev.seamline.pipeline.train;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.builtin.ChipSource;
import dev.seamline.detector.builtin.TrainingChip;
import dev.seamline.geo.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training chips cut from users' labelled GeoTIFFs, read window by window (a scene of any size costs
 * only the windows drawn). Three chips in four are placed around a labelled object drawn uniformly
 * from all scenes (so a scene with many objects is seen more often), the rest anywhere in a scene
 * drawn by area, so the background is learnt too. A chip may reach past a scene's edge: that part is
 * the scene's nodata value (or 0), as the detector sees it at inference.
 *
 * <p>The scenes are read through the model's input bands (1-based, as the bundle lists them) and must
 * be 8-bit: the built-in detector's normalisation is for 8-bit samples.
 *
 * <p>Not thread-safe: the trainer's loader thread is its only caller. Closing closes the scenes.
 */
public final class LabelledSceneChips implements ChipSource, AutoCloseable {

    private final List<Scene> scenes;
    private final List<SceneLabels> labels;
    private final int[] bands;
    /** (scene index, object index) of every object, flattened. */
    private final int[][] objects;
    private final long[] cumulativeArea;

    /**
     * @param scenes     the open scenes, each 8-bit with at least the bands asked for
     * @param labels     each scene's labels, in the same order
     * @param modelBands the model's input bands, 1-based
     * @throws BadInputException naming a scene that is not 8-bit, lacks a band, or a run without labels
     */
    public LabelledSceneChips(List<Scene> scenes, List<SceneLabels> labels, int[] modelBands) throws BadInputException {
        if (scenes.size() != labels.size() || scenes.isEmpty()) {
            throw new IllegalArgumentException("one label set per scene, at least one scene");
        }
        this.scenes = List.copyOf(scenes);
        this.labels = List.copyOf(labels);
        this.bands = new int[modelBands.length];
        List<int[]> all = new ArrayList<>();
        cumulativeArea = new long[scenes.size()];
        long area = 0;
        for (int s = 0; s < scenes.size(); s++) {
            Scene scene = scenes.get(s);
            if (scene.sampleType() != SampleType.UINT8) {
                throw new BadInputException(scene.path(), "is " + scene.sampleType().gdalName()
                        + "; the built-in detector trains on 8-bit (Byte) imagery");
            }
            for (int b = 0; b < modelBands.length; b++) {
                if (modelBands[b] < 1 || modelBands[b] > scene.bandCount()) {
                    throw new BadInputException(scene.path(), "the model reads band " + modelBands[b] + " but the scene has "
                            + scene.bandCount() + " band(s)");
                }
                bands[b] = modelBands[b] - 1;
            }
            for (int o = 0; o < labels.get(s).objects().size(); o++) {
                all.add(new int[] {s, o});
            }
            area += (long) scene.width() * scene.height();
            cumulativeArea[s] = area;
        }
        if (all.isEmpty()) {
            throw new BadInputException(scenes.get(0).path(), "no labelled object in any of the "
                    + scenes.size() + " scene(s): nothing to learn from");
        }
        this.objects = all.toArray(new int[0][]);
    }

    /** Number of labelled objects over all scenes. */
    public int objectCount() {
        return objects.length;
    }

    @Override
    public TrainingChip next(int size, SplittableRandom random) throws SeamlineException {
        int s;
        double cx, cy;
        if (random.nextInt(4) != 0) {
            int[] pick = objects[random.nextInt(objects.length)];
            s = pick[0];
            Box b = labels.get(s).objects().get(pick[1]).box();
            // the object anywhere in the chip, not always at its centre
            cx = b.centerX() + random.nextInt(size) - size / 2.0;
            cy = b.centerY() + random.nextInt(size) - size / 2.0;
        } else {
            long a = random.nextLong(cumulativeArea[cumulativeArea.length - 1]);
            s = 0;
            while (cumulativeArea[s] <= a) {
                s++;
            }
            cx = random.nextInt(scenes.get(s).width());
            cy = random.nextInt(scenes.get(s).height());
        }
        Scene scene = scenes.get(s);
        // keep the chip on the scene where the scene is large enough; small scenes are padded
        int x = clampStart((int) Math.round(cx - size / 2.0), scene.width(), size);
        int y = clampStart((int) Math.round(cy - size / 2.0), scene.height(), size);
        return chipAt(s, x, y, size);
    }

    private static int clampStart(int start, int extent, int size) {
        return extent >= size ? Math.max(0, Math.min(extent - size, start)) : 0;
    }

    /** The chip of {@code size²} whose top-left corner is scene pixel (x, y) of scene {@code s}. */
    TrainingChip chipAt(int s, int x, int y, int size) throws SeamlineException {
        PixelWindow window = new PixelWindow(x, y, size, size);
        PixelBuffer pixels = scenes.get(s).read(window, bands);
        Box chip = new Box(x, y, x + size, y + size);
        List<Detection> in = new ArrayList<>();
        for (Detection d : labels.get(s).objects()) {
            if (d.box().intersectionArea(chip) > 0) {
                in.add(d.shift(-x, -y));
            }
        }
        PixelWindow local = new PixelWindow(0, 0, size, size);
        return new TrainingChip(new PixelBuffer(local, local, pixels.bandCount(), pixels.sampleType(), pixels.asBytes()), in);
    }

    @Override
    public void close() throws SeamlineException {
        SeamlineException first = null;
        for (Scene scene : scenes) {
            try {
                scene.close();
            } catch (SeamlineException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
