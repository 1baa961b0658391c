/**
 * Dstl's <i>Safe Passage</i> CSV ({@code id,image,class,detections}, vehicle centres
 * {@code x:y|x:y} or {@code None}), read and written
 * ({@link dev.seamline.formats.safepassage.SafePassageCsv}), and the contest's nine classes with
 * their acceptance radii ({@link dev.seamline.formats.safepassage.VehicleClass}); pixels.
 */
package dev.seamline.formats.safepassage;
