package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ThreadCpu: the stat line's fields, the groups, and a thread that ends before the span does. */
class ThreadCpuTest {

    @Test
    void aStatLineGivesTheNameAndUserPlusSystemTicks() {
        // a name with a space and a parenthesis, as the kernel writes it (fields after the name: state,
        // ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime, ...)
        String stat = "4242 (C2 Compiler) x) S 1 4200 4200 0 -1 4194368 10 0 0 0 137 29 0 0 20 0 30 0 500 0 0";
        ThreadCpu.Sample s = ThreadCpu.parse(stat);
        assertEquals("C2 Compiler) x", s.name());
        assertEquals(166, s.ticks());
        assertNull(ThreadCpu.parse("4242 no parentheses"));
        assertNull(ThreadCpu.parse("4242 (short) S 1 2"));
    }

    @Test
    void threadsGroupByNameWithoutTheirNumber() {
        assertEquals("seamline-tile-r", ThreadCpu.group("seamline-tile-r"));
        assertEquals("pool-", ThreadCpu.group("pool-12"));
        assertEquals("G1 Conc", ThreadCpu.group("G1 Conc#0"));
        assertEquals("C2 CompilerThre", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("42", ThreadCpu.group("42"));
        assertEquals("{\"b\": 2.000, \"a\": 1.000}", ThreadCpu.perTileJson(Map.of("a", 0.5, "b", 1.0), 500));
    }

    @Test
    void aThreadThatEndsBeforeTheSpanIsCountedToItsEnd() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        ThreadCpu cpu = ThreadCpu.start();
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L; // 0.3 s of spinning
            long x = 0;
            while (System.nanoTime() < end) {
                x += x * 31 + 7;
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, "seamline-spin-7");
        busy.start();
        busy.join();
        Thread.sleep(3 * ThreadCpu.PERIOD_MS);
        Map<String, Double> seconds = cpu.stop();
        double spun = seconds.getOrDefault("seamline-spin-", 0.0);
        // on a loaded machine the spinner gets less than all of its 0.3 s of wall; never more
        assertTrue(spun > 0.02 && spun <= 0.35, "spinner's CPU: " + spun + " s of " + seconds);
    }
}
