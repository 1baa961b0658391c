package dev.seamline.pipeline;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.geo.Scene;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileData;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileSource;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Detection over grid rows {@code [rowFrom, rowTo)} of a scene's full grid ({@link ScenePlan#grid()}):
 * what one Spark task does for one row band. Each tile's detections are shifted (and, for resampled
 * tiles, scaled) to scene pixels exactly as {@code seamline detect} does it, so that merging the tiles
 * of every band with {@link dev.seamline.tiling.merge.SeamMerger} gives {@code detect}'s result.
 * All-nodata tiles are reported as skipped.
 *
 * <p>Which tiles share a forward pass does not matter: the detector fills every short batch with blank
 * tiles up to the batch size, so a tile's detections are the same in a band's batches as in
 * {@code detect}'s (given the same PyTorch thread count). A band reads and infers its own tiles only.
 *
 * <p>Stateless; thread-safe as far as the detector is (its {@code detect} is synchronized).
 */
public final class SceneRows {

    private SceneRows() {
    }

    /**
     * The detections of one tile, scene pixels, in the detector's order. Immutable and thread-safe;
     * serializable.
     *
     * @param tileIndex  row-major index in the scene's full grid
     * @param skipped    the tile was all nodata and not inferred
     * @param detections the detections, scene pixels (empty when skipped)
     */
    public record TileDetections(int tileIndex, boolean skipped, List<Detection> detections) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** Copies the list. */
        public TileDetections {
            detections = List.copyOf(detections);
        }
    }

    /**
     * Detects grid rows {@code [rowFrom, rowTo)} of {@code scenePath}.
     *
     * @param plan    the scene's plan, as {@link ScenePlan#of} made it
     * @return every tile of those rows, in row-major order
     * @throws IllegalArgumentException when the rows are not within the grid, or the scene's size is not the plan's
     * @throws SeamlineException        when the scene cannot be read or the model fails
     */
    public static List<TileDetections> detect(Path scenePath, ScenePlan plan, Detector detector, DetectOptions options,
            int rowFrom, int rowTo) throws SeamlineException {
        Objects.requireNonNull(plan, "plan");
        TileGrid grid = plan.grid();
        if (rowFrom < 0 || rowTo > grid.rows() || rowFrom >= rowTo) {
            throw new IllegalArgumentException("rows [" + rowFrom + ", " + rowTo + ") are not within the grid's "
                    + grid.rows() + " rows");
        }
        try (Scene scene = Scene.open(scenePath)) {
            if (scene.width() != plan.sceneWidth() || scene.height() != plan.sceneHeight()) {
                throw new IllegalArgumentException(scenePath + " is " + scene.width() + "x" + scene.height()
                        + " but was planned as " + plan.sceneWidth() + "x" + plan.sceneHeight());
            }
            return detect(scene, plan, grid, detector, options.runtime(), rowFrom, rowTo);
        }
    }

    private static List<TileDetections> detect(Scene scene, ScenePlan plan, TileGrid grid, Detector detector,
            RuntimeOptions runtime, int rowFrom, int rowTo) throws SeamlineException {
        SceneScale scale = plan.scale();
        int first = rowFrom * grid.columns();
        int end = rowTo * grid.columns();
        List<TileDetections> out = new ArrayList<>(end - first);
        List<TileData> batch = new ArrayList<>(runtime.batchSize());
        try (TileSource source = TileSource.open(scene, grid, new TileSource.Options(runtime.readThreads(),
                Math.max(2 * runtime.readThreads(), runtime.batchSize() + runtime.readThreads()), true),
                index -> index >= first && index < end)) {
            while (source.hasNext()) {
                TileData data = source.next();
                if (data.isSkipped()) {
                    out.add(new TileDetections(data.tile().index(), true, List.of()));
                    continue;
                }
                batch.add(data);
                if (batch.size() == runtime.batchSize()) {
                    infer(batch, scale, detector, out);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                infer(batch, scale, detector, out);
            }
        }
        out.sort(java.util.Comparator.comparingInt(TileDetections::tileIndex));
        return out;
    }

    /** One batch through the model; detections to scene pixels as {@link SceneRun} does it. */
    private static void infer(List<TileData> batch, SceneScale scale, Detector detector, List<TileDetections> out)
            throws SeamlineException {
        int n = batch.size();
        double[] kx = new double[n];
        double[] ky = new double[n];
        List<PixelBuffer> pixels = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            PixelBuffer p = batch.get(k).pixels();
            if (scale.resampled()) {
                int ow = scale.modelSize(p.width());
                int oh = scale.modelSize(p.height());
                kx[k] = (double) p.width() / ow;
                ky[k] = (double) p.height() / oh;
                p = TileResampler.resample(p, ow, oh);
            }
            pixels.add(p);
        }
        List<List<Detection>> found = detector.detect(detector.prepare(pixels));
        for (int k = 0; k < n; k++) {
            Tile tile = batch.get(k).tile();
            List<Detection> shifted = new ArrayList<>(found.get(k).size());
            for (Detection d : found.get(k)) {
                shifted.add(scale.resampled() ? TileResampler.toScene(d, tile.window(), kx[k], ky[k])
                        : d.shift(tile.window().x(), tile.window().y()));
            }
            out.add(new TileDetections(tile.index(), false, shifted));
        }
    }
}
