package dev.seamline.outputs;

import dev.seamline.core.ClassCatalog;
import dev.seamline.geo.Georeferencing;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DetectionSink} needs to know of the scene and the run. Immutable and thread-safe.
 *
 * @param outDir         the run's output folder
 * @param stem           the scene file's name without its extension: outputs are {@code <stem>.<ext>}
 * @param sceneFileName  the scene file's name, as COCO {@code file_name}, xView {@code image_id} and DOTA image names use it
 * @param sceneWidth     scene width, pixels
 * @param sceneHeight    scene height, pixels
 * @param georeferencing the scene's georeferencing, or empty for a file without (pixel-only outputs)
 * @param classes        the model's class catalog
 * @param cocoImageId    the COCO {@code image_id} of this scene
 * @param model          the model's name, or null when unknown (GeoParquet's {@code model} column)
 * @param modelSha256    the sha256 of the model's weights (hex), or null when unknown
 */
public record OutputContext(Path outDir, String stem, String sceneFileName, int sceneWidth, int sceneHeight,
        Optional<Georeferencing> georeferencing, ClassCatalog classes, long cocoImageId, String model,
        String modelSha256) {

    /** A context without the model's name and sha256. */
    public OutputContext(Path outDir, String stem, String sceneFileName, int sceneWidth, int sceneHeight,
            Optional<Georeferencing> georeferencing, ClassCatalog classes, long cocoImageId) {
        this(outDir, stem, sceneFileName, sceneWidth, sceneHeight, georeferencing, classes, cocoImageId, null, null);
    }

    /** @throws NullPointerException for a null component */
    public OutputContext {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(sceneFileName, "sceneFileName");
        Objects.requireNonNull(georeferencing, "georeferencing");
        Objects.requireNonNull(classes, "classes");
    }
}
