/**
 * The pipeline as a library: {@link dev.seamline.pipeline.Seamline#detect} joins geo, tiling, detector
 * and the outputs into whole-scene runs (journalled, resumable). Its options are values:
 * {@link dev.seamline.pipeline.DetectOptions} is made of four checked, serializable parts (tiling,
 * merge, runtime, outputs), parsed at the edge by the command line or a
 * {@link dev.seamline.pipeline.Preset}. No picocli here.
 */
package dev.seamline.pipeline;
