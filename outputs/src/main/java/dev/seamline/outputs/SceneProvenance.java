package dev.seamline.outputs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a scene's detections come from, for outputs that describe it ({@link OutputFormat#STAC}'s
 * {@code source} link and MLM model fields). Immutable and thread-safe.
 *
 * @param scene        the scene file, or empty when unknown
 * @param modelName    the model's name ({@code mlm:name}), or "" when unknown
 * @param architecture the model's architecture ({@code mlm:architecture}: torchscript, onnx, builtin:…), or ""
 * @param weights      the model's weights file, or empty (a built-in model or unknown)
 * @param weightsSha256 the weights' SHA-256, lower-case hex, or ""
 */
public record SceneProvenance(Optional<Path> scene, String modelName, String architecture, Optional<Path> weights,
        String weightsSha256) {

    /** Nothing known: an item without source link and model fields. */
    public static final SceneProvenance UNKNOWN = new SceneProvenance(Optional.empty(), "", "", Optional.empty(), "");

    /** @throws NullPointerException for a null component */
    public SceneProvenance {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
    }
}
