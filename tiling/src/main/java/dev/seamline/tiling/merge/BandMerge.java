package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@link SeamMerger}'s result for a scene whose grid rows were detected in separate row bands (Spark
 * tasks), without shipping every detection to one place. {@link #band} merges, in the band's task, each
 * group of overlapping detections whose footprints cannot reach a neighbour band's tiles, and returns
 * the rest raw; {@link #assemble} (the scene's reducer) merges the raw detections of every band and hands
 * on the bands {@code SeamMerger} would hand on, in its order, with the same contents.
 *
 * <p>Why it is exact: merging is done per connected group of overlapping footprints, and a group's
 * result depends only on its members (ties are broken by coordinates, class, tile and position in the
 * tile's list, never by arrival). A group of one band whose smallest footprint y0 is at or below the
 * bottom of the band above's tiles, and whose largest y1 is at or above the first row of the band
 * below, overlaps no other band's detection, so it is a whole group of the scene. Every merged
 * detection is tagged with the grid row whose release in {@code SeamMerger} emits its group: the
 * smallest row r at or after the group's last tile row with the group's largest y1 at or above
 * {@code rowTop(r + 1)} (the last row when none). Sorting each row's detections into the output order
 * gives {@code SeamMerger}'s bands.
 *
 * <p>Stateless and thread-safe; the values are immutable and serializable.
 */
public final class BandMerge {

    private BandMerge() {
    }

    /**
     * A merged detection and the grid row whose release emits it. Immutable, serializable.
     *
     * @param row       grid row, from 0
     * @param detection the merged detection, scene pixels
     */
    public record Merged(int row, Detection detection) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** @throws NullPointerException for a null detection */
        public Merged {
            Objects.requireNonNull(detection, "detection");
        }
    }

    /**
     * A detection left for the reducer: its tile, its position in the tile's list, and the detection
     * clipped to the tile's window (an oriented one whole), scene pixels. Immutable, serializable.
     *
     * @param tile      the tile's row-major index in the grid
     * @param seq       position in the tile's list of detections, as the detector gave it
     * @param detection the detection as the merger holds it
     */
    public record Raw(int tile, int seq, Detection detection) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** @throws NullPointerException for a null detection */
        public Raw {
            Objects.requireNonNull(detection, "detection");
        }
    }

    /**
     * What one band's task sends its scene's reducer. Immutable, serializable.
     *
     * @param merged the band's groups merged in the task, unsorted
     * @param raw    the detections of the groups that may reach a neighbour band
     */
    public record Part(List<Merged> merged, List<Raw> raw) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Copies the lists. */
        public Part {
            merged = List.copyOf(merged);
            raw = List.copyOf(raw);
        }
    }

    /**
     * Merges what grid rows {@code [rowFrom, rowTo)} can merge alone.
     *
     * @param tiles detections by tile index (scene pixels, the detector's order); tiles of the rows that
     *              are absent have none
     * @throws IllegalArgumentException when the rows are not within the grid or a tile is not in them
     */
    public static Part band(TileGrid grid, MergeStrategy strategy, SeamRule seamRule, int rowFrom, int rowTo,
            Map<Integer, List<Detection>> tiles) {
        if (rowFrom < 0 || rowTo > grid.rows() || rowFrom >= rowTo) {
            throw new IllegalArgumentException("rows [" + rowFrom + ", " + rowTo + ") are not within the grid's "
                    + grid.rows() + " rows");
        }
        int first = rowFrom * grid.columns();
        int end = rowTo * grid.columns();
        for (int index : tiles.keySet()) {
            if (index < first || index >= end) {
                throw new IllegalArgumentException("tile " + index + " is not in rows [" + rowFrom + ", " + rowTo + ")");
            }
        }
        List<PendingDetection> items = new ArrayList<>();
        for (int index = first; index < end; index++) {
            List<Detection> found = tiles.get(index);
            if (found != null) {
                pend(grid, grid.tile(index), found, items);
            }
        }
        if (grid.size() == 1) {
            // SeamMerger's one-tile scene: the detector's own result, clipped, unmerged
            return new Part(items.stream().map(p -> new Merged(0, p.det)).toList(), List.of());
        }
        double top = 0;
        for (int r = 0; r < rowFrom; r++) {
            for (int c = 0; c < grid.columns(); c++) {
                top = Math.max(top, Math.min(grid.sceneHeight(), grid.tile(c, r).window().toBox().y1()));
            }
        }
        double reachTop = top;
        double reachBottom = rowTo < grid.rows() ? grid.rowTop(rowTo) : Double.POSITIVE_INFINITY;
        List<Detection> out = new ArrayList<>();
        IntList tags = new IntList();
        List<PendingDetection> open = new ArrayList<>();
        new ComponentMerger(strategy, seamRule).run(items, (minY, maxY, lastRow) ->
                minY >= reachTop && maxY <= reachBottom ? releaseRow(grid, maxY, lastRow) : ComponentMerger.Release.OPEN,
                out, tags, open);
        List<Merged> merged = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            merged.add(new Merged(tags.data[k], out.get(k)));
        }
        List<Raw> raw = new ArrayList<>(open.size());
        for (PendingDetection p : open) {
            raw.add(new Raw(p.tile.index(), p.seq, p.det));
        }
        return new Part(merged, raw);
    }

    /**
     * Merges the raw detections of every band of a scene and hands {@code sink} the bands
     * {@link SeamMerger} would hand it for the whole scene, in its order: each a non-empty list sorted
     * by y0, x0, y1, x1, class, descending score.
     *
     * @param parts one part per band, every band of the grid exactly once, in any order
     */
    public static void assemble(TileGrid grid, MergeStrategy strategy, SeamRule seamRule, Collection<Part> parts,
            Consumer<List<Detection>> sink) {
        TreeMap<Integer, List<Detection>> rows = new TreeMap<>();
        List<PendingDetection> items = new ArrayList<>();
        for (Part part : parts) {
            for (Merged m : part.merged()) {
                rows.computeIfAbsent(m.row(), r -> new ArrayList<>()).add(m.detection());
            }
            for (Raw r : part.raw()) {
                Tile tile = grid.tile(r.tile());
                PendingDetection p = PendingDetection.clipped(r.detection(), tile, r.seq(), window(grid, tile));
                if (p != null) {
                    items.add(p);
                }
            }
        }
        List<Detection> out = new ArrayList<>();
        IntList tags = new IntList();
        new ComponentMerger(strategy, seamRule).run(items, (minY, maxY, lastRow) -> releaseRow(grid, maxY, lastRow),
                out, tags, new ArrayList<>());
        for (int k = 0; k < out.size(); k++) {
            rows.computeIfAbsent(tags.data[k], r -> new ArrayList<>()).add(out.get(k));
        }
        for (List<Detection> band : rows.values()) {
            OutputOrder.sort(band);
            sink.accept(Collections.unmodifiableList(band));
        }
    }

    /** The row whose release in SeamMerger emits a group ending at {@code maxY} whose last tile row is {@code lastRow}. */
    private static int releaseRow(TileGrid grid, double maxY, int lastRow) {
        int r = lastRow;
        while (r + 1 < grid.rows() && maxY > grid.rowTop(r + 1)) {
            r++;
        }
        return r;
    }

    private static Box window(TileGrid grid, Tile tile) {
        return tile.window().toBox().intersection(new Box(0, 0, grid.sceneWidth(), grid.sceneHeight()));
    }

    private static void pend(TileGrid grid, Tile tile, List<Detection> found, List<PendingDetection> items) {
        Box window = window(grid, tile);
        int seq = 0;
        for (Detection d : found) {
            PendingDetection p = PendingDetection.clipped(d, tile, seq, window);
            if (p != null) {
                items.add(p);
            }
            seq++;
        }
    }
}
