package dev.seamline.pipeline;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Scene;
import dev.seamline.outputs.OutputContext;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.outputs.SceneOutputs;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.merge.BandMerge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last step of a scene detected in parts (row bands on Spark executors): what each band merged
 * alone and the detections it left raw are put together as {@code seamline detect} merges the scene
 * ({@link BandMerge#assemble}: {@code SeamMerger}'s bands, in its order) and written by the same sinks,
 * every output appearing atomically, then the completion marker
 * {@code --resume} reads. The outputs are those {@code detect} writes for the scene, byte for byte, given
 * the same detections (the same model, options and PyTorch thread count).
 *
 * <p>Stateless and thread-safe; two calls must not write the same scene into one folder at once.
 */
public final class SceneAssembler {

    private SceneAssembler() {
    }

    /**
     * What the completion marker of {@code scene} holds: the same string {@code seamline detect} writes
     * for it, so that either run's marker lets the other skip the scene.
     */
    public static String identity(Path scene, ModelBundle bundle, DetectOptions options, long cocoImageId) {
        int tileSize = options.tiling().tileSizeFor(bundle.inputWidth());
        int overlap = options.tiling().overlapFor(bundle.maxObjectPx(), tileSize);
        return "seamline-journal 2 scene=" + scene.toAbsolutePath().normalize() + " " + SceneIdentity.of(scene)
                + " model=" + bundle.weightsSha256() + " cocoImageId=" + cocoImageId + " "
                + options.resultFingerprint() + (overlap != options.tiling().overlap() ? " overlap_used=" + overlap : "");
    }

    /**
     * True when {@code outDir} holds {@code scene}'s complete outputs for this model and these options:
     * its completion marker matches ({@link #identity}) and every output is there; what
     * {@code detect --resume} skips.
     */
    public static boolean isComplete(Path scene, ModelBundle bundle, DetectOptions options, Path outDir,
            long cocoImageId) throws IOException {
        String stem = SceneRun.stem(scene);
        Path doneFile = outDir.resolve(Seamline.STATE_DIR).resolve(stem + ".done");
        if (!Files.isRegularFile(doneFile, LinkOption.NOFOLLOW_LINKS)
                || !Files.readString(doneFile, StandardCharsets.UTF_8).equals(identity(scene, bundle, options, cocoImageId))) {
            return false;
        }
        OutputContext names = new OutputContext(outDir, stem, scene.getFileName().toString(), 0, 0, Optional.empty(),
                bundle.classes(), cocoImageId);
        for (OutputFormat f : options.outputs().formats()) {
            if (!Files.isRegularFile(f.target(names), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return !options.outputs().quicklook()
                || Files.isRegularFile(outDir.resolve(stem + ".quicklook.png"), LinkOption.NOFOLLOW_LINKS);
    }

    /** The outputs' base name of a scene file: its name without the last extension, as {@code detect} names them. */
    public static String stem(Path scene) {
        return SceneRun.stem(scene);
    }

    /**
     * Merges the parts of every band of {@code scene} ({@link BandMerge#band}, one per band) and writes its
     * outputs into {@code outDir}, then the completion marker. A quicklook is not written (its pixels are
     * not shipped): the options must not ask for one.
     *
     * @param parts       one part per band, every row of the grid in exactly one, in any order
     * @param nodataTiles the scene's all-nodata tiles (skipped), for the result
     * @param seconds     the run's timings for the scene (joined to the result's, with {@code merge_write} added)
     * @throws IllegalArgumentException when the options ask for a quicklook
     * @throws SeamlineException        when an output cannot be written (nothing is then committed)
     */
    public static SceneResult write(Path scenePath, ScenePlan plan, ModelBundle bundle, DetectOptions options,
            Path outDir, long cocoImageId, Collection<BandMerge.Part> parts, int nodataTiles, Map<String, Double> seconds)
            throws SeamlineException {
        if (options.outputs().quicklook()) {
            throw new IllegalArgumentException("a scene detected in parts has no quicklook: turn it off");
        }
        long t0 = System.nanoTime();
        TileGrid grid = plan.grid();
        String stem = SceneRun.stem(scenePath);
        Path stateDir = outDir.resolve(Seamline.STATE_DIR);
        Path doneFile = stateDir.resolve(stem + ".done");
        ClassCatalog classes = bundle.classes();
        Map<String, Integer> counts = new TreeMap<>();
        double area;
        try (Scene scene = Scene.open(scenePath)) {
            double gsd = scene.groundSampleDistance().orElse(Double.NaN);
            area = gsd * gsd / 1e6 * scene.width() * (double) scene.height();
            Files.createDirectories(stateDir);
            String identity = identity(scenePath, bundle, options, cocoImageId);
            try (SceneOutputs outputs = SceneOutputs.open(new OutputContext(outDir, stem,
                    scenePath.getFileName().toString(), scene.width(), scene.height(), scene.georeferencing(), classes,
                    cocoImageId, bundle.name(), bundle.weightsSha256()), options.outputs().formats(), false, scene.nodata(),
                    SceneRun.provenance(scenePath, bundle))) {
                BandMerge.assemble(grid, options.merge().strategy(), options.merge().seamRule(), parts, band -> {
                    for (Detection d : band) {
                        counts.merge(classes.nameOf(d.classId()), 1, Integer::sum);
                    }
                    try {
                        outputs.accept(band);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                // as detect: every output whole on storage, then the marker, then the renames
                outputs.prepare();
                AtomicFile.writeString(doneFile, identity);
                try {
                    outputs.commit();
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(doneFile);
                    throw e;
                }
            }
        } catch (UncheckedIOException e) {
            throw new SeamlineException(outDir + ": cannot write outputs for " + scenePath.getFileName() + ": "
                    + Failures.oneLine(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot write outputs for " + scenePath.getFileName() + ": "
                    + Failures.oneLine(e), e);
        }
        Map<String, Double> secs = new LinkedHashMap<>(seconds);
        secs.put("merge_write", (System.nanoTime() - t0) / 1e9);
        return new SceneResult(scenePath, SceneResult.Status.DONE, "", grid.size(), nodataTiles, 0, new TreeMap<>(counts),
                area, secs, plan.resampled() ? (double) plan.modelTile() / plan.sceneTile() : 1);
    }
}
