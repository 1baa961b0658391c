/**
 * DOTA: {@code labelTxt} ground truth ({@link dev.seamline.formats.dota.DotaObject}) and the
 * {@code Task1_/Task2_<class>.txt} submission files ({@link dev.seamline.formats.dota.DotaDetection}),
 * read and written, pixels, no "+1" (the devkit adds it in task 2 itself). Immutable values, thread-safe.
 */
package dev.seamline.formats.dota;
