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
 * <p>A detector's numbers depend (by ~1e-5 px) on which tiles share a forward pass, so a band forms its
 * batches exactly as {@code detect} forms them over the whole scene: consecutive groups of the batch
 * size over the scene's tiles that are not skipped, in row-major order. A band whose rows start or end
 * inside such a batch reads and infers the batch's tiles beyond its rows too ({@link BatchContext}) and
 * drops their detections; which tiles those are needs the skipped (all-nodata) tiles before the band,
 * known without reading when the scene has no nodata value ({@link #skippedTiles} otherwise).
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
     * The tiles a band infers beside its own, only to give its first and last forward passes the tiles
     * {@code detect} gives them. Immutable and serializable.
     *
     * @param lead tiles before the band, in row-major order
     * @param tail tiles after the band, in row-major order
     */
    public record BatchContext(int[] lead, int[] tail) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** Copies the arrays. */
        public BatchContext {
            lead = lead.clone();
            tail = tail.clone();
        }

        @Override
        public int[] lead() {
            return lead.clone();
        }

        @Override
        public int[] tail() {
            return tail.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BatchContext c && java.util.Arrays.equals(lead, c.lead) && java.util.Arrays.equals(tail, c.tail);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(lead) + java.util.Arrays.hashCode(tail);
        }

        @Override
        public String toString() {
            return "BatchContext[lead=" + java.util.Arrays.toString(lead) + ", tail=" + java.util.Arrays.toString(tail) + "]";
        }

        /**
         * The context of the band of tiles {@code [first, end)} in a grid of {@code tiles} tiles whose
         * {@code skipped} tiles (all nodata; empty for a scene without a nodata value) are not inferred,
         * with batches of {@code batchSize}.
         */
        public static BatchContext of(java.util.BitSet skipped, int first, int end, int tiles, int batchSize) {
            int before = 0;
            for (int i = 0; i < first; i++) {
                before += skipped.get(i) ? 0 : 1;
            }
            int inBand = 0;
            for (int i = first; i < end; i++) {
                inBand += skipped.get(i) ? 0 : 1;
            }
            int leadCount = before % batchSize;
            int[] lead = new int[leadCount];
            for (int i = first - 1, k = leadCount - 1; k >= 0; i--) {
                if (!skipped.get(i)) {
                    lead[k--] = i;
                }
            }
            int open = (leadCount + inBand) % batchSize;
            List<Integer> tail = new ArrayList<>();
            for (int i = end; open > 0 && i < tiles && tail.size() < batchSize - open; i++) {
                if (!skipped.get(i)) {
                    tail.add(i);
                }
            }
            return new BatchContext(lead, tail.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * The all-nodata tiles of grid rows {@code [rowFrom, rowTo)}: those {@code detect} skips (none when the
     * scene has no nodata value). Reads the tiles, infers nothing.
     */
    public static java.util.BitSet skippedTiles(Path scenePath, ScenePlan plan, RuntimeOptions runtime, int rowFrom,
            int rowTo) throws SeamlineException {
        TileGrid grid = plan.grid();
        int first = rowFrom * grid.columns();
        int end = rowTo * grid.columns();
        java.util.BitSet skipped = new java.util.BitSet();
        try (Scene scene = Scene.open(scenePath)) {
            if (scene.nodata().isEmpty()) {
                return skipped;
            }
            try (TileSource source = TileSource.open(scene, grid, new TileSource.Options(runtime.readThreads(),
                    2 * runtime.readThreads(), true), index -> index >= first && index < end)) {
                while (source.hasNext()) {
                    TileData data = source.next();
                    if (data.isSkipped()) {
                        skipped.set(data.tile().index());
                    }
                }
            }
        }
        return skipped;
    }

    /**
     * Detects grid rows {@code [rowFrom, rowTo)} of {@code scenePath}.
     *
     * @param plan    the scene's plan, as {@link ScenePlan#of} made it
     * @param context the tiles beyond the rows that share the rows' first and last forward passes
     * @return every tile of those rows, in row-major order
     * @throws IllegalArgumentException when the rows are not within the grid, or the scene's size is not the plan's
     * @throws SeamlineException        when the scene cannot be read or the model fails
     */
    public static List<TileDetections> detect(Path scenePath, ScenePlan plan, Detector detector, DetectOptions options,
            int rowFrom, int rowTo, BatchContext context) throws SeamlineException {
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
            return detect(scene, plan, grid, detector, options.runtime(), rowFrom, rowTo, context);
        }
    }

    private static List<TileDetections> detect(Scene scene, ScenePlan plan, TileGrid grid, Detector detector,
            RuntimeOptions runtime, int rowFrom, int rowTo, BatchContext context) throws SeamlineException {
        SceneRun.Scale scale = plan.scale();
        int first = rowFrom * grid.columns();
        int end = rowTo * grid.columns();
        java.util.BitSet extra = new java.util.BitSet();
        for (int i : context.lead) {
            extra.set(i);
        }
        for (int i : context.tail) {
            extra.set(i);
        }
        List<TileDetections> out = new ArrayList<>(end - first);
        List<TileData> batch = new ArrayList<>(runtime.batchSize());
        try (TileSource source = TileSource.open(scene, grid, new TileSource.Options(runtime.readThreads(),
                Math.max(2 * runtime.readThreads(), runtime.batchSize() + runtime.readThreads()), true),
                index -> index >= first && index < end || extra.get(index))) {
            while (source.hasNext()) {
                TileData data = source.next();
                if (data.isSkipped() && extra.get(data.tile().index())) {
                    throw new IllegalStateException(scene.path() + ": tile " + data.tile().index()
                            + " was planned as a batch neighbour but is all nodata");
                }
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
        out.removeIf(t -> extra.get(t.tileIndex()));
        out.sort(java.util.Comparator.comparingInt(TileDetections::tileIndex));
        return out;
    }

    /** One batch through the model; detections to scene pixels as {@link SceneRun} does it. */
    private static void infer(List<TileData> batch, SceneRun.Scale scale, Detector detector, List<TileDetections> out)
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
