package dev.seamline.pipeline.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.CenterNetTrainer;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A built-in bundle's network with heads for another class catalog: every parameter whose name and
 * shape the new network shares with the base (the backbone, the decoder, the box head) is copied; the
 * rest — the heatmap head's output layer, one channel per class — starts fresh, with the focal-loss
 * prior the architecture initialises it with. The result is a parameters file
 * {@link CenterNetTrainer} starts from. Stateless and thread-safe.
 */
public final class NewHeads {

    /** Shape of the dummy input the networks are initialised with (the parameters do not depend on it). */
    private static final Shape INIT_INPUT = new Shape(1, 3, 64, 64);

    private NewHeads() {
    }

    /**
     * What {@link #write} did. Immutable and thread-safe.
     *
     * @param file   the parameters file
     * @param copied parameters taken from the base
     * @param fresh  parameters initialised anew
     */
    public record Result(Path file, int copied, int fresh) {
    }

    /**
     * Writes the base's network with heads for {@code classes} into {@code file}.
     *
     * @param base    a built-in bundle
     * @param classes the new catalog
     * @param seed    the seed of the fresh parameters
     * @throws SeamlineException when the base's parameters cannot be read or the file written
     */
    public static Result write(ModelBundle base, ClassCatalog classes, long seed, Path file) throws SeamlineException {
        String arch = base.builtinName();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block from = CenterNetTrainer.loadParameters(base.weights(), arch, base.classes().size(), manager);
            Map<String, NDArray> old = new HashMap<>();
            for (Pair<String, Parameter> p : from.getParameters()) {
                old.put(p.getKey(), p.getValue().getArray());
            }
            Block to = BuiltinArchitectures.create(arch, classes.size());
            to.initialize(manager, DataType.FLOAT32, INIT_INPUT);
            int copied = 0, fresh = 0;
            for (Pair<String, Parameter> p : to.getParameters()) {
                NDArray mine = p.getValue().getArray();
                NDArray theirs = old.get(p.getKey());
                if (theirs != null && theirs.getShape().equals(mine.getShape())) {
                    mine.set(FloatBuffer.wrap(theirs.toFloatArray()));
                    copied++;
                } else {
                    fresh++;
                }
            }
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFile.write(file, out -> {
                DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
                to.saveParameters(data);
                data.flush();
            });
            return new Result(file, copied, fresh);
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write the network with new heads: " + e.getMessage(), e);
        }
    }
}
