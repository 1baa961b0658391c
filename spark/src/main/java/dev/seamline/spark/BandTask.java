package dev.seamline.spark;

import dev.seamline.pipeline.ScenePlan;
import java.io.Serial;
import java.io.Serializable;

/**
 * One Spark task's work: grid rows {@code [rowFrom, rowTo)} of one scene. Immutable and serializable.
 *
 * @param scene     index of the scene in the run
 * @param path      the scene file (a path every executor can read)
 * @param plan      the scene's grid, decided on the driver
 * @param band      index of the band in the scene, from 0
 * @param bands     bands of the scene
 * @param rowFrom   first grid row
 * @param rowTo     grid row after the last
 */
record BandTask(int scene, String path, ScenePlan plan, int band, int bands, int rowFrom, int rowTo)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Tiles of the band's rows. */
    long tiles() {
        return (long) (rowTo - rowFrom) * plan.grid().columns();
    }
}
