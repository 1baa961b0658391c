/**
 * Seamline's built-in detector: a compact CenterNet-style network ({@link
 * dev.seamline.detector.builtin.CenterNetLite}) built from DJL blocks, and its trainer, which runs on
 * the CPU (or GPU) through DJL's PyTorch engine.
 *
 * <p>The network's output contract, which the CenterNet decoder relies on: for an input
 * {@code (B, 3, H, W)} (H and W multiples of 32) it returns an {@code NDList} of
 * <ol>
 *   <li>heatmap {@code (B, C, H/4, W/4)}: per-class centre probabilities, after a sigmoid;</li>
 *   <li>size {@code (B, 2, H/4, W/4)}: box width and height in input pixels;</li>
 *   <li>offset {@code (B, 2, H/4, W/4)}: the centre's sub-cell offset (x, y), in output cells.</li>
 * </ol>
 * A peak at cell (i, j) stands for a box centred at input pixel ((i + offset.x)·4, (j + offset.y)·4).
 */
package dev.seamline.detector.builtin;
