package dev.seamline.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled sample scene of {@code samples/data} (a 1,536² synthetic scene with its labels), as
 * files: shipped inside this module's jar and unpacked on first use into a per-user cache folder
 * ({@code $SEAMLINE_CACHE_DIR}, else {@code ~/.cache/seamline}).
 */
public final class SampleData {

    /** The files of the sample, by name. */
    public static final List<String> FILES = List.of("scene.tif", "scene.coco.json", "scene.labels.geojson",
            "scene.xview.geojson", "scene.txt");

    private static final String RESOURCE = "/dev/seamline/samples/demo/";

    private SampleData() {
    }

    /**
     * The folder holding the sample's files, unpacked if needed.
     *
     * @throws IOException when the build lacks the sample or the cache cannot be written
     */
    public static Path folder() throws IOException {
        long size;
        try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE + "scene.coco.json")) {
            if (in == null) {
                throw new IOException("this build of Seamline carries no sample scene");
            }
            size = java.util.Arrays.hashCode(in.readAllBytes());
        }
        String env = System.getenv("SEAMLINE_CACHE_DIR");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "seamline");
        Path dir = root.resolve("sample-" + Long.toHexString(size & 0xffffffffL));
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return dir;
        }
        Files.createDirectories(dir);
        for (String name : FILES) {
            try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE + name)) {
                if (in == null) {
                    throw new IOException("the bundled sample lacks " + name);
                }
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve(".complete"), "");
        return dir;
    }
}
