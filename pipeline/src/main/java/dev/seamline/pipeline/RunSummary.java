package dev.seamline.pipeline;

import java.util.List;

/**
 * How a run of {@code seamline detect} went, scene by scene. Immutable and thread-safe.
 *
 * @param scenes       each scene's result, in the order given
 * @param modelName    the model's name
 * @param modelSha256  the sha256 of the model's weights
 * @param seconds      wall time of the whole run
 */
public record RunSummary(List<SceneResult> scenes, String modelName, String modelSha256, double seconds) {

    /** Copies the list. */
    public RunSummary {
        scenes = List.copyOf(scenes);
    }

    /** The scenes that failed. */
    public List<SceneResult> failures() {
        return scenes.stream().filter(SceneResult::isFailure).toList();
    }
}
