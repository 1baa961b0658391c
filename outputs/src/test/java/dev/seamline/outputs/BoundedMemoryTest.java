package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.Georeferencing;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the scene on the output side (issue 8: a 40,000² scene under
 * {@code -Xmx1g} with the peak heap of a 10,000² one). Measured, not assumed: the live heap (used
 * heap right after a full collection) is read after the first tenth of a long stream of bands and
 * again at its end, with every sink of every format and the quicklook open on one huge scene. A sink
 * that kept what it wrote (a list of the detections, a buffer of their text, a per-detection index)
 * would grow the live heap by megabytes; a control that keeps the detections shows the probe sees
 * exactly that. The quicklook's own footprint is compared between a 10,000² and a 1,000,000² scene.
 */
class BoundedMemoryTest {

    static final ClassCatalog CLASSES = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
    static final int BANDS = 60, PER_BAND = 300, CHECKPOINT = 10;
    /** Growth allowed between the checkpoint and the end: well below what 15,000 held detections take. */
    static final long SLACK = 512L << 10;

    @TempDir
    Path tmp;

    /** Used heap after a full collection (System.gc() is a stop-the-world full collection in G1 and Serial). */
    static long liveHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Band {@code b} of a scene swept top to bottom: boxes and oriented boxes of every class in its rows. */
    static List<Detection> band(int b, int sceneWidth, Random rnd) {
        List<Detection> out = new ArrayList<>(PER_BAND);
        for (int i = 0; i < PER_BAND; i++) {
            double x = rnd.nextDouble() * (sceneWidth - 100), y = b * 1000.0 + rnd.nextDouble() * 1000;
            int cls = i % 4;
            double score = 0.3 + 0.7 * rnd.nextDouble();
            out.add(i % 3 == 0 ? Detection.of(new OrientedBox(x + 30, y + 20, 40, 15, rnd.nextDouble() * 3), cls, score)
                    : Detection.of(new Box(x, y, x + 5 + rnd.nextDouble() * 60, y + 5 + rnd.nextDouble() * 30), cls, score));
        }
        return out;
    }

    /** Streams the bands into the sinks; returns the live-heap growth from the checkpoint to the end. */
    static long stream(List<? extends DetectionSink> sinks, int sceneWidth) throws IOException {
        Random rnd = new Random(8);
        long atCheckpoint = 0;
        for (int b = 0; b < BANDS; b++) {
            List<Detection> band = band(b, sceneWidth, rnd);
            for (DetectionSink s : sinks) {
                s.accept(band);
            }
            if (b == CHECKPOINT - 1) {
                atCheckpoint = liveHeap();
            }
        }
        return liveHeap() - atCheckpoint;
    }

    @Test
    void noSinkHoldsWhatItWrote() throws IOException {
        int side = 200_000; // 60 km of 0.3 m pixels
        OutputContext ctx = new OutputContext(tmp, "huge", "huge.tif", side, side,
                Optional.of(Georeferencing.of(32633, new double[] {500_000, 0.3, 0, 5_000_000, 0, -0.3})), CLASSES, 1);
        List<DetectionSink> sinks = new ArrayList<>();
        try {
            for (OutputFormat f : OutputFormat.values()) {
                sinks.add(f.open(ctx));
            }
            Quicklook quicklook = new Quicklook(ctx);
            PixelWindow w = new PixelWindow(0, 0, 512, 512);
            quicklook.addTile(w, new PixelBuffer(w, w, 3, SampleType.UINT8, new byte[3 * 512 * 512]));
            sinks.add(quicklook);
            long grown = stream(sinks, side);
            for (DetectionSink s : sinks) {
                s.commit();
            }
            int total = BANDS * PER_BAND;
            assertTrue(grown < SLACK, "live heap grew by " + grown / 1024 + " KiB while the sinks wrote "
                    + (BANDS - CHECKPOINT) * PER_BAND + " detections (allowed: " + SLACK / 1024 + " KiB)");
            try (Stream<String> lines = Files.lines(OutputFormat.CSV.target(ctx))) {
                assertEquals(total + 1, lines.count(), "CSV rows: every detection written");
            }
            try (Stream<String> lines = Files.lines(OutputFormat.DOTA.target(ctx))) {
                assertEquals(2L * total, lines.count(), "DOTA part lines: task 1 and task 2 per detection");
            }
        } finally {
            for (DetectionSink s : sinks) {
                s.close();
            }
        }
    }

    /** The probe works: a sink that keeps the detections shows up as megabytes of growth. */
    @Test
    void aSinkThatKeepsDetectionsIsSeen() throws IOException {
        List<Detection> kept = new ArrayList<>();
        DetectionSink keeper = new DetectionSink() {
            @Override
            public void accept(List<Detection> detections) {
                kept.addAll(detections);
            }

            @Override
            public void commit() {
            }

            @Override
            public void close() {
            }
        };
        long grown = stream(List.of(keeper), 200_000);
        assertEquals(BANDS * PER_BAND, kept.size());
        assertTrue(grown > 2 * SLACK, "keeping " + (BANDS - CHECKPOINT) * PER_BAND + " detections grew the live heap by only "
                + grown / 1024 + " KiB: the probe cannot see a buffering sink");
    }

    /** The preview's memory is fixed by its maximum side, not by the scene. */
    @Test
    void quicklookFootprintDoesNotDependOnTheScene() {
        long small = quicklookFootprint(10_000);
        long huge = quicklookFootprint(1_000_000);
        assertTrue(huge < 40L << 20, "quicklook of a 1,000,000² scene holds " + huge / 1024 + " KiB");
        assertTrue(Math.abs(huge - small) < small / 20, "quicklook holds " + small / 1024 + " KiB for 10,000², "
                + huge / 1024 + " KiB for 1,000,000²");
    }

    private long quicklookFootprint(int side) {
        OutputContext ctx = new OutputContext(tmp, "q" + side, "q.tif", side, side, Optional.empty(), CLASSES, 1);
        long before = liveHeap();
        Quicklook q = new Quicklook(ctx, Quicklook.DEFAULT_MAX_SIDE, OptionalDouble.empty());
        PixelWindow w = new PixelWindow(side - 512, side - 512, 512, 512);
        q.addTile(w, new PixelBuffer(w, w, 3, SampleType.UINT8, new byte[3 * 512 * 512]));
        q.addDetections(List.of(Detection.of(new Box(side - 100, side - 100, side - 50, side - 80), 1, 0.9)));
        long held = liveHeap() - before;
        q.close();
        return held;
    }
}
