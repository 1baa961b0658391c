package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seamline.core.io.AtomicFile;
import dev.seamline.pipeline.Seamline;
import dev.seamline.pipeline.TestModels;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's output-folder and run findings (1, 2, 4, 8, 10, 11), each reproduced through the real
 * command: in-process ({@link CliTest#seamline}) where only files and the exit code matter, as a child
 * JVM where a second process, a signal or the JVM's exit is part of the finding. Each test is named
 * after its finding in docs/robustness.md.
 */
class OutputFolderCliTest {

    private static final String FORMATS = "geojson,gpkg,csv,coco,xview,dota";

    @TempDir
    static Path shared;
    private static Path model;
    private static Path scene;
    /** The outputs of one uninterrupted run of {@link #scene} with {@link #FORMATS} and a quicklook. */
    private static Path reference;

    @BeforeAll
    static void sceneAndModel() throws Exception {
        model = TestModels.randomBuiltin(shared.resolve("model"), 0.12);
        Path dir = shared.resolve("scene");
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1280, 640, 11)), dir, 1); // 3 x 2 tiles of 512
        scene = dir.resolve(SceneFiles.SCENE);
        reference = shared.resolve("reference");
        assertEquals(0, detect(scene, reference, FORMATS, "--quicklook").code());
        assertTrue(Files.size(reference.resolve("scene.geojson")) > 1000, "the model found something to write");
    }

    // ---------------------------------------------------------------- finding 1

    @Test
    void finding1_foreignTmpFilesSurvive(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("userdir");
        Map<Path, String> foreign = new LinkedHashMap<>();
        for (String name : List.of(".env.tmpl", ".notes.tmp", ".vimrc.tmp.bak", "dota/.readme.tmpl", "dota/parts/.x.tmp",
                "xview/.a.b.tmp", ".scene.csv.tmp", ".scene.csv.12345.tmp", ".scene.csv.ABCDEFGHIJKLM.tmp")) {
            Path f = out.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "the user's " + name);
            foreign.put(f, "the user's " + name);
        }
        // what a killed Seamline writer leaves: its own temporaries, which go
        Path own = out.resolve(".scene.csv.0000000000abc.tmp");
        Path ownGpkg = out.resolve(".scene.gpkg.00000000000zz.tmp.gpkg-journal");
        Files.writeString(own, "partial");
        Files.writeString(ownGpkg, "partial");

        CliTest.Result r = detect(scene, out, "csv,dota");
        assertEquals(0, r.code(), r.err());
        foreign.forEach((f, text) -> assertEquals(text, read(f), f + " is not Seamline's and must survive"));
        assertFalse(Files.exists(own), "Seamline's own temporary is removed");
        assertFalse(Files.exists(ownGpkg), "Seamline's own temporary is removed");
    }

    // ---------------------------------------------------------------- finding 2

    @Test
    void finding2_failedRerunKeepsTheSubmission(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("copy");
        copyTree(reference, copy);
        Map<String, byte[]> before = contents(copy);
        Path broken = dir.resolve("broken").resolve("scene.tif");
        Files.createDirectories(broken.getParent());
        byte[] whole = Files.readAllBytes(scene);
        Files.write(broken, java.util.Arrays.copyOf(whole, whole.length / 2)); // the scene truncated

        CliTest.Result r = detect(broken, copy, "geojson,dota");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        Map<String, byte[]> after = contents(copy);
        assertEquals(before.keySet(), after.keySet(), "no output appears or vanishes");
        before.forEach((f, bytes) -> assertArrayEquals(bytes, after.get(f), f + " changed after a failed rerun"));
        long nonEmpty = Stream.of(copy.resolve("dota").toFile().listFiles()).filter(f -> f.getName().startsWith("Task"))
                .filter(f -> f.length() > 0).count();
        assertTrue(nonEmpty > 0, "the DOTA submission still has its detections");
        String runJson = read(copy.resolve("run.json"));
        assertTrue(runJson.contains("\"status\" : \"done\""), "run.json keeps the complete scene: " + runJson);
        assertTrue(runJson.contains("\"last_attempt\""), "run.json records the failed attempt: " + runJson);
    }

    @Test
    void finding2_allScenesFailingWritesNoEmptyTaskFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliTest.Result r = detect(dir.resolve("missing.tif"), out, "dota");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("dota")), "no Task file is written when no scene has a part");
    }

    // ---------------------------------------------------------------- finding 4

    @Test
    void finding4_symlinkedJournalIsNotFollowed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path state = out.resolve(Seamline.STATE_DIR);
        Files.createDirectories(state);
        Path victim = dir.resolve("precious.txt");
        Files.writeString(victim, "not Seamline's");
        Files.createSymbolicLink(state.resolve("scene.journal"), victim);
        Path victim2 = dir.resolve("precious2.txt");
        Files.writeString(victim2, "not Seamline's either");
        Files.createSymbolicLink(out.resolve("scene.csv"), victim2);
        Path victim3 = dir.resolve("precious3.txt");
        Files.writeString(victim3, "nor this");
        Files.createSymbolicLink(state.resolve("scene.done"), victim3);

        CliTest.Result r = detect(scene, out, "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("not Seamline's", read(victim), "the journal link's target is untouched");
        assertEquals("not Seamline's either", read(victim2), "an output link's target is untouched");
        assertEquals("nor this", read(victim3), "the completion marker link's target is untouched");
        assertFalse(Files.isSymbolicLink(out.resolve("scene.csv")), "the output replaced the link");
        assertArrayEquals(Files.readAllBytes(reference.resolve("scene.csv")), Files.readAllBytes(out.resolve("scene.csv")));

        // the same with --resume: the journal link is not read, and not written through
        Path out2 = dir.resolve("out2");
        Files.createDirectories(out2.resolve(Seamline.STATE_DIR));
        Files.createSymbolicLink(out2.resolve(Seamline.STATE_DIR).resolve("scene.journal"), victim);
        assertEquals(0, detect(scene, out2, "csv", "--resume").code());
        assertEquals("not Seamline's", read(victim));
    }

    /** The state folder itself a link: journals and markers would land wherever it points. */
    @Test
    void finding4_aStateFolderThatIsALinkIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path elsewhere = dir.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("scene.journal"), "not Seamline's");
        Files.createSymbolicLink(out.resolve(Seamline.STATE_DIR), elsewhere);

        CliTest.Result r = detect(scene, out, "csv");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(Seamline.STATE_DIR) && lines.get(0).contains("symbolic link"), lines.get(0));
        assertEquals("not Seamline's", read(elsewhere.resolve("scene.journal")));
        try (var listed = Files.list(elsewhere)) {
            assertEquals(1, listed.count(), "nothing was written through the link");
        }
        assertFalse(Files.exists(out.resolve("scene.csv")));
    }

    // ---------------------------------------------------------------- finding 8

    @Test
    void finding8_secondRunIntoAHeldFolderIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path lock = out.resolve(Seamline.STATE_DIR).resolve("lock");
        Path log = dir.resolve("a.log");
        Process a = child(scene, out, log, "--min-score", "0.3");
        try {
            while (a.isAlive() && !(Files.exists(lock) && Files.size(lock) > 0)) {
                Thread.sleep(5);
            }
            assertTrue(a.isAlive(), "run A ended before run B could start: " + read(log));
            CliTest.Result b = detect(scene, out, FORMATS, "--min-score", "0.6");
            assertEquals(ExitCodes.BAD_INPUT, b.code(), b.err());
            List<String> lines = b.err().lines().toList();
            assertEquals(1, lines.size(), b.err());
            assertTrue(lines.get(0).contains("in use by pid " + a.pid() + " on host "), lines.get(0));
            assertEquals(0, a.waitFor(), read(log));
        } finally {
            a.destroyForcibly().waitFor();
        }
        assertEquals(0, Files.size(lock), "the lock is released at the end of a run");
        assertTrue(read(out.resolve("run.json")).contains("\"min_score\" : 0.3"), "run A's results are its own");
    }

    @Test
    void finding8_staleLockOfADeadProcessIsTakenOver(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path lock = out.resolve(Seamline.STATE_DIR).resolve("lock");
        Files.createDirectories(lock.getParent());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(lock, "pid=" + dead.pid() + "\nhost=" + host + "\n");
        Path log = dir.resolve("run.log");
        Process p = child(scene, out, log);
        assertEquals(0, p.waitFor(), read(log));
        assertTrue(read(log).lines().anyMatch(l -> l.contains("taking over the lock of pid " + dead.pid())
                && l.contains("no longer running")), read(log));
        assertEquals(0, Files.size(lock));
    }

    // ---------------------------------------------------------------- finding 10

    @Test
    void finding10_resumeChecksTheSceneByContent(@TempDir Path dir) throws Exception {
        // two different scenes of one size and one modification time, at one path
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1280, 640, 11)), one, 1);
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1280, 640, 12)), two, 1);
        Path a = one.resolve(SceneFiles.SCENE), b = two.resolve(SceneFiles.SCENE);
        long size = Math.max(Files.size(a), Files.size(b));
        for (Path f : List.of(a, b)) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(size); // trailing zeros: readers never look there
            }
        }
        Path work = dir.resolve("work").resolve("scene.tif");
        Files.createDirectories(work.getParent());
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);

        Path expected = dir.resolve("expected");
        Files.copy(b, work, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(work, time);
        assertEquals(0, detect(work, expected, "geojson,csv").code());

        // a complete run of scene one, then scene two in its place: --resume must not call it complete
        Path out = dir.resolve("out");
        Files.copy(a, work, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(work, time);
        assertEquals(0, detect(work, out, "geojson,csv").code());
        Files.copy(b, work, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(work, time);
        CliTest.Result r = detect(work, out, "geojson,csv", "--resume");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("already complete"), r.err());
        assertArrayEquals(Files.readAllBytes(expected.resolve("scene.csv")), Files.readAllBytes(out.resolve("scene.csv")));

        // killed in the middle of scene one, then scene two in its place: no tile of scene one is replayed
        Path killed = dir.resolve("killed");
        Files.copy(a, work, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(work, time);
        Path journal = killed.resolve(Seamline.STATE_DIR).resolve("scene.journal");
        Process p = child(work, killed, dir.resolve("k.log"), "--format", "geojson,csv");
        while (p.isAlive() && !(Files.exists(journal) && Files.size(journal) > 300)) {
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor();
        Files.copy(b, work, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(work, time);
        r = detect(work, killed, "geojson,csv", "--resume");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("from the checkpoint"), "the other scene's checkpoint is not used: " + r.err());
        assertArrayEquals(Files.readAllBytes(expected.resolve("scene.csv")), Files.readAllBytes(killed.resolve("scene.csv")));
    }

    @Test
    void finding10_deletedOutputOfACompleteSceneIsRewritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        copyTree(reference, out);
        Files.delete(out.resolve("scene.geojson"));
        Files.delete(out.resolve("dota").resolve("Task1_" + firstTask1Class() + ".txt"));
        CliTest.Result r = detect(scene, out, FORMATS, "--quicklook", "--resume");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("already complete"), r.err());
        assertEquals(files(reference), files(out));
        for (String f : files(reference)) {
            if (!f.endsWith(".gpkg")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
            }
        }
        // and with everything there, --resume still skips it
        r = detect(scene, out, FORMATS, "--quicklook", "--resume");
        assertTrue(r.err().contains("already complete"), r.err());
    }

    // ---------------------------------------------------------------- finding 11

    @Test
    void finding11_sigtermStopsAtATileBoundaryWithOneLine(@TempDir Path dir) throws Exception {
        stopsOnSignal(dir, "TERM", 143);
    }

    @Test
    void finding11_sigintStopsAtATileBoundaryWithOneLine(@TempDir Path dir) throws Exception {
        stopsOnSignal(dir, "INT", 130);
    }

    private static void stopsOnSignal(Path dir, String signal, int code) throws Exception {
        Path out = dir.resolve("out");
        Path journal = out.resolve(Seamline.STATE_DIR).resolve("scene.journal");
        Path log = dir.resolve("run.log");
        Process p = child(scene, out, log, "--quicklook");
        while (p.isAlive() && !(Files.exists(journal) && Files.size(journal) > 300)) {
            Thread.sleep(5);
        }
        assumeTrue(p.isAlive(), "the run finished before the signal could be sent");
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops within a minute");
        String err = read(log);
        List<String> lines = err.lines().toList();
        String last = lines.get(lines.size() - 1);
        if (p.exitValue() == code && last.startsWith("seamline: stopped by")) {
            assertTrue(last.contains("SIG" + signal) && last.contains("--resume"), last);
            assertEquals(1, lines.stream().filter(l -> l.contains("stopped")).count(), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
            assertEquals(List.of(), temporaries(out), "no temporary file is left");
            assertFalse(Files.exists(out.resolve("scene.geojson")), "the stopped scene committed nothing");
        } else {
            // the signal came after the last tile: the run finished, exiting with the signal's status
            assertEquals(code, p.exitValue(), err);
        }
        CliTest.Result r = detect(scene, out, FORMATS, "--quicklook", "--resume");
        assertEquals(0, r.code(), r.err());
        for (String f : files(reference)) {
            if (!f.endsWith(".gpkg")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
            }
        }
    }

    /**
     * A full disk: a 192 KiB tmpfs as the output folder (Linux, root only; skipped elsewhere). The scene
     * fails in one line saying the disk is full, commits none of its outputs, leaves no temporary file,
     * and the JVM exits without a trace.
     */
    @Test
    void finding11_diskFullIsOneLineAndCommitsNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("full");
        Files.createDirectories(out);
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        assumeTrue(mounted, "cannot mount a small tmpfs here (not root, or no mount)");
        try {
            Path log = dir.resolve("run.log");
            Process p = child(scene, out, log, "--quicklook");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String err = read(log);
            assertTrue(p.exitValue() == 1 || p.exitValue() == 2, err);
            assertTrue(err.contains("no space left on device") || err.contains("No space left on device"), err);
            assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("SQL"), err);
            assertTrue(err.lines().allMatch(l -> l.startsWith("seamline: ") || l.startsWith("[")), err);
            assertEquals(List.of(), temporaries(out), "no temporary file is left");
            for (String f : List.of("scene.geojson", "scene.gpkg", "scene.csv", "scene.coco.json", "xview/scene.tif.txt",
                    "dota/parts/scene.part", "scene.quicklook.png")) {
                assertFalse(Files.exists(out.resolve(f)), f + " of a failed scene is not committed");
            }
        } finally {
            new ProcessBuilder("umount", out.toString()).start().waitFor();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static CliTest.Result detect(Path scene, Path out, String formats, String... more) {
        List<String> args = new ArrayList<>(List.of("detect", scene.toString(), "--model", model.toString(), "--out",
                out.toString(), "--format", formats, "--batch", "2", "--device", "cpu"));
        args.addAll(List.of(more));
        return CliTest.seamline(args.toArray(String[]::new));
    }

    /** {@code seamline detect} in a child JVM, stdout and stderr into {@code log}. */
    private static Process child(Path scene, Path out, Path log, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.seamline.cli.Main", "detect",
                scene.toString(), "--model", model.toString(), "--out", out.toString(), "--batch", "2", "--device", "cpu"));
        List<String> extra = new ArrayList<>(List.of(more));
        if (!extra.contains("--format")) {
            cmd.addAll(List.of("--format", FORMATS));
        }
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private static String firstTask1Class() throws IOException {
        try (Stream<Path> s = Files.list(reference.resolve("dota"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Task1_")).sorted().findFirst()
                    .orElseThrow().replaceAll("^Task1_|\\.txt$", "");
        }
    }

    private static List<String> temporaries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(AtomicFile::isTemporary).map(Path::toString).toList();
        }
    }

    /** Output files (relative), without run.json and the state folder. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(p -> !p.equals("run.json") && !p.startsWith(Seamline.STATE_DIR + "/")).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String f : files(root)) {
            m.put(f, Files.readAllBytes(root.resolve(f)));
        }
        return m;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
