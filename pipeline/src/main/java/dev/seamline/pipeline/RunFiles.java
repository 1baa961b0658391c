package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.outputs.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run-level steps of {@link Seamline#detect} for a run whose scenes are detected elsewhere (a
 * Spark job): lock the output folder, clean what an interrupted run left, and at the end write the
 * run-level outputs (DOTA's Task files) and {@code run.json} exactly as {@code detect} does.
 *
 * <p>Stateless and thread-safe.
 */
public final class RunFiles {

    private RunFiles() {
    }

    /**
     * Locks {@code outDir} for a run (created if missing) and removes Seamline's temporary files an
     * interrupted run left there; close the result to release the folder.
     *
     * @throws BadInputException when another run holds the folder
     * @throws SeamlineException when the folder cannot be created or cleaned
     */
    public static AutoCloseable open(Path outDir) throws SeamlineException {
        OutputLock lock;
        try {
            Files.createDirectories(outDir);
            lock = OutputLock.acquire(outDir);
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot create the output folder: " + Failures.oneLine(e), e);
        }
        try {
            OutputFormat.deleteTemporaries(outDir);
        } catch (IOException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SeamlineException(outDir + ": cannot clean the output folder: " + Failures.oneLine(e), e);
        }
        return lock;
    }

    /**
     * Writes the run-level outputs over every scene the folder holds, then {@code run.json} (this run's
     * scenes over the earlier entries), as {@link Seamline#detect} ends.
     */
    public static void finish(Path outDir, RunSummary summary, DetectOptions options, ModelBundle model)
            throws SeamlineException {
        Seamline.finishOutputs(outDir, options, model);
        Seamline.writeRunJson(outDir.resolve("run.json"), summary, options, model);
    }

    /** The result of a scene that failed: {@code bad} for bad input (a corrupt file), else a failure. */
    public static SceneResult failed(Path scene, boolean bad, String error) {
        return SceneResult.failed(scene, bad ? SceneResult.Status.BAD_INPUT : SceneResult.Status.FAILED, error);
    }

    /** The result of a scene skipped because its outputs were complete already. */
    public static SceneResult alreadyComplete(Path scene) {
        return new SceneResult(scene, SceneResult.Status.ALREADY_COMPLETE, "", 0, 0, 0, new java.util.TreeMap<>(),
                Double.NaN, java.util.Map.of());
    }
}
