/**
 * Where {@code seamline detect} writes a scene's detections: one streaming
 * {@link dev.seamline.pipeline.output.DetectionSink} per output format, fed the finalised detections
 * band by band as the sweep moves down the scene, so nothing holds all detections of a scene.
 * Every file is written aside and renamed into place on {@link DetectionSink#commit()}.
 */
package dev.seamline.pipeline.output;
