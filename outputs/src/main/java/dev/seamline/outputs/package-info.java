/**
 * Where {@code seamline detect} writes a scene's detections: one streaming
 * {@link dev.seamline.outputs.DetectionSink} per {@link dev.seamline.outputs.OutputFormat}
 * (GeoJSON, GeoPackage, CSV, COCO results, xView, DOTA), opened with
 * {@code format.open(context)} and fed the finalised detections band by band as the sweep moves down
 * the scene, so nothing holds all detections of a scene; and the
 * {@link dev.seamline.outputs.Quicklook}, a bounded preview built from the tiles as they
 * stream past. {@link dev.seamline.outputs.SceneOutputs} holds one scene's sinks and quicklook and
 * georeferences each band once for all of them (one stage, {@code BandGeoreferencer}: every sink
 * writes the same transformed numbers); {@link dev.seamline.outputs.OutputFormat#finishRun} is the
 * run-level step after the last scene (DOTA's Task files).
 *
 * <p>Every file is written aside ({@code .<name>.<random>.tmp…} in the same folder), synced and
 * renamed into place on {@link dev.seamline.outputs.DetectionSink#commit()}; closing without
 * a commit deletes it. Pixel coordinates are scene pixels with (0,0) the top-left corner of the
 * top-left pixel; map coordinates come from {@link dev.seamline.geo.Georeferencer} at the pixel
 * corner. docs/outputs.md describes each file.
 */
package dev.seamline.outputs;
