/**
 * The {@code seamline} command and the orchestration that joins geo, tiling, detector and eval
 * into whole-scene runs. The only module that knows all the others.
 */
package dev.seamline.pipeline;
