package dev.seamline.cli;

import dev.seamline.pipeline.ProgressListener;
import dev.seamline.pipeline.SceneResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on standard error: on a terminal, one bar redrawn in place (tiles done/total, tiles/s,
 * km²/h, ETA); otherwise (a log file, CI) a plain line every few seconds.
 */
final class ConsoleProgress implements ProgressListener {

    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long BAR_EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastPrint;
    private int startDone;
    private boolean barOpen;

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Progress for this process: a bar when standard error is a terminal. */
    static ConsoleProgress forConsole(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone) {
        sceneStarted(scene, index, sceneCount, tiles, alreadyDone, 1);
    }

    @Override
    public void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone, double resampleFactor) {
        startDone = alreadyDone;
        lastPrint = 0;
        err.printf(Locale.ROOT, "seamline: scene %d/%d %s: %d tiles%s%s%n", index + 1, sceneCount, scene, tiles,
                resampled(resampleFactor), alreadyDone > 0 ? " (" + alreadyDone + " from the checkpoint)" : "");
        err.flush();
    }

    /** ", resampled x2 (upsampled)" for a factor other than 1 (model pixels per scene pixel), else "". */
    static String resampled(double factor) {
        if (factor == 1 || !Double.isFinite(factor)) {
            return "";
        }
        java.math.MathContext three = new java.math.MathContext(3);
        String f = new java.math.BigDecimal(factor).round(three).stripTrailingZeros().toPlainString();
        String how = factor > 1 ? "upsampled " + f + "x"
                : "downsampled " + new java.math.BigDecimal(1 / factor).round(three).stripTrailingZeros().toPlainString() + "x";
        return ", resampled x" + f + " (" + how + " to the model's GSD)";
    }

    @Override
    public void tilesDone(String scene, int done, int total, double elapsedSeconds, double squareKm) {
        long now = System.nanoTime();
        boolean last = done == total;
        if (!last && now - lastPrint < (terminal ? BAR_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastPrint = now;
        double rate = (done - startDone) / Math.max(1e-9, elapsedSeconds);
        double eta = (total - done) / Math.max(1e-9, rate);
        String km2h = Double.isFinite(squareKm) ? String.format(Locale.ROOT, "  %.2f km²/h", squareKm / (elapsedSeconds / 3600))
                : "";
        String stats = String.format(Locale.ROOT, "%d/%d tiles  %.2f tiles/s%s  ETA %s", done, total, rate, km2h,
                duration(eta));
        if (terminal) {
            int width = 30, filled = (int) Math.round(width * done / (double) Math.max(1, total));
            err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + stats + "   ");
            barOpen = !last;
            if (last) {
                err.println();
            }
        } else {
            err.println("seamline: " + scene + ": " + stats);
        }
        err.flush();
    }

    @Override
    public void sceneFinished(SceneResult r) {
        if (barOpen) {
            err.println();
            barOpen = false;
        }
        switch (r.status()) {
            case DONE -> err.printf(Locale.ROOT, "seamline: %s: %d detections %s in %.1f s%n", r.scene().getFileName(),
                    r.detections(), r.countsByClass(), r.seconds().getOrDefault("total", 0.0));
            case ALREADY_COMPLETE -> err.printf("seamline: %s: already complete, skipped%n", r.scene().getFileName());
            default -> err.printf("seamline: %s: FAILED: %s%n", r.scene().getFileName(), r.error());
        }
        err.flush();
    }

    /** Ends a progress bar left open (before a message of its own line). */
    void endLine() {
        if (barOpen) {
            err.println();
            barOpen = false;
            err.flush();
        }
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
