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
 * {@code .complete} marker is written last.
 * Safe to call from several processes at once.
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
     *
     * @param anchor         a class of the jar that ships the files
     * @param resourceFolder absolute classpath folder, ending in {@code /}
     * @param files          the files' names; their names and contents key the cache folder
     * @param prefix         the cache folder's name before the key
     * @throws IOException when a file is missing from the build or the cache cannot be written
     */
    public static Path unpack(Class<?> anchor, String resourceFolder, List<String> files, String prefix)
            throws IOException {
        Path dir = root().resolve(prefix + "-" + key(anchor, resourceFolder, files));
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return dir;
        }
        Files.createDirectories(dir);
        for (String name : files) {
            try (InputStream in = anchor.getResourceAsStream(resourceFolder + name)) {
                if (in == null) {
                    throw new IOException("this build lacks " + resourceFolder + name);
                }
                AtomicFile.write(dir.resolve(name), in::transferTo);
            }
        }
        Files.writeString(dir.resolve(COMPLETE), "");
        return dir;
    }

    /** The first 16 hex digits of the SHA-256 of every file's name and content, in order. */
    private static String key(Class<?> anchor, String resourceFolder, List<String> files) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (String name : files) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = anchor.getResourceAsStream(resourceFolder + name)) {
                if (in == null) {
                    throw new IOException("this build lacks " + resourceFolder + name);
                }
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
