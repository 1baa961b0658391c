package dev.seamline.geo;

import java.util.Arrays;

/**
 * The affine transform from corner-anchored scene pixels to CRS coordinates, in GDAL's geotransform
 * order: {@code X = originX + col·pixelWidth + row·rowRotation},
 * {@code Y = originY + col·columnRotation + row·pixelHeight}. For a north-up image the rotations
 * are 0 and {@code pixelHeight} is negative. Coordinates are in the CRS's units (usually metres or
 * degrees), easting/longitude first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param originX        X of the top-left corner of the top-left pixel (GT[0])
 * @param pixelWidth     X change per column (GT[1])
 * @param rowRotation    X change per row (GT[2])
 * @param originY        Y of the top-left corner of the top-left pixel (GT[3])
 * @param columnRotation Y change per column (GT[4])
 * @param pixelHeight    Y change per row, negative when north is up (GT[5])
 */
public record GridTransform(double originX, double pixelWidth, double rowRotation,
                            double originY, double columnRotation, double pixelHeight) {

    /** @throws IllegalArgumentException when a number is not finite or the transform is singular */
    public GridTransform {
        double[] all = {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("geotransform has a non-finite number: " + Arrays.toString(all));
            }
        }
        if (pixelWidth * pixelHeight - rowRotation * columnRotation == 0) {
            throw new IllegalArgumentException("geotransform is singular: " + Arrays.toString(all));
        }
    }

    /** From GDAL's six numbers, in GDAL order. */
    public static GridTransform of(double[] geoTransform) {
        if (geoTransform == null || geoTransform.length != 6) {
            throw new IllegalArgumentException("a geotransform has 6 numbers, got "
                    + (geoTransform == null ? "none" : geoTransform.length));
        }
        return new GridTransform(geoTransform[0], geoTransform[1], geoTransform[2],
                geoTransform[3], geoTransform[4], geoTransform[5]);
    }

    /** The six numbers in GDAL order (a new array). */
    public double[] toArray() {
        return new double[] {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
    }

    /** True when the grid is rotated or sheared (GT[2] or GT[4] not 0). */
    public boolean isRotated() {
        return rowRotation != 0 || columnRotation != 0;
    }

    /** Length of one pixel step along a row (one column), CRS units. */
    public double pixelSizeX() {
        return Math.hypot(pixelWidth, columnRotation);
    }

    /** Length of one pixel step down a column (one row), CRS units. */
    public double pixelSizeY() {
        return Math.hypot(rowRotation, pixelHeight);
    }

    /** CRS coordinates {X, Y} of a pixel coordinate with the given anchor. */
    public double[] toCrs(double x, double y, PixelAnchor anchor) {
        double cx = x + anchor.offset(), cy = y + anchor.offset();
        return new double[] {originX + cx * pixelWidth + cy * rowRotation,
            originY + cx * columnRotation + cy * pixelHeight};
    }

    /** Pixel coordinates {x, y} with the given anchor of a CRS coordinate. */
    public double[] toPixel(double crsX, double crsY, PixelAnchor anchor) {
        double det = pixelWidth * pixelHeight - rowRotation * columnRotation;
        double dx = crsX - originX, dy = crsY - originY;
        double cx = (pixelHeight * dx - rowRotation * dy) / det;
        double cy = (pixelWidth * dy - columnRotation * dx) / det;
        return new double[] {cx - anchor.offset(), cy - anchor.offset()};
    }

    /** Transforms interleaved pixel coordinates {x0,y0,x1,y1,…} with the given anchor to CRS coordinates. */
    public double[] toCrs(double[] xy, PixelAnchor anchor) {
        double[] out = new double[xy.length];
        for (int i = 0; i + 1 < xy.length; i += 2) {
            double cx = xy[i] + anchor.offset(), cy = xy[i + 1] + anchor.offset();
            out[i] = originX + cx * pixelWidth + cy * rowRotation;
            out[i + 1] = originY + cx * columnRotation + cy * pixelHeight;
        }
        return out;
    }
}
