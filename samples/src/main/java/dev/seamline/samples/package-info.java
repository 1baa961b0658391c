/**
 * Synthetic aerial scenes standing in for 0.3 m imagery: textured ground, roads, buildings with
 * shadows, trees, water, and objects of several classes at any rotation with exact ground truth.
 * A scene renders any window on demand (deterministic for a seed), so it can be streamed to a
 * GeoTIFF of any size in bounded memory or cut into training chips without a file.
 */
package dev.seamline.samples;
