package dev.seamline.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A corpus of hostile model bundles, written on demand into a folder (nothing big is committed: the zip
 * bombs are made here): class names that cannot be file names or fields (path separators, control
 * characters, 300 characters, names equal but for case), weights paths leading out of the bundle
 * (absolute, {@code ..}, a link), non-regular files (a FIFO as the bundle, as {@code model.json}, as the
 * weights) and zips (a 1000:1 bomb, an entry that inflates past its declared size, a sha256 mismatch,
 * names leading out). Each bundle is the descriptor of a valid TorchScript bundle with 64 bytes of weights
 * ({@link #WEIGHTS}) with one thing made hostile, so that {@code ModelBundle.load} must refuse it in one
 * line containing the case's phrase. Used by detector's tests and by cli's, through the real command.
 */
public final class HostileBundles {

    /** The weights of every bundle: 64 bytes, 0 … 63. */
    public static final byte[] WEIGHTS = new byte[64];

    static {
        for (int i = 0; i < WEIGHTS.length; i++) {
            WEIGHTS[i] = (byte) i;
        }
    }

    /**
     * One hostile bundle.
     *
     * @param name   the case's name (the bundle's file name)
     * @param bundle the bundle (folder, zip, or FIFO)
     * @param named  the file the one-line message must start with
     * @param phrase what the message must contain
     * @param how    what is hostile about it
     */
    public record Case(String name, Path bundle, Path named, String phrase, String how) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileBundles() {
    }

    /** Writes every case into {@code dir} (FIFO cases only where {@code mkfifo} exists). */
    public static List<Case> write(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Case> cases = new ArrayList<>();
        // class names
        classes(dir, cases, "class_slash_and_underscore", "[\"a/b\", \"a_b\"]", "path separator", "classes a/b and a_b "
                + "(both were Task1_a_b.txt)");
        classes(dir, cases, "class_backslash", "[\"a\\\\b\", \"car\"]", "path separator", "class a\\b");
        classes(dir, cases, "class_tab", "[\"small\\tvehicle\"]", "control character", "a tab inside a class name");
        classes(dir, cases, "class_newline", "[\"a\\nb\"]", "control character", "a newline inside a class name");
        classes(dir, cases, "class_nul", "[\"a\\u0000b\"]", "control character", "a NUL inside a class name");
        classes(dir, cases, "class_300_chars", "[\"" + "x".repeat(300) + "\"]", "300 characters", "a 300-character name");
        classes(dir, cases, "class_cjk_90_chars", "[\"" + "\u8f66".repeat(90) + "\"]", "bytes of UTF-8",
                "90 CJK characters: 270 bytes, too long for Task1_<name>.txt");
        classes(dir, cases, "class_case_twins", "[\"Car\", \"car\"]", "differ only in case", "Car and car (one file "
                + "on macOS)");
        classes(dir, cases, "class_unicode_twins", "[\"caf\\u00e9\", \"cafe\\u0301\"]", "differ only in case",
                "café in NFC and NFD");
        // weights paths
        weights(dir, cases, "weights_absolute", "/etc/passwd", "an absolute path", "weights /etc/passwd");
        Files.write(dir.resolve("outside.bin"), WEIGHTS);
        weights(dir, cases, "weights_dotdot", "../outside.bin", "leads out of the bundle", "weights ../outside.bin "
                + "(a real file with the right sha256)");
        Path link = weights(dir, cases, "weights_link_out", "weights.bin", "link leading out",
                "weights.bin a symbolic link to a file outside the bundle");
        Files.delete(link.resolve("weights.bin"));
        Files.createSymbolicLink(link.resolve("weights.bin"), dir.resolve("outside.bin"));
        // zips
        zip(dir, cases, "zip_bomb.zip", descriptor("[\"car\"]", "weights.bin", sha256Zeros(100 << 20)),
                "weights.bin", null, 100 << 20, -1, "zip bomb", "a 100 KB zip whose weights inflate 1000:1 to 100 MB");
        zip(dir, cases, "zip_lying_size.zip", descriptor("[\"car\"]", "weights.bin", sha256Zeros(8 << 20)),
                "weights.bin", null, 8 << 20, 1000, "inflates past", "weights declared 1,000 bytes, inflating to 8 MB");
        zip(dir, cases, "zip_sha_mismatch.zip", descriptor("[\"car\"]", "weights.bin", "0".repeat(64)),
                "weights.bin", WEIGHTS, 0, -1, "sha256 mismatch", "weights of other bytes than model.json says");
        zip(dir, cases, "zip_weights_absolute.zip", descriptor("[\"car\"]", "/etc/passwd", sha256(WEIGHTS)),
                "weights.bin", WEIGHTS, 0, -1, "an absolute path", "weights /etc/passwd inside a zip");
        zip(dir, cases, "zip_weights_dotdot.zip", descriptor("[\"car\"]", "../weights.bin", sha256(WEIGHTS)),
                "weights.bin", WEIGHTS, 0, -1, "leads out of the bundle", "weights ../weights.bin inside a zip");
        zip(dir, cases, "zip_class_slash.zip", descriptor("[\"a/b\", \"a_b\"]", "weights.bin", sha256(WEIGHTS)),
                "weights.bin", WEIGHTS, 0, -1, "path separator", "classes a/b and a_b in a zip");
        // non-regular files
        if (mkfifo(dir.resolve("fifo_bundle.zip"))) {
            cases.add(new Case("fifo_bundle.zip", dir.resolve("fifo_bundle.zip"), dir.resolve("fifo_bundle.zip"),
                    "named pipe", "the bundle is a FIFO named .zip"));
            Path d = Files.createDirectories(dir.resolve("fifo_descriptor"));
            Files.write(d.resolve("weights.bin"), WEIGHTS);
            mkfifo(d.resolve("model.json"));
            cases.add(new Case("fifo_descriptor", d, d.resolve("model.json"), "named pipe", "model.json is a FIFO"));
            Path w = weights(dir, cases, "fifo_weights", "weights.bin", "named pipe", "weights.bin is a FIFO");
            Files.delete(w.resolve("weights.bin"));
            mkfifo(w.resolve("weights.bin"));
            cases.set(cases.size() - 1, new Case("fifo_weights", w, w.resolve("weights.bin"), "named pipe",
                    "weights.bin is a FIFO"));
        }
        return cases;
    }

    /** A valid descriptor with the given classes (a JSON array) and weights name and sha256. */
    public static String descriptor(String classesJson, String weights, String sha) {
        return "{\"name\": \"hostile\", \"version\": \"1\", \"decoder\": \"YOLOV8\", \"architecture\": \"torchscript\",\n"
                + " \"input\": {\"width\": 64, \"height\": 64, \"bands\": [1, 2, 3]},\n"
                + " \"normalization\": {\"scale\": 0.00392156862745098},\n"
                + " \"classes\": " + classesJson + ",\n"
                + " \"weights\": \"" + weights + "\", \"weights_sha256\": \"" + sha + "\"}\n";
    }

    private static void classes(Path dir, List<Case> cases, String name, String classesJson, String phrase, String how)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("weights.bin"), WEIGHTS);
        Files.writeString(d.resolve("model.json"), descriptor(classesJson, "weights.bin", sha256(WEIGHTS)));
        cases.add(new Case(name, d, d.resolve("model.json"), phrase, how));
    }

    private static Path weights(Path dir, List<Case> cases, String name, String weights, String phrase, String how)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("weights.bin"), WEIGHTS);
        Files.writeString(d.resolve("model.json"), descriptor("[\"car\"]", weights, sha256(WEIGHTS)));
        cases.add(new Case(name, d, d.resolve("model.json"), phrase, how));
        return d;
    }

    /**
     * A zip of {@code model.json} and one weights entry: {@code content}, or {@code zeros} zero bytes;
     * {@code declare} ≥ 0 rewrites the entry's size in the central directory (a zip that lies).
     */
    private static void zip(Path dir, List<Case> cases, String name, String json, String entry, byte[] content, int zeros,
            long declare, String phrase, String how) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("model.json"));
            z.write(json.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(entry));
            if (content != null) {
                z.write(content);
            } else {
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < zeros / block.length; i++) {
                    z.write(block);
                }
            }
            z.closeEntry();
        }
        byte[] zip = bytes.toByteArray();
        if (declare >= 0) {
            lieAboutSize(zip, entry, declare);
        }
        Path p = dir.resolve(name);
        Files.write(p, zip);
        cases.add(new Case(name, p, p, phrase, how));
    }

    /** Rewrites the uncompressed size of {@code entry} in the central directory. */
    private static void lieAboutSize(byte[] zip, String entry, long size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] want = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (b.getInt(i) == 0x02014b50 && (b.getShort(i + 28) & 0xffff) == want.length
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + want.length, want, 0, want.length)) {
                b.putInt(i + 24, (int) size);
                return;
            }
        }
        throw new IllegalStateException("no central directory entry " + entry);
    }

    /** Makes a FIFO; false where {@code mkfifo} is not available. */
    public static boolean mkfifo(Path p) throws IOException, InterruptedException {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return proc.waitFor() == 0 && Files.exists(p);
        } catch (IOException e) {
            return false;
        }
    }

    /** The sha256 of bytes, lower-case hex. */
    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha().digest(data));
    }

    private static String sha256Zeros(int n) {
        MessageDigest d = sha();
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < n / block.length; i++) {
            d.update(block);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
