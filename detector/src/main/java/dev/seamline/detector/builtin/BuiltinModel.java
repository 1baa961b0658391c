package dev.seamline.detector.builtin;

import dev.seamline.core.io.ResourceCache;
import dev.seamline.core.SeamlineException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in detector's bundle, shipped inside this module's jar under
 * {@value #RESOURCE} and unpacked on first use by {@link ResourceCache} (keyed by the bundle's
 * {@code model.json}, which carries the weights' sha256, so a new build never reuses an old
 * model). Its classes are those of the synthetic scenes (small-vehicle, large-vehicle, ship,
 * plane) at 0.3 m.
 */
public final class BuiltinModel {

    /** Classpath folder of the bundle's files. */
    public static final String RESOURCE = "/dev/seamline/detector/builtin/model/";

    private static final List<String> FILES = List.of("model.json", BuiltinBundles.WEIGHTS);

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
            return ResourceCache.unpack(BuiltinModel.class, RESOURCE, FILES, "builtin");
        } catch (IOException e) {
            throw new SeamlineException("cannot unpack the built-in model: " + e.getMessage(), e);
        }
    }
}
