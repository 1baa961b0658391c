package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint journal: what goes in comes back bit for bit and in order, a torn last record is cut
 * off and appending goes on after the last good one, another identity means a fresh start, and replay
 * streams: the live heap does not grow with the journal's length.
 */
class DetectionJournalTest {

    static final String ID = "seamline-journal 1 scene=/x/scene.tif bytes=1 modified=2 model=abc";

    @TempDir
    Path tmp;

    /** Tile {@code t}'s detections: {@code n} of them, a third oriented, scene pixels. */
    static List<Detection> tile(int t, int n, Random rnd) {
        List<Detection> d = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = t * 384 + rnd.nextDouble() * 500, y = (t / 100) * 384 + rnd.nextDouble() * 500;
            d.add(i % 3 == 0 ? Detection.of(new OrientedBox(x, y, 30 + i, 12, rnd.nextDouble() - 0.5), i % 4, rnd.nextDouble())
                    : Detection.of(new Box(x, y, x + 1e-3 + rnd.nextDouble() * 40, y + 0.1), i % 4, rnd.nextDouble()));
        }
        return d;
    }

    @Test
    void replaysWhatWasWrittenAndCutsATornTail() throws IOException {
        Path file = tmp.resolve("scene.journal");
        Random rnd = new Random(3);
        List<List<Detection>> written = new ArrayList<>();
        try (DetectionJournal j = DetectionJournal.create(file, ID)) {
            for (int t = 0; t < 20; t++) {
                if (t % 7 == 6) {
                    j.skipped(t);
                    written.add(null);
                } else {
                    List<Detection> d = tile(t, t % 5, rnd);
                    j.tile(t, d);
                    written.add(d);
                }
            }
            j.flush();
        }
        long complete = Files.size(file);
        // a record torn half-way: its length says more than the file holds
        try (DetectionJournal j = DetectionJournal.create(tmp.resolve("other.journal"), ID)) {
            j.tile(20, tile(20, 3, rnd));
        }
        byte[] extra = Files.readAllBytes(tmp.resolve("other.journal"));
        int headerLength = (ID + "\n").length();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(extra, headerLength, (extra.length - headerLength) / 2));
        }

        List<Integer> order = new ArrayList<>();
        List<List<Detection>> read = new ArrayList<>();
        DetectionJournal.Replay r = DetectionJournal.resume(file, ID, (index, found) -> {
            order.add(index);
            read.add(found);
        });
        assertNotNull(r);
        try (DetectionJournal j = r.journal()) {
            assertEquals(20, r.tiles().cardinality());
            assertEquals(complete, Files.size(file), "the torn record is cut off");
            for (int t = 0; t < 20; t++) {
                assertEquals(t, order.get(t));
                if (written.get(t) == null) {
                    assertNull(read.get(t), "tile " + t + " was skipped");
                } else {
                    assertEquals(written.get(t), read.get(t), "tile " + t);
                }
            }
            j.tile(20, written.get(1));
        }
        List<Integer> again = new ArrayList<>();
        try (DetectionJournal j = DetectionJournal.resume(file, ID, (index, found) -> again.add(index)).journal()) {
            assertEquals(21, again.size(), "appending goes on after the last good record");
            assertEquals(20, again.get(20));
        }
        assertNull(DetectionJournal.resume(file, ID + " other-options", (index, found) -> { }),
                "a journal made for other options is not replayed");
        assertNull(DetectionJournal.resume(tmp.resolve("absent.journal"), ID, (index, found) -> { }));
    }

    /** Used heap after a full collection. */
    static long liveHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Replay hands records on one at a time: over 5,000 tiles (50,000 detections, a 40,000² scene's
     * worth and more) the live heap grows by far less than the detections would take if held.
     */
    @Test
    void replayHoldsOneRecordAtATime() throws IOException {
        Path file = tmp.resolve("big.journal");
        Random rnd = new Random(5);
        int tiles = 5_000, perTile = 10;
        try (DetectionJournal j = DetectionJournal.create(file, ID)) {
            for (int t = 0; t < tiles; t++) {
                j.tile(t, tile(t, perTile, rnd));
            }
        }
        long[] at = new long[2];
        int[] count = {0};
        DetectionJournal.Replay r = DetectionJournal.resume(file, ID, (index, found) -> {
            count[0] += found.size();
            if (index == tiles / 10) {
                at[0] = liveHeap();
            } else if (index == tiles - 1) {
                at[1] = liveHeap();
            }
        });
        r.journal().close();
        assertEquals(tiles * perTile, count[0]);
        long grown = at[1] - at[0];
        // holding the 45,000 detections replayed in between would take over 4 MB
        assertTrue(grown < 512 << 10, "live heap grew by " + grown / 1024 + " KiB during the replay");
    }
}
