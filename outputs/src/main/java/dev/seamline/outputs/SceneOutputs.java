package dev.seamline.outputs;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The outputs of one scene, side by side: one sink per requested format (in {@link OutputFormat}
 * order) and, when asked for, the {@link Quicklook}. Each merged band is georeferenced once (the
 * {@link BandGeoreferencer} stage) and the same placed detections go to every sink, then to the
 * quicklook; {@link #commit()} makes every output appear, and closing without a commit removes every
 * partial output. The run-level step after the last scene is {@link OutputFormat#finishRun}.
 *
 * <p>Not thread-safe: one thread feeds the bands and commits ({@link #addTile} may come from any
 * thread, as the quicklook's own lock allows); {@link #prepare()} finishes each output on a thread of its
 * own and returns when all are done.
 */
public final class SceneOutputs implements AutoCloseable {

    private final BandGeoreferencer stage;
    private final List<BandSink> sinks;
    private final Quicklook quicklook;
    private boolean prepared;

    private SceneOutputs(BandGeoreferencer stage, List<BandSink> sinks, Quicklook quicklook) {
        this.stage = stage;
        this.sinks = sinks;
        this.quicklook = quicklook;
    }

    /**
     * Opens the sinks of one scene (each creates its temporary file now).
     *
     * @param context   the scene and the run's output folder
     * @param formats   the formats to write
     * @param quicklook whether to write {@code <stem>.quicklook.png} too
     * @param nodata    the scene's nodata value, left out of the quicklook
     * @throws IOException when the output folder cannot be written; whatever was opened is removed
     */
    public static SceneOutputs open(OutputContext context, Set<OutputFormat> formats, boolean quicklook,
            OptionalDouble nodata) throws IOException {
        return open(context, formats, quicklook, nodata, SceneProvenance.UNKNOWN);
    }

    /**
     * {@link #open(OutputContext, Set, boolean, OptionalDouble)} with the scene file and the model,
     * which {@link OutputFormat#STAC}'s item links and names.
     */
    public static SceneOutputs open(OutputContext context, Set<OutputFormat> formats, boolean quicklook,
            OptionalDouble nodata, SceneProvenance provenance) throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(nodata, "nodata");
        Set<OutputFormat> requested = formats.isEmpty() ? EnumSet.noneOf(OutputFormat.class) : EnumSet.copyOf(formats);
        List<BandSink> sinks = new ArrayList<>();
        Quicklook preview = null;
        try {
            for (OutputFormat format : requested) { // an EnumSet iterates in declaration order
                sinks.add(format.openPlaced(context, provenance, requested, quicklook));
            }
            if (quicklook) {
                preview = new Quicklook(context, Quicklook.DEFAULT_MAX_SIDE, nodata);
            }
        } catch (IOException | RuntimeException e) {
            for (BandSink s : sinks) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new SceneOutputs(BandGeoreferencer.of(context, requested), sinks, preview);
    }

    /**
     * A tile went past: its samples go into the quicklook (nothing happens without one).
     *
     * @param window the tile's window, scene pixels
     * @param pixels the tile's samples
     */
    public void addTile(PixelWindow window, PixelBuffer pixels) {
        if (quicklook != null) {
            quicklook.addTile(window, pixels);
        }
    }

    /**
     * Every tile has gone past: the quicklook renders its picture now, before the last detections
     * ({@link Quicklook#tilesComplete()}), so that {@link #prepare()} has less to do.
     */
    public void tilesComplete() {
        if (quicklook != null) {
            quicklook.tilesComplete();
        }
    }

    /** A merged band, scene pixels: placed on the map once, written by every sink, drawn in the quicklook. */
    public void accept(List<Detection> band) throws IOException {
        List<PlacedDetection> placed = stage.place(band);
        for (BandSink s : sinks) {
            s.accept(placed);
        }
        if (quicklook != null) {
            quicklook.accept(band);
        }
    }

    /**
     * Finishes every output in its temporary file and forces it to storage, making none appear yet: a
     * failure here (a full disk) leaves every target as it was, and closing then removes the temporaries.
     */
    public void prepare() throws IOException {
        if (prepared) {
            return;
        }
        // each output finishes on a thread of its own (the quicklook's rendering and deflate, the sinks'
        // last writes, every fsync): a scene's finish takes its longest output, not their sum
        List<Aside> running = new ArrayList<>();
        for (BandSink s : sinks) {
            running.add(new Aside(s::prepare));
        }
        if (quicklook != null) {
            running.add(new Aside(quicklook::prepare));
        }
        Throwable first = null;
        for (Aside a : running) {
            Throwable t = a.await();
            if (t != null && first == null) {
                first = t;
            } else if (t != null) {
                first.addSuppressed(t);
            }
        }
        if (first instanceof IOException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        prepared = true;
    }

    /** One output's {@link BandSink#prepare()} on a thread of its own, started at once. */
    private static final class Aside {

        interface Step {
            void run() throws IOException;
        }

        private final Thread thread;
        private volatile Throwable failure;

        Aside(Step step) {
            thread = new Thread(() -> {
                try {
                    step.run();
                } catch (IOException | RuntimeException | Error e) {
                    failure = e;
                }
            }, "seamline-output-finish");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the step (uninterruptibly: its file must be finished or aborted first); its failure or null. */
        Throwable await() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure;
        }
    }

    /**
     * Makes every output appear (the formats in order, then the quicklook): {@link #prepare()} for all
     * of them first, unless done, so that a scene whose outputs cannot all be written commits none;
     * then only renames.
     */
    public void commit() throws IOException {
        prepare();
        for (BandSink s : sinks) {
            s.commit();
        }
        if (quicklook != null) {
            quicklook.commit();
        }
    }

    /** Releases every sink; without a prior {@link #commit()}, deletes the partial outputs. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BandSink s : sinks) {
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
        if (quicklook != null) {
            quicklook.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
