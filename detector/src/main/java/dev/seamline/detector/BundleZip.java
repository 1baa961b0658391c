package dev.seamline.detector;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads a model bundle from a {@code .zip}: {@code model.json} at the zip's root or in its single
 * folder, and the weights it names, extracted into a private temporary folder because the engines
 * load files. Extraction is bounded before a byte is written and while it copies:
 *
 * <ul>
 * <li>the entry's declared size (the zip's central directory) must be at most {@value #MAX_WEIGHTS_GB} GB,
 *     at most {@value #MAX_RATIO}:1 its compressed size when over {@value #RATIO_FROM_MB} MB (weights compress
 *     barely; a bomb compresses a thousandfold), and fit the temporary folder's free space;</li>
 * <li>the copy stops as soon as the entry inflates past its declared size (a zip can lie), and hashes
 *     as it copies: the sha256 is checked without a second read;</li>
 * <li>on any failure the partial file and its folder are deleted at once; on exit, by the JVM's
 *     delete-on-exit (a normal exit, SIGTERM, SIGINT). A folder left by a process that died
 *     ({@code kill -9}) is deleted by the next load on the same host: each folder,
 *     {@code seamline-model-<pid>-…}, holds an {@code .owner} file naming its process and its start.</li>
 * </ul>
 *
 * Every message names the zip and the entry, never the temporary file. Stateless and thread-safe.
 */
final class BundleZip {

    static final int MAX_WEIGHTS_GB = 16;
    static final long MAX_WEIGHTS_BYTES = (long) MAX_WEIGHTS_GB << 30;
    static final int MAX_RATIO = 200;
    static final int RATIO_FROM_MB = 64;
    /** Free space kept beyond the entry's size, bytes. */
    private static final long SPARE = 64L << 20;
    static final String PREFIX = "seamline-model-";
    static final String OWNER = ".owner";

    private BundleZip() {
    }

    static ModelBundle load(Path zip) throws BadInputException {
        try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            String folder = descriptorFolder(zf, zip);
            ZipEntry descriptor = zf.getEntry(folder + ModelBundle.DESCRIPTOR);
            byte[] json = ModelBundle.readDescriptor(zf.getInputStream(descriptor), zip);
            return ModelBundle.parse(zip, zip, json, (name, sha) -> extract(zf, zip, folder, name, sha));
        } catch (ZipException e) {
            throw new BadInputException(zip, "not a readable zip: " + oneLine(e), e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(zip, "not a readable zip: " + oneLine(e), e);
        }
    }

    /** "" when model.json is at the root, else "folder/" of the single top folder that holds it. */
    private static String descriptorFolder(ZipFile zf, Path zip) throws BadInputException {
        ZipEntry root = zf.getEntry(ModelBundle.DESCRIPTOR);
        if (root != null && !root.isDirectory()) {
            return "";
        }
        Set<String> tops = new TreeSet<>();
        for (Enumeration<? extends ZipEntry> e = zf.entries(); e.hasMoreElements();) {
            String n = e.nextElement().getName();
            int slash = n.indexOf('/');
            if (slash > 0) {
                tops.add(n.substring(0, slash + 1));
            }
        }
        if (tops.size() == 1) {
            ZipEntry inside = zf.getEntry(tops.iterator().next() + ModelBundle.DESCRIPTOR);
            if (inside != null && !inside.isDirectory()) {
                return tops.iterator().next();
            }
        }
        throw new BadInputException(zip, "no " + ModelBundle.DESCRIPTOR + " at the zip's root or in its single folder");
    }

    private static Path extract(ZipFile zf, Path zip, String folder, String name, String sha) throws BadInputException {
        String inside = ModelBundle.insideName(zip, name);
        String what = "weights '" + Printable.escape(inside) + "'";
        ZipEntry entry = zf.getEntry(folder + inside);
        if (entry == null || entry.isDirectory()) {
            throw new BadInputException(zip, "weights: " + ModelBundle.DESCRIPTOR + " names '" + Printable.escape(name)
                    + "', which the zip does not hold");
        }
        long declared = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (declared < 0) {
            throw new BadInputException(zip, what + ": the zip does not declare its size");
        }
        if (declared > MAX_WEIGHTS_BYTES) {
            throw new BadInputException(zip, what + " declares " + mb(declared) + ", over the " + MAX_WEIGHTS_GB
                    + " GB Seamline extracts from a zip (unzip it and pass the folder)");
        }
        if (declared > ((long) RATIO_FROM_MB << 20) && compressed > 0 && declared / compressed > MAX_RATIO) {
            throw new BadInputException(zip, what + " inflates " + declared / compressed + ":1 (" + mb(compressed) + " to "
                    + mb(declared) + "); model weights compress far less than " + MAX_RATIO + ":1: refused as a zip bomb");
        }
        Path temp = null;
        Path out = null;
        boolean ok = false;
        try {
            Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir"));
            sweepDead(tmpRoot);
            long free = Files.getFileStore(tmpRoot).getUsableSpace();
            if (declared + SPARE > free) {
                throw new BadInputException(zip, what + " needs " + mb(declared) + " to be extracted into " + tmpRoot
                        + ", which has " + mb(free) + " free (set -Djava.io.tmpdir, or unzip the bundle and pass its folder)");
            }
            temp = Files.createTempDirectory(tmpRoot, PREFIX + ProcessHandle.current().pid() + "-");
            temp.toFile().deleteOnExit();
            Path owner = temp.resolve(OWNER);
            Files.writeString(owner, ownerLine(ProcessHandle.current()), StandardCharsets.UTF_8);
            owner.toFile().deleteOnExit();
            out = temp.resolve(Path.of(inside).getFileName().toString());
            out.toFile().deleteOnExit();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long copied = 0;
            try (InputStream in = zf.getInputStream(entry);
                    OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0;) {
                    copied += n;
                    if (copied > declared) {
                        throw new BadInputException(zip, what + " inflates past the " + declared + " bytes the zip declares "
                                + "for it: a corrupt zip or a zip bomb");
                    }
                    digest.update(buffer, 0, n);
                    os.write(buffer, 0, n);
                }
            }
            if (copied != declared) {
                throw new BadInputException(zip, what + " holds " + copied + " bytes, the zip declares " + declared
                        + ": a truncated or corrupt zip");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha)) {
                throw new BadInputException(zip, what + ": sha256 mismatch: " + ModelBundle.DESCRIPTOR + " expects " + sha
                        + ", the entry has " + actual);
            }
            ok = true;
            return out;
        } catch (IOException e) {
            throw new BadInputException(zip, "cannot extract " + what + " (" + mb(declared) + "): " + oneLine(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        } finally {
            if (!ok) {
                deleteQuietly(out);
                deleteQuietly(temp == null ? null : temp.resolve(OWNER));
                deleteQuietly(temp);
            }
        }
    }

    /** "pid host start-millis": who made a temporary folder. */
    static String ownerLine(ProcessHandle p) {
        long start = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        return p.pid() + " " + host() + " " + start + "\n";
    }

    /**
     * Deletes the temporary folders of processes of this host that no longer run (killed before their
     * delete-on-exit): a folder whose {@code .owner} names a pid that is gone, or that now belongs to a
     * process started at another time. Folders without an owner file are left alone.
     */
    static int sweepDead(Path tmpRoot) {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
            for (Path dir : ds) {
                if (isDead(dir.resolve(OWNER))) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path f : files) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(dir);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: another process may be sweeping too, or the folder is not ours to read
        }
        return removed;
    }

    private static boolean isDead(Path owner) throws IOException {
        if (!Files.isRegularFile(owner, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(owner) > 512) {
            return false;
        }
        String[] f = Files.readString(owner, StandardCharsets.UTF_8).trim().split(" ");
        if (f.length != 3 || !f[1].equals(host())) {
            return false;
        }
        long pid, start;
        try {
            pid = Long.parseLong(f[0]);
            start = Long.parseLong(f[2]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        long now = p.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        return start >= 0 && now >= 0 && now != start;
    }

    private static String host() {
        return Host.NAME;
    }

    /** The host name, looked up once (it may ask the resolver). */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
            } catch (IOException e) {
                return "unknown-host";
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // nothing more to do; delete-on-exit is registered
            }
        }
    }

    private static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
