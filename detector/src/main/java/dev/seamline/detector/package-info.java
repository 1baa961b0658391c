/**
 * Detectors: model bundles ({@code model.json} plus weights), loading TorchScript through DJL's
 * PyTorch engine, one {@code Translator} per output layout (YOLOv5, YOLOv8/11, YOLOv8-OBB,
 * torchvision, CenterNet, plain boxes), batched inference on the GPU or the CPU, and the built-in
 * detector with its trainer. Detections come out in tile pixels. Depends on {@code core} and DJL,
 * never on {@code geo}.
 *
 * <p>The public API: {@link dev.seamline.detector.ModelBundle#load} reads and checks a bundle;
 * {@link dev.seamline.detector.Detector#open} loads it on a {@link dev.seamline.detector.DeviceChoice}
 * with {@link dev.seamline.detector.DetectorOptions} (batch size, threshold); {@code detect(tiles)}
 * takes {@link dev.seamline.core.PixelBuffer}s straight from the reader and returns each tile's
 * {@link dev.seamline.core.Detection}s; {@link dev.seamline.detector.InferenceTimings} says where the
 * time went. {@link dev.seamline.detector.Decoder} and {@link dev.seamline.detector.Normalization}
 * describe a bundle's output layout and input scaling. The translators, NMS and tensor building are
 * package-private.
 */
package dev.seamline.detector;
