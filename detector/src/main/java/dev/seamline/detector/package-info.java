/**
 * Detectors: model bundles ({@code model.json} plus weights), loading TorchScript through DJL's
 * PyTorch engine, one {@code Translator} per output layout (YOLOv5, YOLOv8/11, YOLOv8-OBB,
 * torchvision, CenterNet, plain boxes), batched inference on the GPU or the CPU, and the built-in
 * detector with its trainer. Detections come out in tile pixels. Depends on {@code core} and DJL,
 * never on {@code geo}.
 */
package dev.seamline.detector;
