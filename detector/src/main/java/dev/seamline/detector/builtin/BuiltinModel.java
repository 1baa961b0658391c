package dev.seamline.detector.builtin;

import dev.seamline.core.SeamlineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The built-in detector's bundle, shipped inside this module's jar under
 * {@value #RESOURCE} and unpacked on first use into a per-user cache folder
 * ({@code $SEAMLINE_CACHE_DIR}, else {@code ~/.cache/seamline}), keyed by the bundle's content so a
 * new build never reuses an old model. Its classes are those of the synthetic scenes
 * (small-vehicle, large-vehicle, ship, plane) at 0.3 m.
 */
public final class BuiltinModel {

    /** Classpath folder of the bundle's files. */
    public static final String RESOURCE = "/dev/seamline/detector/builtin/model/";

    private static final List<String> FILES = List.of(BuiltinBundles.WEIGHTS, "model.json");

    private BuiltinModel() {
    }

    /** True when this build carries the built-in bundle. */
    public static boolean isAvailable() {
        return BuiltinModel.class.getResource(RESOURCE + "model.json") != null;
    }

    /**
     * The folder of the unpacked bundle, ready for {@code ModelBundle.load}.
     *
     * @throws SeamlineException when the build carries no built-in bundle or the cache cannot be written
     */
    public static Path bundle() throws SeamlineException {
        if (!isAvailable()) {
            throw new SeamlineException("this build of Seamline carries no built-in model; pass --model BUNDLE "
                    + "(or train one with seamline train)");
        }
        try {
            byte[] json;
            try (InputStream in = BuiltinModel.class.getResourceAsStream(RESOURCE + "model.json")) {
                json = in.readAllBytes();
            }
            String key = Integer.toHexString(java.util.Arrays.hashCode(json));
            Path dir = cacheRoot().resolve("builtin-" + key);
            if (Files.isRegularFile(dir.resolve("model.json"))) {
                return dir;
            }
            Files.createDirectories(dir);
            for (String name : FILES) { // model.json last: its presence means the folder is complete
                try (InputStream in = BuiltinModel.class.getResourceAsStream(RESOURCE + name)) {
                    if (in == null) {
                        throw new SeamlineException("the built-in model lacks " + name + " in this build");
                    }
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new SeamlineException("cannot unpack the built-in model: " + e.getMessage(), e);
        }
    }

    private static Path cacheRoot() {
        String env = System.getenv("SEAMLINE_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "seamline");
    }
}
