package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.testkit.HostileBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, findings 3, 4, 5 and 7 (the bundle's share): the hostile bundles of {@link HostileBundles}
 * each refused by {@link ModelBundle#load} in one line naming the bundle's file and containing the case's
 * phrase, within 10 s, never leaving an extracted file behind; and the zip extraction's bounds one by one.
 */
class HostileBundleTest {

    @TempDir
    static Path dir;

    static List<HostileBundles.Case> cases;

    @BeforeAll
    static void write() throws Exception {
        cases = HostileBundles.write(dir.resolve("hostile"));
    }

    static Stream<HostileBundles.Case> cases() throws Exception {
        if (cases == null) {
            write();
        }
        return cases.stream();
    }

    private static Set<String> ourTemporaries() throws IOException {
        Set<String> names = new TreeSet<>();
        String prefix = BundleZip.PREFIX + ProcessHandle.current().pid() + "-";
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(names::add);
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileBundleIsRefusedInOneLineAndLeavesNothing(HostileBundles.Case c) throws Exception {
        Set<String> before = ourTemporaries();
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(BadInputException.class, () -> ModelBundle.load(c.bundle())), c.how());
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), m);
        assertTrue(m.startsWith(c.named() + ": "), c + ": " + m);
        assertTrue(m.contains(c.phrase()), c + ": expected '" + c.phrase() + "' in: " + m);
        assertFalse(m.contains(Path.of(System.getProperty("java.io.tmpdir")).resolve(BundleZip.PREFIX).toString()),
                "the message names the zip, not a temporary file: " + m);
        assertEquals(before, ourTemporaries(), "a failed load leaves no extracted file");
    }

    @Test
    void finding3_zipBombIsBoundedAndNamesTheZip() throws Exception {
        Path bomb = dir.resolve("hostile/zip_bomb.zip");
        assertTrue(Files.size(bomb) < 1 << 20, Files.size(bomb) + " bytes");
        long t0 = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(bomb));
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused before inflating");
        assertTrue(e.getMessage().startsWith(bomb + ": weights 'weights.bin' inflates "), e.getMessage());
        // the lying zip is stopped at its declared size, not after 8 MB
        Path liar = dir.resolve("hostile/zip_lying_size.zip");
        e = assertThrows(BadInputException.class, () -> ModelBundle.load(liar));
        assertTrue(e.getMessage().startsWith(liar + ": weights 'weights.bin' inflates past the 1000 bytes"), e.getMessage());
    }

    @Test
    void finding3_aValidZipExtractsIntoAnOwnedFolderAndDeadProcessesFoldersAreSwept() throws Exception {
        Path zip = dir.resolve("valid.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("bundle/model.json"));
            z.write(HostileBundles.descriptor("[\"car\"]", "weights.bin", HostileBundles.sha256(HostileBundles.WEIGHTS))
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("bundle/weights.bin"));
            z.write(HostileBundles.WEIGHTS);
        }
        // a folder a killed process left (its pid no longer runs), and one of a foreign host
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long dead = deadPid();
        String host = java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
        Path left = Files.createDirectories(tmp.resolve(BundleZip.PREFIX + dead + "-test"));
        Files.writeString(left.resolve(BundleZip.OWNER), dead + " " + host + " 0\n");
        Files.write(left.resolve("weights.bin"), new byte[1000]);
        Path foreign = Files.createDirectories(tmp.resolve(BundleZip.PREFIX + dead + "-foreign"));
        Files.writeString(foreign.resolve(BundleZip.OWNER), dead + " other-host 0\n");
        try {
            ModelBundle b = ModelBundle.load(zip);
            assertEquals(zip, b.source());
            assertTrue(b.weights().getParent().getFileName().toString()
                    .startsWith(BundleZip.PREFIX + ProcessHandle.current().pid() + "-"), b.weights().toString());
            assertTrue(Files.readString(b.weights().resolveSibling(BundleZip.OWNER))
                    .startsWith(ProcessHandle.current().pid() + " "));
            assertEquals(HostileBundles.sha256(HostileBundles.WEIGHTS), b.weightsSha256());
            assertFalse(Files.exists(left), "the dead process's folder is swept");
            assertTrue(Files.exists(foreign), "another host's folder is not ours to judge");
        } finally {
            Files.deleteIfExists(foreign.resolve(BundleZip.OWNER));
            Files.deleteIfExists(foreign);
        }
    }

    private static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }

    @Test
    void finding4_weightsOutsideTheBundleAreNeverRead() throws Exception {
        for (String name : List.of("weights_absolute", "weights_dotdot", "weights_link_out")) {
            Path b = dir.resolve("hostile").resolve(name);
            BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(b));
            assertFalse(e.getMessage().matches(".*[0-9a-f]{64}.*"), "no file outside is hashed: " + e.getMessage());
            assertTrue(e.getMessage().startsWith(b.resolve("model.json") + ": weights: "), e.getMessage());
        }
        // a name inside a sub-folder of the bundle is fine
        Path ok = Files.createDirectories(dir.resolve("subfolder/w"));
        Files.write(ok.resolve("weights.bin"), HostileBundles.WEIGHTS);
        Files.writeString(ok.resolveSibling("model.json"), HostileBundles.descriptor("[\"car\"]", "./w/weights.bin",
                HostileBundles.sha256(HostileBundles.WEIGHTS)));
        assertEquals(ok.resolve("weights.bin"), ModelBundle.load(ok.getParent()).weights().normalize());
    }

    @Test
    void finding5_classNamesThatCannotBeFileNamesAreRefusedAtLoad() throws Exception {
        Path b = dir.resolve("hostile/class_slash_and_underscore");
        BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(b));
        assertEquals(b.resolve("model.json") + ": classes: refused class name: \"a/b\" holds a path separator '/' (a class "
                + "name becomes a file name and a field of text formats: at most 100 characters, no control characters, "
                + "no / or \\)", e.getMessage());
        // names that are fine: spaces, CJK, punctuation
        Path fine = Files.createDirectories(dir.resolve("fine"));
        Files.write(fine.resolve("weights.bin"), HostileBundles.WEIGHTS);
        Files.writeString(fine.resolve("model.json"), HostileBundles.descriptor(
                "[\"small vehicle\", \"\u8f66\u8f86\", \"a,b\", \"a_b\", \"Truck w-Box\"]", "weights.bin",
                HostileBundles.sha256(HostileBundles.WEIGHTS)));
        assertEquals(5, ModelBundle.load(fine).classes().size());
    }

    @Test
    void finding7_modelInputsBeyondATilesArrayAreRefusedAtLoad() throws Exception {
        for (int side : new int[] {65536, 16384}) {
            Path b = Files.createDirectories(dir.resolve("input" + side));
            Files.write(b.resolve("weights.bin"), HostileBundles.WEIGHTS);
            Files.writeString(b.resolve("model.json"), HostileBundles.descriptor("[\"car\"]", "weights.bin",
                    HostileBundles.sha256(HostileBundles.WEIGHTS)).replace("\"width\": 64, \"height\": 64",
                    "\"width\": " + side + ", \"height\": " + side));
            BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(b));
            assertTrue(e.getMessage().startsWith(b.resolve("model.json") + ": input: " + side + "x" + side + " pixels of 3 "
                    + "bands make one tile of "), e.getMessage());
        }
    }

    @Test
    void finding7_aBatchBeyondMemoryIsRefusedSayingSo() throws Exception {
        ModelBundle b = ModelBundle.load(dir.resolve("fine"));
        long gb = 1L << 30;
        MemoryBudget.requireFits(b, 64, true, 16 * gb, 2 * gb);
        BadInputException e = assertThrows(BadInputException.class,
                () -> MemoryBudget.requireFits(b, Integer.MAX_VALUE, true, 16 * gb, 2 * gb));
        assertTrue(e.getMessage().startsWith("batch 2147483647 of the model's 64x64x3 input needs about "), e.getMessage());
        long most = 16 * gb / 100 * 80 / (64 * 64 * 3 * 4 * 34); // the input tensor twice and 32 of activations
        assertTrue(e.getMessage().contains("at most --batch " + most + " fits (a bound derived from memory)"), e.getMessage());
        MemoryBudget.requireFits(b, (int) most, true, 16 * gb, 2 * gb);
        // on a GPU the activations are not on the host: the heap's tiles bound the batch
        e = assertThrows(BadInputException.class, () -> MemoryBudget.requireFits(b, 100_000, false, 16 * gb, 2 * gb));
        assertTrue(e.getMessage().contains("of tiles on the Java heap"), e.getMessage());
    }
}
