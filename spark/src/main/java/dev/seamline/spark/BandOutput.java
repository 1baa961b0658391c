package dev.seamline.spark;

import dev.seamline.tiling.merge.BandMerge;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a band task sends its scene's reducer: the groups it merged alone and the detections it left raw
 * ({@link BandMerge#band}), or why it failed. Immutable and serializable.
 *
 * @param task        the band
 * @param part        merged and raw detections (empty on failure)
 * @param nodataTiles the band's all-nodata tiles, skipped
 * @param detections  detections the detector gave for the band's tiles, before merging
 * @param error       empty, or the one-line reason the band failed
 * @param badInput    whether the failure is the scene's fault (a corrupt file)
 * @param seconds     the task's wall time: detector setup (0 when cached), detection and the band's merge
 * @param setup       seconds spent getting a detector (opening one, or 0 from the executor's cache)
 */
record BandOutput(BandTask task, BandMerge.Part part, int nodataTiles, long detections, String error, boolean badInput,
        double seconds, double setup) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    static final BandMerge.Part NOTHING = new BandMerge.Part(java.util.List.of(), java.util.List.of());

    boolean failed() {
        return !error.isEmpty();
    }
}
