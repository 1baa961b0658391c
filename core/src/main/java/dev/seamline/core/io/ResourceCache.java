package dev.seamline.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Unpacks files shipped inside a jar (the built-in model, the sample scene) into a per-user cache
 * folder, {@code $SEAMLINE_CACHE_DIR} or else {@code ~/.cache/seamline}, so that code needing real
 * files gets them. The folder's name carries a hash of all the files' names and contents, so a build
 * that changes any of them never reuses an old copy; each file is written through {@link AtomicFile}, and a
 * {@code .complete} marker is written last. Each use verifies every unpacked file by its sha256 against
 * the build's copy and writes again any that differs. Safe to call from several processes at once.
 */
public final class ResourceCache {

    private static final String COMPLETE = ".complete";

    private ResourceCache() {
    }

    /** The cache root: {@code $SEAMLINE_CACHE_DIR}, or {@code ~/.cache/seamline}. */
    public static Path root() {
        String env = System.getenv("SEAMLINE_CACHE_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "seamline");
    }

    /**
     * The folder holding {@code files} of classpath folder {@code resourceFolder}, unpacked if needed.
     * Every use checks each unpacked file against the build's copy by its sha256: a file edited,
     * truncated or removed in the cache is written again from the jar (with a warning), so a tampered
     * cache is never used as it is.
     *
     * @param anchor         a class of the jar that ships the files
     * @param resourceFolder absolute classpath folder, ending in {@code /}
     * @param files          the files' names; their names and contents key the cache folder
     * @param prefix         the cache folder's name before the key
     * @throws IOException when a file is missing from the build or the cache cannot be written
     */
    public static Path unpack(Class<?> anchor, String resourceFolder, List<String> files, String prefix)
            throws IOException {
        List<byte[]> shas = new java.util.ArrayList<>();
        Path dir = root().resolve(prefix + "-" + key(anchor, resourceFolder, files, shas));
        boolean complete = Files.isRegularFile(dir.resolve(COMPLETE));
        Files.createDirectories(dir);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i);
            Path file = dir.resolve(name);
            if (complete) {
                if (java.util.Arrays.equals(shas.get(i), sha256(file))) {
                    continue;
                }
                System.getLogger(ResourceCache.class.getName()).log(System.Logger.Level.WARNING,
                        file + " differs from the copy this build ships (edited or damaged): writing it again");
            }
            try (InputStream in = anchor.getResourceAsStream(resourceFolder + name)) {
                if (in == null) {
                    throw new IOException("this build lacks " + resourceFolder + name);
                }
                AtomicFile.write(file, in::transferTo);
            }
        }
        if (!complete) {
            Files.writeString(dir.resolve(COMPLETE), "");
        }
        return dir;
    }

    /** The sha256 of a cached file, or null when it is missing or not a regular file. */
    private static byte[] sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in);
        }
    }

    private static byte[] digest(InputStream in) throws IOException {
        MessageDigest sha = newSha();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }

    private static MessageDigest newSha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The first 16 hex digits of the SHA-256 of every file's name and content, in order; each file's own
     * sha256 is added to {@code shas}.
     */
    private static String key(Class<?> anchor, String resourceFolder, List<String> files, List<byte[]> shas)
            throws IOException {
        MessageDigest sha = newSha();
        for (String name : files) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = anchor.getResourceAsStream(resourceFolder + name)) {
                if (in == null) {
                    throw new IOException("this build lacks " + resourceFolder + name);
                }
                byte[] one = digest(in);
                shas.add(one);
                sha.update(one);
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
