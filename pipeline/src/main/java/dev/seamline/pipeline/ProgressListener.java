package dev.seamline.pipeline;

/**
 * Told of a run's progress; called from the pipeline thread, so implementations should be quick.
 */
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** A scene starts: {@code tiles} tiles in all, of which {@code alreadyDone} come from a checkpoint. */
    default void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone) {
    }

    /**
     * A scene starts, with the factor its tiles are resampled by: model pixels per scene pixel (the
     * scene's GSD over the model's; 1 when not resampled). By default, {@link #sceneStarted(String, int,
     * int, int, int)}.
     */
    default void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone,
            double resampleFactor) {
        sceneStarted(scene, index, sceneCount, tiles, alreadyDone);
    }

    /**
     * Tiles finished so far in the current scene.
     *
     * @param squareKm area covered by the finished tiles, km² (NaN when the scene has no georeferencing)
     */
    default void tilesDone(String scene, int done, int total, double elapsedSeconds, double squareKm) {
    }

    /** A scene ended, well or not. */
    default void sceneFinished(SceneResult result) {
    }
}
