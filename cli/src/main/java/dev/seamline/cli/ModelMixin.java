package dev.seamline.cli;

import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model BUNDLE}: the model bundle a command runs; mixed in with {@code @Mixin}. */
final class ModelMixin {

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle folder or zip (default: the built-in "
            + "detector).")
    Path model;

    /** The bundle given, if any (null: the command's default). */
    Path path() {
        return model;
    }

    /** The bundle given, or the built-in detector. */
    ModelBundle loadOrBuiltin() throws SeamlineException {
        return ModelBundle.load(model != null ? model : BuiltinModel.bundle());
    }
}
