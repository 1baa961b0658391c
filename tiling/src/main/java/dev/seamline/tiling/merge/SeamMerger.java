package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Merges the detections of a tiled scene across tile seams, streaming: tiles are handed in, in any
 * order, and merged detections are handed on band by band as soon as no tile still to come can touch
 * them.
 *
 * <p>Each tile's detections are given in scene pixels ({@link Detection#shift} them from tile pixels
 * first) with the {@link Tile} they came from; a detector sees nothing outside its tile, so axis-aligned
 * boxes are clipped to the tile's window (and the scene), and an oriented box is located by its bounds
 * so clipped. Detections are merged by the {@link SeamRule} and then the {@link MergeStrategy}, within
 * connected groups of overlapping detections; a grid of one tile has no seams, and its detections pass
 * unmerged (clipped only), so that one tile covering the scene gives the detector's own result. When every tile of grid rows 0..r has been accepted or
 * skipped, each group lying wholly above the first row read by grid row r+1 is final: it is merged,
 * and the results (sorted by y0, x0, y1, x1, class, descending score) go to the sink as one band.
 * A group that reaches below that row waits for a later band, so the bands together are not sorted:
 * each band is.
 * Memory holds the detections of the band not yet final, plus those of tiles that arrived ahead of
 * their row. (A chain of overlapping detections reaching down many tile rows, which real scenes do not
 * produce, stays in memory until its last row is done: groups are merged whole, so output is exact.)
 *
 * <p>The bands, their contents and their order are the same whatever the order in which tiles arrive
 * and however many threads deliver them; together they hold exactly what {@link #mergeAll} returns.
 *
 * <p>Thread-safe: {@link #accept} and {@link #skip} may be called from many threads; the sink is called
 * under this merger's lock, from whichever thread completed a band.
 */
public final class SeamMerger {

    private final TileGrid grid;
    private final MergeStrategy strategy;
    private final SeamRule seamRule;
    private final Consumer<List<Detection>> sink;
    private final boolean[] done;
    private final int[] rowRemaining;
    private final List<List<PendingDetection>> early;
    private List<PendingDetection> carried = new ArrayList<>();
    private int nextRow;
    private int held;
    private int maxHeld;
    private boolean finished;

    /**
     * @param grid     the grid the tiles come from
     * @param strategy how overlapping detections merge
     * @param seamRule the seam rule ({@link SeamRule#DEFAULT}, or {@link SeamRule#OFF})
     * @param sink     receives each band as it becomes final, from the top of the scene down; never an
     *                 empty list
     */
    public SeamMerger(TileGrid grid, MergeStrategy strategy, SeamRule seamRule, Consumer<List<Detection>> sink) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.seamRule = Objects.requireNonNull(seamRule, "seamRule");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.done = new boolean[grid.size()];
        this.rowRemaining = new int[grid.rows()];
        java.util.Arrays.fill(rowRemaining, grid.columns());
        this.early = new ArrayList<>(grid.rows());
        for (int r = 0; r < grid.rows(); r++) {
            early.add(null);
        }
    }

    /**
     * Merges a whole tiled scene at once: every tile of {@code grid} not in the map counts as having no
     * detections. Returns the merged detections sorted by y0, x0, y1, x1, class, descending score.
     */
    public static List<Detection> mergeAll(TileGrid grid, MergeStrategy strategy, SeamRule seamRule,
            Map<Tile, List<Detection>> detectionsByTile) {
        List<Detection> out = new ArrayList<>();
        SeamMerger m = new SeamMerger(grid, strategy, seamRule, out::addAll);
        for (Tile t : grid.tiles()) {
            List<Detection> d = detectionsByTile.get(t);
            if (d == null) {
                m.skip(t);
            } else {
                m.accept(t, d);
            }
        }
        m.finish();
        OutputOrder.sort(out);
        return out;
    }

    /**
     * The detections of one tile, in scene pixels.
     *
     * @throws IllegalArgumentException when the tile is not one of the grid's
     * @throws IllegalStateException    when the tile was already given, or after {@link #finish()}
     */
    public synchronized void accept(Tile tile, List<Detection> detections) {
        check(tile);
        Box window = tile.window().toBox().intersection(new Box(0, 0, grid.sceneWidth(), grid.sceneHeight()));
        List<PendingDetection> items = new ArrayList<>(detections.size());
        int seq = 0;
        for (Detection d : detections) {
            PendingDetection p = PendingDetection.clipped(d, tile, seq, window);
            if (p != null) {
                items.add(p);
            }
            seq++;
        }
        deliver(tile, items);
    }

    /**
     * Says that {@code tile} has no detections (it was skipped as nodata, or the detector found nothing).
     *
     * @throws IllegalArgumentException when the tile is not one of the grid's
     * @throws IllegalStateException    when the tile was already given, or after {@link #finish()}
     */
    public synchronized void skip(Tile tile) {
        check(tile);
        deliver(tile, List.of());
    }

    /**
     * Ends the scene: every tile must have been accepted or skipped, and every band has then been
     * handed on.
     *
     * @throws IllegalStateException when tiles are missing (it names the first few)
     */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < done.length && missing.size() < 5; i++) {
            if (!done[i]) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("tiles never given to the merger, for example " + missing);
        }
        finished = true;
    }

    /** Detections held and not yet final: the band in progress plus tiles that arrived early. */
    public synchronized int held() {
        return held;
    }

    /** The largest number of detections held at once so far. */
    public synchronized int maxHeld() {
        return maxHeld;
    }

    private void check(Tile tile) {
        if (finished) {
            throw new IllegalStateException("merger is finished");
        }
        if (!grid.contains(tile)) {
            throw new IllegalArgumentException("tile " + tile + " is not one of this merger's grid");
        }
        if (done[tile.index()]) {
            throw new IllegalStateException("tile " + tile.index() + " (col " + tile.col() + ", row " + tile.row()
                    + ") was already given");
        }
    }

    private void deliver(Tile tile, List<PendingDetection> items) {
        done[tile.index()] = true;
        if (!items.isEmpty()) {
            List<PendingDetection> row = early.get(tile.row());
            if (row == null) {
                early.set(tile.row(), row = new ArrayList<>());
            }
            row.addAll(items);
            held += items.size();
            maxHeld = Math.max(maxHeld, held);
        }
        rowRemaining[tile.row()]--;
        while (nextRow < grid.rows() && rowRemaining[nextRow] == 0) {
            releaseRow(nextRow++);
        }
    }

    private void releaseRow(int row) {
        List<PendingDetection> batch = carried;
        List<PendingDetection> arrived = early.set(row, null);
        if (arrived != null) {
            batch.addAll(arrived);
        }
        double frontier = row + 1 < grid.rows() ? grid.rowTop(row + 1) : Double.POSITIVE_INFINITY;
        List<Detection> out = new ArrayList<>();
        List<PendingDetection> open = new ArrayList<>();
        if (grid.size() == 1) {
            // one tile, no seams: the detector's own result (clipped to the scene), which merging again could
            // only change (a clipped box at the border suppressing an inner one)
            batch.forEach(p -> out.add(p.det));
        } else {
            new ComponentMerger(strategy, seamRule).run(batch, frontier, out, open);
        }
        held -= batch.size() - open.size();
        carried = open;
        if (!out.isEmpty()) {
            OutputOrder.sort(out);
            sink.accept(java.util.Collections.unmodifiableList(out));
        }
    }
}
