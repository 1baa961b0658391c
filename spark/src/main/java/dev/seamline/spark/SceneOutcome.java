package dev.seamline.spark;

import dev.seamline.pipeline.SceneResult;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * A {@link SceneResult} as a reducer task returns it to the driver ({@code Path} does not serialize).
 * Immutable and serializable.
 */
record SceneOutcome(int scene, String path, SceneResult.Status status, String error, int tiles, int nodataTiles,
        TreeMap<String, Integer> counts, double squareKm, LinkedHashMap<String, Double> seconds, double resampleFactor,
        long shippedDetections) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static SceneOutcome of(int scene, SceneResult r, long shippedDetections) {
        return new SceneOutcome(scene, r.scene().toString(), r.status(), r.error(), r.tiles(), r.nodataTiles(),
                new TreeMap<>(r.countsByClass()), r.squareKm(), new LinkedHashMap<>(r.seconds()), r.resampleFactor(),
                shippedDetections);
    }

    static SceneOutcome failed(int scene, String path, boolean bad, String error) {
        return new SceneOutcome(scene, path, bad ? SceneResult.Status.BAD_INPUT : SceneResult.Status.FAILED, error, 0, 0,
                new TreeMap<>(), Double.NaN, new LinkedHashMap<>(), 1, 0);
    }

    SceneResult toResult() {
        return new SceneResult(Path.of(path), status, error, tiles, nodataTiles, 0, counts, squareKm, seconds,
                resampleFactor);
    }
}
