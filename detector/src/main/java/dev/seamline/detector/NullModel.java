package dev.seamline.detector;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.seamline.core.ClassCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The zero-cost model: a network that returns no boxes at once, whatever its input, so that a run
 * with it measures everything but the model — reading, building the input tensor, decoding, merging,
 * writing: the pipeline's ceiling in tiles per second ({@code seamline bench detect --null-model}).
 * Its bundle needs no file: 512 × 512 pixels of bands 1–3, 8-bit samples scaled by 1/255 then
 * normalised with mean 0.5 and std 0.25 per channel (the built-in model's input), decoder
 * {@link Decoder#BOXES}, one class, no GSD (scenes are never resampled for it) and no largest object
 * (the default overlap). Stateless and thread-safe.
 */
public final class NullModel {

    /** The bundle's architecture; {@link Detector#open} builds the network for it. */
    public static final String ARCHITECTURE = "null";

    private NullModel() {
    }

    /** The zero-cost model's bundle (in memory; its paths name no file). */
    public static ModelBundle bundle() {
        Path none = Path.of("null-model");
        return new ModelBundle(none, none, "null-model", "1", Decoder.BOXES, ARCHITECTURE, 512, 512, List.of(1, 2, 3),
                Normalization.ofScale(1 / 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)),
                ClassCatalog.ofNames(List.of("object")), OptionalDouble.empty(), true, 0.25, 0.45, 300, 4,
                "0".repeat(64));
    }

    /** True for the zero-cost model's bundle. */
    static boolean is(ModelBundle bundle) {
        return ARCHITECTURE.equals(bundle.architecture());
    }

    /** The model on {@code device}: a block returning one empty {@code [B, 0, 6]} tensor per batch. */
    static Model load(ModelBundle bundle, Device device) {
        Model model = Model.newInstance(bundle.name(), device, "PyTorch");
        model.setBlock(new NoBoxes());
        return model;
    }

    /** The network: no parameters, no arithmetic; an empty {@code [B, 0, 6]} output. */
    private static final class NoBoxes extends AbstractBlock {

        NoBoxes() {
            super((byte) 1);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.head();
            return new NDList(x.getManager().zeros(new Shape(x.getShape().get(0), 0, 6), DataType.FLOAT32));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 0, 6)};
        }
    }
}
