/**
 * Planar geometry on convex polygons, shared by the modules that compare oriented shapes (the
 * detector's oriented NMS, the tile merge): {@link dev.seamline.core.geom.ConvexPolygons} clips one
 * convex polygon by another (Sutherland–Hodgman), measures areas (shoelace), and gives the polygon IoU
 * and IoS of corner arrays and {@link dev.seamline.core.OrientedBox}es.
 *
 * <p>Polygons are flat arrays {@code x0, y0, x1, y1, …} in pixel space (DESIGN.md's convention), in
 * either winding order. Stateless; depends on nothing but {@code core} and the JDK.
 */
package dev.seamline.core.geom;
