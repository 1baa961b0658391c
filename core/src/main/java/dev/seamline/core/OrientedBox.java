package dev.seamline.core;

/**
 * A rotated rectangle in continuous pixel space (see the package documentation for the pixel
 * convention).
 *
 * <p>{@code angle} is in radians and turns the box's width axis from the +x axis towards +y, which is
 * clockwise on screen because y grows down (the convention of OpenCV's {@code RotatedRect} and of
 * YOLOv8-OBB, there in radians as here). An angle of 0 gives the axis-aligned box of size
 * {@code width × height} centred on ({@code cx}, {@code cy}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param cx     centre x, pixels
 * @param cy     centre y, pixels
 * @param width  extent along the rotated x axis, pixels, ≥ 0
 * @param height extent along the rotated y axis, pixels, ≥ 0
 * @param angle  rotation, radians, clockwise on screen
 */
public record OrientedBox(double cx, double cy, double width, double height, double angle) implements java.io.Serializable {

    /** @throws IllegalArgumentException for a negative size or a non-finite value */
    public OrientedBox {
        if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(width) || !Double.isFinite(height)
                || !Double.isFinite(angle)) {
            throw new IllegalArgumentException("oriented box values must be finite");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("oriented box size must not be negative: " + width + " x " + height);
        }
    }

    /** The axis-aligned box as an oriented box with angle 0. */
    public static OrientedBox of(Box box) {
        return new OrientedBox(box.centerX(), box.centerY(), box.width(), box.height(), 0);
    }

    /**
     * The four corners as x0,y0, x1,y1, x2,y2, x3,y3: the corner at (-w/2, -h/2) in box coordinates
     * first, then around the box in the direction of the rotated x axis (clockwise on screen).
     */
    public double[] corners() {
        double c = Math.cos(angle), s = Math.sin(angle);
        double hw = width / 2, hh = height / 2;
        double[] local = {-hw, -hh, hw, -hh, hw, hh, -hw, hh};
        double[] out = new double[8];
        for (int i = 0; i < 8; i += 2) {
            out[i] = cx + local[i] * c - local[i + 1] * s;
            out[i + 1] = cy + local[i] * s + local[i + 1] * c;
        }
        return out;
    }

    /** The smallest axis-aligned box that holds this one. */
    public Box bounds() {
        double c = Math.abs(Math.cos(angle)), s = Math.abs(Math.sin(angle));
        double hx = (width * c + height * s) / 2, hy = (width * s + height * c) / 2;
        return new Box(cx - hx, cy - hy, cx + hx, cy + hy);
    }

    /** Area in square pixels. */
    public double area() {
        return width * height;
    }

    /** This box moved by (dx, dy) pixels. */
    public OrientedBox shift(double dx, double dy) {
        return new OrientedBox(cx + dx, cy + dy, width, height, angle);
    }

    /** This box with centre and size multiplied by {@code factor}; the angle is kept. */
    public OrientedBox scale(double factor) {
        return new OrientedBox(cx * factor, cy * factor, width * factor, height * factor, angle);
    }
}
