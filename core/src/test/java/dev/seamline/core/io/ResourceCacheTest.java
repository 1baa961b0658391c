package dev.seamline.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shipped files unpack once, and a build that changes any of them gets a fresh folder. */
class ResourceCacheTest {

    @TempDir
    Path home;

    @Test
    void anyChangedFileGivesANewFolderAndTheSameFilesReuseOne() throws Exception {
        String env = System.getenv("SEAMLINE_CACHE_DIR");
        assumeTrue(env == null || env.isBlank(), "SEAMLINE_CACHE_DIR is set: the cache root is not the test's");
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            List<String> files = List.of("first.txt", "second.txt");
            Path a = ResourceCache.unpack(ResourceCacheTest.class, "/dev/seamline/core/cache-a/", files, "t");
            Path b = ResourceCache.unpack(ResourceCacheTest.class, "/dev/seamline/core/cache-b/", files, "t");
            // the first files are equal: only the second one tells the builds apart
            assertNotEquals(a, b);
            assertEquals("second, version A\n", Files.readString(a.resolve("second.txt")));
            assertEquals("second, version B\n", Files.readString(b.resolve("second.txt")));
            assertTrue(a.startsWith(home.resolve(".cache/seamline")), a.toString());
            Files.writeString(a.resolve("marker"), "x");
            assertEquals(a, ResourceCache.unpack(ResourceCacheTest.class, "/dev/seamline/core/cache-a/", files, "t"));
            assertTrue(Files.exists(a.resolve("marker")), "an unpacked folder is reused, not rewritten");
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    @Test
    void finding11_anEditedCacheFileIsVerifiedBySha256AndWrittenAgain() throws Exception {
        String env = System.getenv("SEAMLINE_CACHE_DIR");
        assumeTrue(env == null || env.isBlank(), "SEAMLINE_CACHE_DIR is set: the cache root is not the test's");
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            List<String> files = List.of("first.txt", "second.txt");
            Path a = ResourceCache.unpack(ResourceCacheTest.class, "/dev/seamline/core/cache-a/", files, "t");
            // the {TAMPERED=2} of issue 14: the unpacked copy edited, then used as it was
            Files.writeString(a.resolve("second.txt"), "TAMPERED\n");
            Files.delete(a.resolve("first.txt"));
            assertEquals(a, ResourceCache.unpack(ResourceCacheTest.class, "/dev/seamline/core/cache-a/", files, "t"));
            assertEquals("second, version A\n", Files.readString(a.resolve("second.txt")));
            assertTrue(Files.isRegularFile(a.resolve("first.txt")));
        } finally {
            System.setProperty("user.home", saved);
        }
    }
}
