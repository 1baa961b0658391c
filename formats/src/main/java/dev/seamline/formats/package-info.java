/**
 * Every competition and GIS text format Seamline reads or writes, in pixel space, one package per
 * format: {@code coco}, {@code dota}, {@code xview}, {@code spacenet}, {@code deepforest},
 * {@code safepassage} (Dstl's Safe Passage centres), {@code geojson} (Seamline's own), {@code csv}
 * (Seamline's own), and {@code text}, the JSON, line and CSV input helpers they share. Depends on {@code core} (and Jackson, JTS) only: no DJL, no SIS,
 * no detector.
 *
 * <p>Conventions: pixel coordinates are Seamline's ((0,0) the top-left corner of the top-left pixel,
 * boxes [x0,x1) × [y0,y1), no "+1"); formats that differ convert at their reader or writer. Every
 * reader reports bad input as a {@link dev.seamline.core.BadInputException} whose one-line message
 * names the file and the line; every file writer writes atomically. Streaming writers elsewhere (the
 * outputs module's sinks) call the same spelling methods, so that each format is spelled in one place.
 */
package dev.seamline.formats;
