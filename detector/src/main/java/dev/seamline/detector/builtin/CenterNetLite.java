package dev.seamline.detector.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A compact CenterNet-style detector (Zhou et al., "Objects as Points", 2019) sized for CPU
 * training: a four-stage residual encoder down to stride 32 (receptive field large enough for
 * 60 m airplanes at 0.3 m/px), a feature-pyramid decoder back to stride 4 with additive skip
 * connections (nearest upsampling + 1×1 conv), a heatmap head (3×3 then 1×1 conv) and a
 * box head (1×1 convs: log-size and offset). The heads are kept light on purpose: at stride 4 they
 * would otherwise cost more than the whole encoder. Output contract: see the package documentation.
 *
 * <p>The size head predicts log-sizes; the block returns {@code exp(clamp(raw, -4, 8)) · 4}, so sizes
 * are positive input pixels and the loss can work in log space.
 *
 * <p>Not thread-safe during training; inference through a DJL {@code Predictor} per thread.
 */
public final class CenterNetLite extends AbstractBlock {

    /** Input pixels per output cell. */
    public static final int STRIDE = 4;
    /** Input width and height must be multiples of this. */
    public static final int INPUT_MULTIPLE = 32;

    private static final byte VERSION = 1;
    private static final float HEAT_PRIOR_LOGIT = 2.19f;
    private static final int C4 = 32, C8 = 64, C16 = 96, C32 = 128, HEAD = 48, HEAD_HIDDEN = 32;

    private final int numClasses;
    private final Block stem, enc8, enc16, enc32, up16, fuse16, up8, fuse8, up4, fuse4;
    private final Block heatHead, boxHead;

    /** A new network for {@code numClasses} classes (uninitialised). */
    public CenterNetLite(int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        stem = addChildBlock("stem", new SequentialBlock()
                .add(convBnRelu(24, 3, 2)).add(convBnRelu(C4, 3, 2)).add(residual(C4)));
        enc8 = addChildBlock("enc8", new SequentialBlock().add(convBnRelu(C8, 3, 2)).add(residual(C8)));
        enc16 = addChildBlock("enc16", new SequentialBlock().add(convBnRelu(C16, 3, 2)).add(residual(C16)));
        enc32 = addChildBlock("enc32", new SequentialBlock().add(convBnRelu(C32, 3, 2)).add(residual(C32)));
        up16 = addChildBlock("up16", upsample(C16));
        fuse16 = addChildBlock("fuse16", convBnRelu(C16, 3, 1));
        up8 = addChildBlock("up8", upsample(C8));
        fuse8 = addChildBlock("fuse8", convBnRelu(C8, 3, 1));
        up4 = addChildBlock("up4", upsample(C4));
        fuse4 = addChildBlock("fuse4", convBnRelu(HEAD, 3, 1));
        heatHead = addChildBlock("heat", new SequentialBlock()
                .add(conv(HEAD_HIDDEN, 3, 1)).add(Activation.reluBlock()).add(conv(numClasses, 1, 1)));
        boxHead = addChildBlock("box", new SequentialBlock()
                .add(conv(HEAD_HIDDEN, 1, 1)).add(Activation.reluBlock()).add(conv(4, 1, 1)));
    }

    /** Number of classes (heatmap channels). */
    public int numClasses() {
        return numClasses;
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    private static Block convBnRelu(int filters, int kernel, int stride) {
        return new SequentialBlock()
                .add(conv(filters, kernel, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static Block residual(int channels) {
        Block branch = new SequentialBlock()
                .add(convBnRelu(channels, 3, 1))
                .add(conv(channels, 3, 1))
                .add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(
                        list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(branch, Blocks.identityBlock())))
                .add(Activation.reluBlock());
    }

    /** Nearest-neighbour 2× upsampling (DJL's PyTorch engine has no transposed convolution), then a 1×1 conv. */
    private static Block upsample(int filters) {
        return new SequentialBlock()
                .add(new LambdaBlock(list -> new NDList(nearest2x(list.singletonOrThrow())), "nearest2x"))
                .add(conv(filters, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** (B, C, H, W) → (B, C, 2H, 2W), each value repeated in a 2×2 block; differentiable. */
    static NDArray nearest2x(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1).broadcast(new Shape(b, c, h, 2, w, 2)).reshape(b, c, h * 2, w * 2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f4 = stem.forward(ps, inputs, training, params).singletonOrThrow();
        NDArray f8 = enc8.forward(ps, new NDList(f4), training, params).singletonOrThrow();
        NDArray f16 = enc16.forward(ps, new NDList(f8), training, params).singletonOrThrow();
        NDArray f32 = enc32.forward(ps, new NDList(f16), training, params).singletonOrThrow();
        NDArray u16 = fuse16.forward(ps, new NDList(up16.forward(ps, new NDList(f32), training, params)
                .singletonOrThrow().add(f16)), training, params).singletonOrThrow();
        NDArray u8 = fuse8.forward(ps, new NDList(up8.forward(ps, new NDList(u16), training, params)
                .singletonOrThrow().add(f8)), training, params).singletonOrThrow();
        NDArray u4 = fuse4.forward(ps, new NDList(up4.forward(ps, new NDList(u8), training, params)
                .singletonOrThrow().add(f4)), training, params).singletonOrThrow();
        NDList features = new NDList(u4);
        NDArray heat = Activation.sigmoid(heatHead.forward(ps, features, training, params).singletonOrThrow());
        NDArray box = boxHead.forward(ps, features, training, params).singletonOrThrow();
        NDArray size = box.get(":, 0:2").clip(-4, 8).exp().mul(STRIDE);
        NDArray offset = box.get(":, 2:4");
        return new NDList(heat, size, offset);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0), h = in.get(2) / STRIDE, w = in.get(3) / STRIDE;
        return new Shape[] {new Shape(b, numClasses, h, w), new Shape(b, 2, h, w), new Shape(b, 2, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0), h = in.get(2), w = in.get(3);
        if (h % INPUT_MULTIPLE != 0 || w % INPUT_MULTIPLE != 0) {
            throw new IllegalArgumentException("CenterNetLite input must be a multiple of " + INPUT_MULTIPLE
                    + " pixels, got " + w + " x " + h);
        }
        stem.initialize(manager, dataType, in);
        Shape s4 = new Shape(b, C4, h / 4, w / 4);
        enc8.initialize(manager, dataType, s4);
        Shape s8 = new Shape(b, C8, h / 8, w / 8);
        enc16.initialize(manager, dataType, s8);
        Shape s16 = new Shape(b, C16, h / 16, w / 16);
        enc32.initialize(manager, dataType, s16);
        up16.initialize(manager, dataType, new Shape(b, C32, h / 32, w / 32));
        fuse16.initialize(manager, dataType, s16);
        up8.initialize(manager, dataType, s16);
        fuse8.initialize(manager, dataType, s8);
        up4.initialize(manager, dataType, s8);
        fuse4.initialize(manager, dataType, s4);
        Shape features = new Shape(b, HEAD, h / 4, w / 4);
        heatHead.initialize(manager, dataType, features);
        // Focal-loss prior (CenterNet, RetinaNet): start every heatmap cell near p = 0.1, not 0.5,
        // so the first steps are not swamped by the loss of the many background cells.
        Block heatOut = heatHead.getChildren().get(2).getValue();
        heatOut.getParameters().get("bias").getArray().subi(HEAT_PRIOR_LOGIT);
        boxHead.initialize(manager, dataType, features);
    }
}
