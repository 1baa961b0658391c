package dev.seamline.core;

/**
 * An axis-aligned box in continuous pixel space: the half-open range [x0,x1) × [y0,y1), in pixels,
 * with (0,0) the top-left corner of the top-left pixel (see the package documentation). A box may
 * be empty (x1 ≤ x0 or y1 ≤ y0) but its coordinates are always finite.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x0 left edge, pixels
 * @param y0 top edge, pixels
 * @param x1 right edge (exclusive), pixels
 * @param y1 bottom edge (exclusive), pixels
 */
public record Box(double x0, double y0, double x1, double y1) implements java.io.Serializable {

    /** @throws IllegalArgumentException if a coordinate is NaN or infinite */
    public Box {
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)) {
            throw new IllegalArgumentException("box coordinates must be finite: " + x0 + ", " + y0 + ", " + x1 + ", " + y1);
        }
    }

    /** A box from its top-left corner and its size, as COCO's [x, y, w, h]. */
    public static Box ofXywh(double x, double y, double width, double height) {
        return new Box(x, y, x + width, y + height);
    }

    /** A box from its centre and its size. */
    public static Box ofCenter(double cx, double cy, double width, double height) {
        return new Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2);
    }

    /** Width in pixels, never negative. */
    public double width() {
        return Math.max(0, x1 - x0);
    }

    /** Height in pixels, never negative. */
    public double height() {
        return Math.max(0, y1 - y0);
    }

    /** Area in square pixels, 0 for an empty box. */
    public double area() {
        return width() * height();
    }

    /** True when the box encloses no area. */
    public boolean isEmpty() {
        return !(x1 > x0 && y1 > y0);
    }

    /** Centre x, pixels. */
    public double centerX() {
        return (x0 + x1) / 2;
    }

    /** Centre y, pixels. */
    public double centerY() {
        return (y0 + y1) / 2;
    }

    /** This box moved by (dx, dy) pixels: how tile coordinates become scene coordinates. */
    public Box shift(double dx, double dy) {
        return new Box(x0 + dx, y0 + dy, x1 + dx, y1 + dy);
    }

    /** This box with every coordinate multiplied by {@code factor}. */
    public Box scale(double factor) {
        return new Box(x0 * factor, y0 * factor, x1 * factor, y1 * factor);
    }

    /** The area this box shares with {@code other}, square pixels. */
    public double intersectionArea(Box other) {
        double w = Math.min(x1, other.x1) - Math.max(x0, other.x0);
        double h = Math.min(y1, other.y1) - Math.max(y0, other.y0);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** The overlap of the two boxes, or an empty box where they do not meet. */
    public Box intersection(Box other) {
        return new Box(Math.max(x0, other.x0), Math.max(y0, other.y0), Math.min(x1, other.x1), Math.min(y1, other.y1));
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        return new Box(Math.min(x0, other.x0), Math.min(y0, other.y0), Math.max(x1, other.x1), Math.max(y1, other.y1));
    }

    /** Intersection over union, in [0,1]; 0 when both boxes are empty. */
    public double iou(Box other) {
        double inter = intersectionArea(other);
        double union = area() + other.area() - inter;
        return union > 0 ? inter / union : 0;
    }

    /** Intersection over the smaller of the two areas ("IoS"), in [0,1]; 0 when either is empty. */
    public double ios(Box other) {
        double smaller = Math.min(area(), other.area());
        return smaller > 0 ? intersectionArea(other) / smaller : 0;
    }

    /** True when the point lies in the half-open box. */
    public boolean contains(double x, double y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    /** True when {@code other} lies wholly inside this box (edges may touch). */
    public boolean contains(Box other) {
        return other.x0 >= x0 && other.y0 >= y0 && other.x1 <= x1 && other.y1 <= y1;
    }

    /** The four corners, clockwise on screen from the top-left: x0,y0, x1,y0, x1,y1, x0,y1. */
    public double[] corners() {
        return new double[] {x0, y0, x1, y0, x1, y1, x0, y1};
    }
}
