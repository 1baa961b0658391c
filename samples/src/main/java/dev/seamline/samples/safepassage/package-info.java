/**
 * Synthetic data in the shape of Dstl's <i>Safe Passage</i> contest (2017): 2,000² RGB JPEGs at 5 cm
 * named by Ordnance Survey grid square ({@link dev.seamline.samples.safepassage.OsGridName}),
 * georeferenced in EPSG:27700 by world file and {@code .prj}, the nine vehicle classes among
 * look-alikes ({@link dev.seamline.samples.safepassage.SafePassageImage}), and the contest's truth
 * CSVs ({@link dev.seamline.samples.safepassage.SafePassageSet}).
 */
package dev.seamline.samples.safepassage;
