package dev.seamline.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one scene of a run went. Immutable and thread-safe.
 *
 * @param scene          the scene file
 * @param status         done, already complete (skipped on resume), failed, or bad input
 * @param error          for a failed scene, the one-line reason; otherwise empty
 * @param tiles          tiles in the scene's grid
 * @param nodataTiles    tiles skipped because every sample was nodata
 * @param resumedTiles   tiles taken from a checkpoint instead of being inferred again
 * @param countsByClass  merged detections per class name
 * @param squareKm       area of the scene, km² (NaN without georeferencing)
 * @param seconds        wall time by stage: read_wait (waiting for tiles), infer (of which infer_forward is
 *                       the model's forward passes and infer_preprocess_decode the Java side),
 *                       merge_write, total
 * @param resampleFactor model pixels per scene pixel: the scene's GSD over the model's when its tiles were
 *                       resampled (100: upsampled 100×; 0.06: downsampled 16.7×), 1 when they were not
 * @param batches        forward passes that held the scene's tiles (a pass may hold tiles of several scenes);
 *                       0 when none was inferred, or the run does not count them (Spark)
 * @param batchFill      the mean fill of those passes: tiles in a pass over the batch size, 0–1 (NaN
 *                       when {@code batches} is 0)
 */
public record SceneResult(Path scene, Status status, String error, int tiles, int nodataTiles, int resumedTiles,
        SortedMap<String, Integer> countsByClass, double squareKm, Map<String, Double> seconds, double resampleFactor,
        int batches, double batchFill) {

    /** What became of a scene. */
    public enum Status {
        /** Detected and written. */
        DONE,
        /** Its outputs were complete already (a resumed run). */
        ALREADY_COMPLETE,
        /** It failed; {@link SceneResult#error()} says why. */
        FAILED,
        /** Its input was bad (a corrupt scene, a band the model needs is missing); {@link SceneResult#error()} says why. */
        BAD_INPUT
    }

    /** Copies the maps. */
    public SceneResult {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(status, "status");
        error = error == null ? "" : error;
        countsByClass = new TreeMap<>(countsByClass);
        seconds = Map.copyOf(seconds);
    }

    /** A result whose forward passes are not counted. */
    public SceneResult(Path scene, Status status, String error, int tiles, int nodataTiles, int resumedTiles,
            SortedMap<String, Integer> countsByClass, double squareKm, Map<String, Double> seconds,
            double resampleFactor) {
        this(scene, status, error, tiles, nodataTiles, resumedTiles, countsByClass, squareKm, seconds, resampleFactor,
                0, Double.NaN);
    }

    /** A result whose tiles were not resampled (factor 1). */
    public SceneResult(Path scene, Status status, String error, int tiles, int nodataTiles, int resumedTiles,
            SortedMap<String, Integer> countsByClass, double squareKm, Map<String, Double> seconds) {
        this(scene, status, error, tiles, nodataTiles, resumedTiles, countsByClass, squareKm, seconds, 1);
    }

    /** A failed scene. */
    static SceneResult failed(Path scene, Status status, String error) {
        return new SceneResult(scene, status, error, 0, 0, 0, new TreeMap<>(), Double.NaN, Map.of());
    }

    /** True for a scene that failed or had bad input. */
    public boolean isFailure() {
        return status == Status.FAILED || status == Status.BAD_INPUT;
    }

    /** Total number of merged detections. */
    public int detections() {
        return countsByClass.values().stream().mapToInt(Integer::intValue).sum();
    }
}
