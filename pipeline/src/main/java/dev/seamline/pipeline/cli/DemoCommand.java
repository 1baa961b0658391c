package dev.seamline.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code seamline demo}: detection on the bundled sample scene with the bundled model, then
 * evaluation against its labels. The detection pipeline and the sample are not built yet; until
 * they are, the command says so and fails.
 */
@Command(name = "demo", description = "Detect objects in the bundled sample scene and score them against its labels.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("seamline demo: not built yet. The demo needs the detection pipeline, "
                + "the bundled sample scene and the built-in model, which are still being written.");
        return ExitCodes.FAILURE;
    }
}
