package dev.seamline.detector.builtin;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.detector.Decoder;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Writes a trained built-in network as a model bundle: the DJL parameters as {@code model.params},
 * the CenterNet decoder, the built-in normalisation ({@link BuiltinNormalization}) and the class
 * catalog, through {@link ModelBundle#writeTo}. Each file is written aside and renamed;
 * {@code model.json} comes last, so a bundle that has one is complete.
 */
public final class BuiltinBundles {

    /** The weights' file name inside a built-in bundle. */
    public static final String WEIGHTS = "model.params";

    /** Unused by CenterNet (it has no NMS); the value {@code model.json} carries. */
    private static final double DEFAULT_NMS_IOU = 0.45;

    /**
     * What the bundle says about the model besides its weights. Immutable.
     *
     * @param description how the model was made; for the caller's records (the log, the README)
     * @param maxObjectPx   the largest object's extent in model pixels ({@code max_object_px}), if known
     */
    public record Description(String name, String version, String architecture, ClassCatalog classes, int inputSize,
            double gsdMetres, double scoreThreshold, int maxDetections, String description, OptionalInt maxObjectPx) {

        /** A description without {@code max_object_px}. */
        public Description(String name, String version, String architecture, ClassCatalog classes, int inputSize,
                double gsdMetres, double scoreThreshold, int maxDetections, String description) {
            this(name, version, architecture, classes, inputSize, gsdMetres, scoreThreshold, maxDetections, description,
                    OptionalInt.empty());
        }
    }

    private BuiltinBundles() {
    }

    /**
     * Writes the bundle folder (created if needed; files of an older bundle there are replaced)
     * through {@link ModelBundle#writeTo}, the one writer of {@code model.json}.
     *
     * @param folder the bundle folder
     * @param params parameters written by {@link CenterNetTrainer#train}
     */
    public static void write(Path folder, Path params, Description d) throws SeamlineException {
        Path weights = folder.resolve(WEIGHTS);
        try {
            Files.createDirectories(folder);
            AtomicFile.write(weights, out -> Files.copy(params, out));
        } catch (IOException e) {
            throw new SeamlineException(folder + ": cannot write the model bundle: " + e.getMessage(), e);
        }
        List<Double> mean = List.of((double) BuiltinNormalization.MEAN, (double) BuiltinNormalization.MEAN,
                (double) BuiltinNormalization.MEAN);
        List<Double> std = List.of((double) BuiltinNormalization.STD, (double) BuiltinNormalization.STD,
                (double) BuiltinNormalization.STD);
        new ModelBundle(folder, weights, d.name(), d.version(), Decoder.CENTERNET,
                ModelBundle.BUILTIN_PREFIX + d.architecture(), d.inputSize(), d.inputSize(), List.of(1, 2, 3),
                Normalization.ofScale(BuiltinNormalization.SCALE, mean, std), d.classes(), OptionalDouble.of(d.gsdMetres()),
                true, d.scoreThreshold(), DEFAULT_NMS_IOU, d.maxDetections(),
                BuiltinArchitectures.outputStride(d.architecture()), "", d.maxObjectPx()).writeTo(folder);
    }
}
