package dev.seamline.spark;

import dev.seamline.pipeline.SceneRows;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What a band task sends its scene's reducer: every tile of its rows, raw (scene pixels, the
 * detector's order), or why it failed. Immutable and serializable.
 *
 * @param task     the band
 * @param tiles    the band's tiles (empty on failure)
 * @param error    empty, or the one-line reason the band failed
 * @param badInput whether the failure is the scene's fault (a corrupt file)
 * @param seconds  the task's wall time: detector setup (0 when cached) and detection
 * @param setup    seconds spent getting a detector (opening one, or 0 from the executor's cache)
 */
record BandOutput(BandTask task, List<SceneRows.TileDetections> tiles, String error, boolean badInput, double seconds,
        double setup) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    BandOutput {
        tiles = List.copyOf(tiles);
    }

    boolean failed() {
        return !error.isEmpty();
    }

    int detections() {
        return tiles.stream().mapToInt(t -> t.detections().size()).sum();
    }
}
