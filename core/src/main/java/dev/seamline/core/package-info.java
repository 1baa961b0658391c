/**
 * Domain types every Seamline module shares: axis-aligned and oriented boxes in continuous pixel
 * space, detections, class catalogs, raster windows and pixel buffers, and the checked exceptions
 * that cross module boundaries.
 *
 * <p>Pixel convention (DESIGN.md, "Conventions"): pixel space is continuous; (0,0) is the top-left
 * <em>corner</em> of the top-left pixel, x grows right and y grows down, and the centre of pixel
 * (i,j) is (i+0.5, j+0.5). A box is the half-open range [x0,x1) × [y0,y1) in doubles, with no "+1".
 * Formats with other conventions convert at their own readers and writers, never here.
 *
 * <p>Every type here is an immutable value, safe to share between threads, unless its javadoc says
 * otherwise. This module depends on nothing but the JDK.
 */
package dev.seamline.core;
