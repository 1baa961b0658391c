package dev.seamline.detector.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The CenterNet training loss ("Objects as Points", eq. 1–3): penalty-reduced pixel-wise focal loss
 * (α = 2, β = 4) on the heatmap, plus L1 losses on the size (in log space, so that a 6-pixel car
 * and a 200-pixel airplane weigh alike) and on the sub-cell offset, at object centres only. Each
 * term is normalised by the number of objects.
 *
 * <p>Labels, as the trainer builds them from {@link CenterNetTargets}: heatmap (B,C,h,w),
 * size (B,2,h,w) in pixels, offset (B,2,h,w) in cells, centre mask (B,1,h,w). Predictions: the
 * network's three outputs.
 */
final class CenterNetLoss extends Loss {

    private static final float EPS = 1e-4f;
    private final float sizeWeight;
    private final float offsetWeight;

    CenterNetLoss(float sizeWeight, float offsetWeight) {
        super("centernet");
        this.sizeWeight = sizeWeight;
        this.offsetWeight = offsetWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray gtHeat = labels.get(0), gtSize = labels.get(1), gtOffset = labels.get(2), mask = labels.get(3);
        NDArray p = predictions.get(0).clip(EPS, 1 - EPS);
        NDArray pos = gtHeat.gte(1f).toType(p.getDataType(), false);
        NDArray neg = pos.neg().add(1f);
        NDArray posLoss = p.log().mul(p.neg().add(1f).square()).mul(pos);
        NDArray negWeight = gtHeat.neg().add(1f).pow(4f);
        NDArray negLoss = p.neg().add(1f).log().mul(p.square()).mul(negWeight).mul(neg);
        NDArray count = mask.sum().maximum(1f);
        NDArray focal = posLoss.sum().add(negLoss.sum()).neg().div(count);

        NDArray sizeLoss = predictions.get(1).log().sub(gtSize.log()).abs().mul(mask).sum().div(count.mul(2f));
        NDArray offsetLoss = predictions.get(2).sub(gtOffset).abs().mul(mask).sum().div(count.mul(2f));
        return focal.add(sizeLoss.mul(sizeWeight)).add(offsetLoss.mul(offsetWeight));
    }
}
