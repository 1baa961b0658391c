package dev.seamline.tiling.merge;

import java.io.Serializable;

/**
 * The seam rule {@link SeamMerger} applies before its {@link MergeStrategy}: it uses where each
 * detection's tile lies instead of a threshold the user must tune.
 *
 * <p>A detection whose box comes within {@code edgeTolerance} pixels of an interior edge of its tile
 * is <em>cut</em>: the tile saw only part of the object. Each detection gets a rank: 0 when whole and
 * centred in its tile's core, 1 when whole elsewhere in its tile, 2 when cut. A detection gives way to
 * a better-ranked detection from another tile when the two agree where both tiles see: their boxes,
 * each clipped to the intersection of the two tile windows, have IoU ≥ {@code agreement}. So an
 * object's cut views and its duplicate whole views give way to the one whole view whose core holds it,
 * whatever their scores. Two cut views from different tiles that agree in this way are stitched into
 * one detection (the union of their boxes, the higher score): an object larger than the overlap, which
 * no tile sees whole, comes out once and at full size. Oriented cut views are not stitched.
 *
 * <p>Immutable and thread-safe.
 *
 * @param enabled       false to merge with the strategy alone
 * @param agreement     IoU in the common window above which two views are the same object, in (0, 1]
 * @param edgeTolerance distance to an interior tile edge, pixels, within which a box counts as cut, ≥ 0
 */
public record SeamRule(boolean enabled, double agreement, double edgeTolerance) implements Serializable {

    /** The rule with agreement IoU 0.5 and a 1-pixel edge tolerance. */
    public static final SeamRule DEFAULT = new SeamRule(true, 0.5, 1.0);

    /** No seam rule: the strategy alone decides. */
    public static final SeamRule OFF = new SeamRule(false, 0.5, 1.0);

    /** @throws IllegalArgumentException for an agreement outside (0,1] or a negative tolerance */
    public SeamRule {
        if (!(agreement > 0 && agreement <= 1)) {
            throw new IllegalArgumentException("seam agreement must be in (0, 1], was " + agreement);
        }
        if (!(edgeTolerance >= 0) || Double.isInfinite(edgeTolerance)) {
            throw new IllegalArgumentException("edge tolerance must be a finite number >= 0, was " + edgeTolerance);
        }
    }
}
