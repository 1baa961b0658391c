package dev.seamline.samples;

import dev.seamline.core.io.ResourceCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled sample scene of {@code samples/data} (a 1,536² synthetic scene with its labels), as
 * files: shipped inside this module's jar and unpacked on first use by {@link ResourceCache}.
 */
public final class SampleData {

    /** The files of the sample, by name. */
    public static final List<String> FILES = List.of("scene.coco.json", "scene.tif", "scene.labels.geojson",
            "scene.xview.geojson", "scene.txt");

    private SampleData() {
    }

    /**
     * The folder holding the sample's files, unpacked if needed.
     *
     * @throws IOException when the build lacks the sample or the cache cannot be written
     */
    public static Path folder() throws IOException {
        return ResourceCache.unpack(SampleData.class, "/dev/seamline/samples/demo/", FILES, "sample");
    }
}
