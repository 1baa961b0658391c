/**
 * Training data for the built-in detector: chip sources that feed
 * {@link dev.seamline.detector.builtin.CenterNetTrainer} from synthetic scenes rendered in memory
 * or from users' labelled GeoTIFFs.
 */
package dev.seamline.pipeline.train;
