package dev.seamline.pipeline;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.SeamlineException;
import dev.seamline.geo.Scene;
import dev.seamline.outputs.DetectionSink;
import dev.seamline.outputs.OutputContext;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.outputs.Quicklook;
import dev.seamline.tiling.TileData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of one scene, side by side: one sink per requested format (in {@link OutputFormat}
 * order) and the quicklook, fed the same merged bands, committed together. Closing without a commit removes every
 * partial output.
 */
final class SceneOutputs implements AutoCloseable {

    private final List<DetectionSink> sinks;
    private final Quicklook quicklook;

    private SceneOutputs(List<DetectionSink> sinks, Quicklook quicklook) {
        this.sinks = sinks;
        this.quicklook = quicklook;
    }

    static SceneOutputs open(Path outDir, String stem, Scene scene, ClassCatalog classes, long cocoImageId,
            DetectOptions options) throws IOException {
        OutputContext context = new OutputContext(outDir, stem, scene.path().getFileName().toString(), scene.width(),
                scene.height(), scene.georeferencing(), classes, cocoImageId);
        List<DetectionSink> sinks = new ArrayList<>();
        Quicklook quicklook = null;
        try {
            for (OutputFormat format : OutputFormat.values()) {
                if (options.outputs().formats().contains(format)) {
                    sinks.add(format.open(context));
                }
            }
            if (options.outputs().quicklook()) {
                quicklook = new Quicklook(context, Quicklook.DEFAULT_MAX_SIDE, scene.nodata());
                sinks.add(quicklook);
            }
        } catch (IOException | RuntimeException e) {
            for (DetectionSink s : sinks) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new SceneOutputs(sinks, quicklook);
    }

    /** A tile went past (for the quicklook). */
    void addTile(TileData tile) {
        if (quicklook != null && !tile.isSkipped()) {
            quicklook.addTile(tile.tile().window(), tile.pixels());
        }
    }

    /** A merged band, scene pixels. */
    void accept(List<Detection> band) throws IOException {
        for (DetectionSink s : sinks) {
            s.accept(band);
        }
    }

    /** Makes every output appear. */
    void commit() throws IOException {
        for (DetectionSink s : sinks) {
            s.commit();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (DetectionSink s : sinks) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Joins the DOTA parts of the scenes that completed into the run's Task files. */
    static void assembleDota(Path outDir, List<SceneResult> results, ClassCatalog classes) throws SeamlineException {
        List<String> stems = new ArrayList<>();
        for (SceneResult r : results) {
            if (!r.isFailure()) {
                stems.add(SceneRun.stem(r.scene()));
            }
        }
        try {
            OutputFormat.assembleDota(outDir, stems, classes);
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot write the DOTA submission: " + e.getMessage(), e);
        }
    }
}
