#!/usr/bin/python3
"""Writes a Seamline model bundle (model.json + TorchScript weights + their sha256).

Works with Debian's python3-torch 1.13 / python3-torchvision 0.14 and newer. Two subcommands:

  torchvision   a torchvision detection model (Faster R-CNN, RetinaNet, FCOS, SSD ...), scripted
                with torchvision::nms and torchvision::roi_align swapped for the pure-TorchScript
                versions below, since the libtorch that Seamline runs on lacks torchvision's ops.

      /usr/bin/python3 seamline_export.py torchvision --arch fasterrcnn_mobilenet_v3_large_fpn \\
          --state-dict my_weights.pth --classes car,truck --input-size 512 --gsd 0.3 --out bundles/cars

      --arch names a constructor in torchvision.models.detection (built with num_classes =
      number of classes + 1 for the background, no pretrained weights) and --state-dict the
      weights to load into it; or --factory module:function returns the model ready to use.
      Class ids are torchvision's labels: the first class named is label 1.

  ultralytics   an Ultralytics YOLO export: TorchScript (`yolo export format=torchscript`, --torchscript)
                or ONNX (`format=onnx`, --onnx): YOLOv5, YOLOv8/YOLO11 detect, OBB, YOLO26 end-to-end
                and nms=True detect exports, end-to-end and nms=True OBB ones. The decoder, class names, channels and input size come
                from the file's metadata (TorchScript: config.txt; ONNX: metadata_props) and, for
                TorchScript, a probe forward pass; options override them. The NMS IoU defaults to 0.7,
                as Ultralytics' predict. What no decoder takes is refused in one line.

      /usr/bin/python3 seamline_export.py ultralytics --torchscript yolov8n.torchscript --gsd 0.3 \\
          --out bundles/yolov8n
      /usr/bin/python3 seamline_export.py ultralytics --onnx yolov8n.onnx --out bundles/yolov8n-onnx

  onnx          any ONNX detector: copies the file and writes model.json with "architecture": "onnx",
                the input size and channels from the graph's input, the decoder from --decoder or,
                when the output's shape is static, from it (BOXES [B, N, 6], YOLOV8 [B, 4+C, N],
                YOLOV5 [B, N, 5+C], YOLOV8_OBB [B, 4+C+1, N]; C from --classes).

      /usr/bin/python3 seamline_export.py onnx --file detector.onnx --classes car,truck --out bundles/det

Common options: --name, --version, --bands 1,2,3 (scene bands feeding the input channels, 1-based),
--scale/--range/--percentile (the stretch to 0..1), --mean/--std (per channel, after the stretch),
--threshold (default score threshold), --gsd (metres per pixel the model was trained at).

The bundle folder gets model.json and model.pt (model.onnx for ONNX); Seamline checks everything
in it on load.
"""
import argparse
import ast
import hashlib
import importlib
import io
import json
import os
import sys
import zipfile
from typing import List

import torch
from torch import Tensor


# --- pure-TorchScript replacements of torchvision's C++ ops ---------------------------------

def nms(boxes: Tensor, scores: Tensor, iou_threshold: float) -> Tensor:
    """Greedy NMS exactly as torchvision::nms: IoU = inter / (area_i + area_j - inter), a box is
    dropped when its IoU with a kept higher-scored box is > iou_threshold. Returns the kept
    indices in decreasing score order."""
    if boxes.numel() == 0:
        return torch.empty((0,), dtype=torch.int64, device=boxes.device)
    order = torch.sort(scores, descending=True)[1]
    b = boxes[order]
    x1, y1, x2, y2 = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    area = (x2 - x1) * (y2 - y1)
    w = (torch.min(x2[:, None], x2[None, :]) - torch.max(x1[:, None], x1[None, :])).clamp(min=0)
    h = (torch.min(y2[:, None], y2[None, :]) - torch.max(y1[:, None], y1[None, :])).clamp(min=0)
    inter = w * h
    over = torch.triu(inter / (area[:, None] + area[None, :] - inter) > iou_threshold, diagonal=1)
    n = b.size(0)
    keep = torch.ones(n, dtype=torch.bool, device=boxes.device)
    for i in range(n):
        if bool(keep[i]):
            keep = keep & ~over[i]
    return order[keep]


def _axis_samples(start: Tensor, bin_size: Tensor, pooled: int, grid: int, size: int):
    """Sample positions along one axis as torchvision's roi_align kernel computes them, with
    their low/high indices, bilinear weights and validity."""
    p = torch.arange(pooled, dtype=start.dtype, device=start.device).repeat_interleave(grid)
    g = torch.arange(grid, dtype=start.dtype, device=start.device).repeat(pooled) + 0.5
    v = start[:, None] + p[None, :] * bin_size[:, None] + g[None, :] * bin_size[:, None] / grid
    valid = (v >= -1.0) & (v <= float(size))
    v = v.clamp(min=0.0)
    low = v.floor().long()
    at_end = low >= size - 1
    low = torch.where(at_end, torch.full_like(low, size - 1), low)
    high = torch.where(at_end, low, low + 1)
    v = torch.where(at_end, low.to(v.dtype), v)
    frac = v - low.to(v.dtype)
    return low, high, 1.0 - frac, frac, valid


def _corner(input: Tensor, b: Tensor, yi: Tensor, xi: Tensor) -> Tensor:
    """Feature values at rows yi [K, Sy] and columns xi [K, Sx] of each box's image: [K, Sy, Sx, C]."""
    return input[b, :, yi[:, :, None], xi[:, None, :]]


def _roi_align_grid(input: Tensor, rois: Tensor, ph: int, pw: int, spatial_scale: float, gh: int, gw: int,
                    aligned: bool) -> Tensor:
    height, width = input.shape[2], input.shape[3]
    offset = 0.5 if aligned else 0.0
    batch = rois[:, 0].long()
    x1 = rois[:, 1] * spatial_scale - offset
    y1 = rois[:, 2] * spatial_scale - offset
    rw = rois[:, 3] * spatial_scale - offset - x1
    rh = rois[:, 4] * spatial_scale - offset - y1
    if not aligned:
        rw = rw.clamp(min=1.0)
        rh = rh.clamp(min=1.0)
    yl, yh, wyl, wyh, vy = _axis_samples(y1, rh / ph, ph, gh, height)
    xl, xh, wxl, wxh, vx = _axis_samples(x1, rw / pw, pw, gw, width)
    b = batch[:, None, None]
    val = ((wyl[:, :, None] * wxl[:, None, :])[..., None] * _corner(input, b, yl, xl)
           + (wyl[:, :, None] * wxh[:, None, :])[..., None] * _corner(input, b, yl, xh)
           + (wyh[:, :, None] * wxl[:, None, :])[..., None] * _corner(input, b, yh, xl)
           + (wyh[:, :, None] * wxh[:, None, :])[..., None] * _corner(input, b, yh, xh))
    val = val * (vy[:, :, None] & vx[:, None, :])[..., None].to(val.dtype)
    k, c = rois.shape[0], input.shape[1]
    val = val.reshape(k, ph, gh, pw, gw, c).sum(dim=(2, 4)) / float(max(gh * gw, 1))
    return val.permute(0, 3, 1, 2)


def roi_align(input: Tensor, boxes: Tensor, output_size: List[int], spatial_scale: float = 1.0,
              sampling_ratio: int = -1, aligned: bool = False) -> Tensor:
    """torchvision::roi_align (average pooling of bilinear samples) for boxes given as a [K, 5]
    tensor (batch index, x1, y1, x2, y2), in pure TorchScript."""
    ph, pw = output_size[0], output_size[1]
    if boxes.size(0) == 0:
        return torch.zeros((0, input.shape[1], ph, pw), dtype=input.dtype, device=input.device)
    if sampling_ratio > 0:
        return _roi_align_grid(input, boxes, ph, pw, spatial_scale, sampling_ratio, sampling_ratio, aligned)
    # adaptive grid: ceil(roi size / pooled size) samples per bin, different for every box
    offset = 0.5 if aligned else 0.0
    parts: List[Tensor] = []
    for i in range(boxes.size(0)):
        r = boxes[i:i + 1]
        rw = float(r[0, 3] * spatial_scale - offset - (r[0, 1] * spatial_scale - offset))
        rh = float(r[0, 4] * spatial_scale - offset - (r[0, 2] * spatial_scale - offset))
        if not aligned:
            rw = max(rw, 1.0)
            rh = max(rh, 1.0)
        gh = int(torch.ceil(torch.tensor(rh / ph)))
        gw = int(torch.ceil(torch.tensor(rw / pw)))
        parts.append(_roi_align_grid(input, r, ph, pw, spatial_scale, gh, gw, aligned))
    return torch.cat(parts, 0)


def script_torchvision(model):
    """torch.jit.script(model) with torchvision's nms and roi_align swapped for the versions above;
    fails when a torchvision C++ op is still referenced by the scripted code."""
    import torchvision.ops.boxes as boxes_module
    import torchvision.ops.poolers as poolers_module
    saved = boxes_module.nms, poolers_module.roi_align
    boxes_module.nms, poolers_module.roi_align = nms, roi_align
    try:
        scripted = torch.jit.script(model.eval())
    finally:
        boxes_module.nms, poolers_module.roi_align = saved
    buffer = io.BytesIO()
    torch.jit.save(scripted, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        for name in z.namelist():
            if name.endswith(".py") and b"ops.torchvision." in z.read(name):
                raise SystemExit(f"the scripted model still calls a torchvision C++ op ({name}); "
                                 "only nms and roi_align are swapped")
    return scripted


# --- bundle writing -------------------------------------------------------------------------

def write_bundle(out_dir, save_weights, meta, weights_name="model.pt"):
    """Writes the weights (with save_weights(path)) and then model.json (meta + weights + sha256), each
    to a temporary name in the folder first and renamed, so a bundle with a model.json is complete."""
    os.makedirs(out_dir, exist_ok=True)
    weights = os.path.join(out_dir, weights_name)
    partial = weights + ".tmp"  # every file appears whole: written aside, then renamed
    save_weights(partial)
    os.replace(partial, weights)
    with open(weights, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    meta = dict(meta, weights=weights_name, weights_sha256=sha)
    tmp = os.path.join(out_dir, "model.json.tmp")
    with open(tmp, "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    os.replace(tmp, os.path.join(out_dir, "model.json"))
    return os.path.join(out_dir, "model.json")


def _floats(text):
    return [float(v) for v in text.split(",")] if text else None


def _copier(source):
    def copy(path):
        with open(source, "rb") as src, open(path, "wb") as dst:
            dst.write(src.read())
    return copy


def _common_meta(args, decoder, classes, width, height, default_norm, channels=3):
    norm = dict(default_norm)
    if args.scale is not None or args.range or args.percentile:
        norm = {k: v for k, v in norm.items() if k in ("mean", "std")}
        if args.scale is not None:
            norm["scale"] = args.scale
        elif args.range:
            norm["range"] = _floats(args.range)
        else:
            norm["percentile"] = _floats(args.percentile)
    if args.mean:
        norm["mean"] = _floats(args.mean)
    if args.std:
        norm["std"] = _floats(args.std)
    bands = [int(b) for b in args.bands.split(",")] if args.bands else list(range(1, channels + 1))
    if len(bands) != channels:
        raise SystemExit(f"--bands names {len(bands)} bands, the model takes {channels} channels")
    meta = {
        "name": args.name, "version": args.version, "decoder": decoder, "architecture": "torchscript",
        "input": {"width": width, "height": height, "bands": bands},
        "normalization": norm, "classes": classes, "score_threshold": args.threshold,
    }
    if args.gsd is not None:
        meta["gsd_m"] = args.gsd
    return meta


def export_torchvision(args):
    import torchvision.models.detection as detection
    names = args.classes.split(",")
    if args.factory:
        module, function = args.factory.split(":")
        model = getattr(importlib.import_module(module), function)()
    else:
        model = getattr(detection, args.arch)(weights=None, weights_backbone=None, num_classes=len(names) + 1)
        if args.state_dict:
            model.load_state_dict(torch.load(args.state_dict, map_location="cpu"))
    scripted = script_torchvision(model)
    classes = [{"id": i + 1, "name": n} for i, n in enumerate(names)]
    # torchvision models normalise inside (GeneralizedRCNNTransform): feed them 0..1
    meta = _common_meta(args, "TORCHVISION", classes, args.input_size, args.input_size, {"scale": 1 / 255.0})
    return write_bundle(args.out, scripted.save, meta)


def _literal(value):
    """A metadata value: ONNX metadata_props are strings of Python literals ("{0: 'car'}", "True")."""
    if isinstance(value, str):
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def _ultralytics_decoder(config, nc, shape, what):
    """The decoder for an Ultralytics export from its metadata and (when known) its output shape
    [B, a, b]; a one-line SystemExit for what no decoder takes."""
    task = config.get("task", "detect")
    end2end = bool(_literal(config.get("end2end", False)))
    exported_nms = bool((_literal(config.get("args")) or {}).get("nms"))
    if end2end or exported_nms:
        how = "end-to-end (end2end)" if end2end else "nms=True"
        if task == "obb" or (shape and shape[-1] == 7):
            if shape and (len(shape) != 3 or shape[-1] != 7):
                raise SystemExit(f"{what}: a {how} OBB export should output [B, N, 7], found {list(shape)}")
            return "OBB_BOXES"  # rows cx, cy, w, h, score, class, angle
        if task != "detect":
            raise SystemExit(f"{what}: task {task!r} is not a detector Seamline decodes")
        if shape and (len(shape) != 3 or shape[-1] != 6):
            raise SystemExit(f"{what}: a {how} export should output [B, N, 6], found {list(shape)}")
        return "BOXES"  # rows x0, y0, x1, y1, score, class
    if task not in ("detect", "obb"):
        raise SystemExit(f"{what}: task {task!r} is not a detector Seamline decodes (detect or obb)")
    if shape is None:
        return "YOLOV8_OBB" if task == "obb" else "YOLOV8"
    if task == "obb" or shape[1] == 4 + nc + 1:
        if shape[1] != 4 + nc + 1:
            raise SystemExit(f"{what}: an OBB output should be [B, {4 + nc + 1}, N] for {nc} classes, found {list(shape)}")
        return "YOLOV8_OBB"
    if shape[1] == 4 + nc:
        return "YOLOV8"
    if shape[2] == 5 + nc:
        return "YOLOV5"
    raise SystemExit(f"{what}: output shape {list(shape)} fits no YOLO layout for {nc} classes")


def _names(config, args):
    names = _literal(config.get("names"))
    if args.classes:
        names = args.classes.split(",")
    elif isinstance(names, dict):
        names = [names[k] for k in sorted(names, key=int)]
    if not names:
        raise SystemExit("no class names in the file's metadata: pass --classes")
    return names


def _imgsz(config, args):
    # Ultralytics (v8 and later) writes imgsz; the yolov5 repository writes the input shape
    imgsz = _literal(config.get("imgsz")) or (config["shape"][2:4] if "shape" in config else [args.input_size or 640] * 2)
    if isinstance(imgsz, int):
        imgsz = [imgsz, imgsz]
    return list(imgsz)


def _torchvision_ops(path):
    """The torchvision C++ ops a TorchScript file calls (libtorch alone lacks them)."""
    ops = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".py"):
                text = z.read(name).decode("utf-8", "replace")
                ops.update(w.split("(")[0] for w in text.split("ops.torchvision.")[1:])
    return sorted(ops)


def export_ultralytics(args):
    if bool(args.torchscript) == bool(args.onnx):
        raise SystemExit("ultralytics: pass --torchscript FILE or --onnx FILE")
    if args.onnx:
        return export_ultralytics_onnx(args)
    what = args.torchscript
    extra = {"config.txt": ""}
    model = torch.jit.load(args.torchscript, map_location="cpu", _extra_files=extra)
    config = json.loads(extra["config.txt"]) if extra["config.txt"] else {}
    imgsz = _imgsz(config, args)
    names = _names(config, args)
    channels = int(_literal(config.get("channels", 3)))
    ops = _torchvision_ops(args.torchscript)
    if ops:
        raise SystemExit(f"{what}: calls torchvision::{', torchvision::'.join(ops)}, which the libtorch Seamline runs "
                         "lacks (nms=True detect exports do): export with nms=False, or to ONNX (--onnx)")
    exported = list(imgsz)
    if args.input_size:
        imgsz = [args.input_size, args.input_size]
    try:
        with torch.no_grad():
            out = model(torch.zeros(1, channels, imgsz[0], imgsz[1]))
    except Exception as e:  # a fixed-size export fails at another size with a long TorchScript trace
        first = (str(e).strip().splitlines() or [type(e).__name__])[-1]
        if imgsz != exported:
            raise SystemExit(f"{what}: the model does not run at {imgsz[1]}x{imgsz[0]} (exported at "
                             f"{exported[1]}x{exported[0]}; a dynamic=False export runs only at its own size): "
                             f"{first}") from None
        raise SystemExit(f"{what}: the model fails on a [1, {channels}, {imgsz[0]}, {imgsz[1]}] input: {first}") from None
    if isinstance(out, (list, tuple)):
        out = out[0]
    decoder = _ultralytics_decoder(config, len(names), list(out.shape), what)
    meta = _common_meta(args, decoder, names, imgsz[1], imgsz[0], {"scale": 1 / 255.0}, channels)
    meta["nms_iou"] = args.iou
    meta["resize"] = "letterbox"  # a whole image smaller than the input is fed as Ultralytics' predict feeds it
    if decoder == "YOLOV8_OBB":
        meta["nms"] = "probiou"  # Ultralytics' own suppression for OBB
    return write_bundle(args.out, _copier(args.torchscript), meta)


def _onnx_io(path):
    """The graph's single input and first output shapes (None for a symbolic dimension) and its
    metadata_props, read with the onnx package."""
    import onnx
    model = onnx.load(path, load_external_data=False)
    inits = {i.name for i in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in inits]

    def dims(value):
        return [d.dim_value if d.HasField("dim_value") else None for d in value.type.tensor_type.shape.dim]
    if len(inputs) != 1:
        raise SystemExit(f"{path}: the graph takes {len(inputs)} inputs {[i.name for i in inputs]}; Seamline feeds one "
                         "image tensor [B, C, H, W]")
    shape = dims(inputs[0])
    if len(shape) != 4:
        raise SystemExit(f"{path}: the graph's input {inputs[0].name} is {shape}, not [B, C, H, W]")
    outputs = [dims(o) for o in model.graph.output]
    meta = {p.key: p.value for p in model.metadata_props}
    return shape, outputs, meta


def export_ultralytics_onnx(args):
    what = args.onnx
    shape, outputs, config = _onnx_io(args.onnx)
    names = _names(config, args)
    channels = shape[1] or int(_literal(config.get("channels", 3)))
    imgsz = _imgsz(config, args)
    if args.input_size:
        if shape[2] is not None and (shape[2], shape[3]) != (args.input_size, args.input_size):
            raise SystemExit(f"{what}: the graph's input is fixed at {shape[3]}x{shape[2]} (dynamic=False): "
                             f"--input-size {args.input_size} cannot be taken")
        imgsz = [args.input_size, args.input_size]
    out = outputs[0] if outputs else None
    known = out if out and all(d is not None for d in out[1:]) else None
    decoder = _ultralytics_decoder(config, len(names), known, what)
    meta = _common_meta(args, decoder, names, imgsz[1], imgsz[0], {"scale": 1 / 255.0}, channels)
    meta["architecture"] = "onnx"
    meta["nms_iou"] = args.iou
    meta["resize"] = "letterbox"
    if decoder == "YOLOV8_OBB":
        meta["nms"] = "probiou"
    if shape[0] == 1:
        print(f"note: {what} has a fixed batch of 1 (Seamline runs it one tile at a time); "
              "export with dynamic=True for batches", file=sys.stderr)
    return write_bundle(args.out, _copier(args.onnx), meta, "model.onnx")


def export_onnx(args):
    what = args.file
    shape, outputs, _ = _onnx_io(args.file)
    names = args.classes.split(",")
    nc = len(names)
    if shape[2] is None and not args.input_size:
        raise SystemExit(f"{what}: the graph's input size is free: pass --input-size")
    height = args.input_size or shape[2]
    width = args.input_size or shape[3]
    decoder = args.decoder
    out = outputs[0] if outputs else []
    if decoder is None:
        if len(outputs) != 1 or len(out) != 3 or any(d is None for d in out[1:]):
            raise SystemExit(f"{what}: outputs {outputs} do not say the layout: pass --decoder")
        if out[2] == 6 and out[1] != 4 + nc:
            decoder = "BOXES"
        elif out[1] == 4 + nc:
            decoder = "YOLOV8"
        elif out[1] == 4 + nc + 1:
            decoder = "YOLOV8_OBB"
        elif out[2] == 5 + nc:
            decoder = "YOLOV5"
        else:
            raise SystemExit(f"{what}: output {out} fits no layout for {nc} classes: pass --decoder")
    classes = [{"id": i + args.first_id, "name": n} for i, n in enumerate(names)]
    meta = _common_meta(args, decoder, classes, width, height, {"scale": 1 / 255.0}, shape[1] or 3)
    meta["architecture"] = "onnx"
    if decoder in ("YOLOV5", "YOLOV8", "YOLOV8_OBB"):
        meta["nms_iou"] = args.iou
    return write_bundle(args.out, _copier(args.file), meta, "model.onnx")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    tv = sub.add_parser("torchvision", help="export a torchvision detection model")
    tv.add_argument("--arch", help="constructor in torchvision.models.detection, e.g. fasterrcnn_resnet50_fpn")
    tv.add_argument("--state-dict", help="weights (.pth state dict) for --arch")
    tv.add_argument("--factory", help="module:function returning the model instead of --arch")
    tv.add_argument("--classes", required=True, help="class names, comma-separated; the first is label 1")
    tv.add_argument("--input-size", type=int, default=512, help="tile size in pixels (default 512)")
    yo = sub.add_parser("ultralytics", help="bundle an Ultralytics YOLO TorchScript or ONNX export")
    yo.add_argument("--torchscript", help="the .torchscript file from `yolo export format=torchscript`")
    yo.add_argument("--onnx", help="the .onnx file from `yolo export format=onnx`")
    yo.add_argument("--classes", help="class names, comma-separated (default: from the file)")
    yo.add_argument("--input-size", type=int, help="input size (default: from the file)")
    yo.add_argument("--iou", type=float, default=0.7, help="NMS IoU threshold (default 0.7, as Ultralytics' predict)")
    ox = sub.add_parser("onnx", help="bundle any ONNX detector")
    ox.add_argument("--file", required=True, help="the .onnx file")
    ox.add_argument("--classes", required=True, help="class names, comma-separated")
    ox.add_argument("--first-id", type=int, default=0, help="the first class's id (default 0; 1 for torchvision)")
    ox.add_argument("--decoder", choices=["YOLOV5", "YOLOV8", "YOLOV8_OBB", "TORCHVISION", "CENTERNET", "BOXES",
                                          "OBB_BOXES"],
                    help="the output layout (default: from the output's shape)")
    ox.add_argument("--input-size", type=int, help="input size (default: from the graph's input)")
    ox.add_argument("--iou", type=float, default=0.7, help="NMS IoU threshold for YOLO layouts (default 0.7)")
    for p in (tv, yo, ox):
        p.add_argument("--out", required=True, help="bundle folder to write")
        p.add_argument("--name", default="model")
        p.add_argument("--version", default="1")
        p.add_argument("--bands", help="scene bands feeding the input channels, 1-based (default 1,2,...)")
        p.add_argument("--scale", type=float, help="multiply samples by this (default 1/255)")
        p.add_argument("--range", help="min,max: stretch this range to 0..1 (16-bit imagery)")
        p.add_argument("--percentile", help="low,high: stretch these per-tile percentiles to 0..1")
        p.add_argument("--mean", help="per-channel mean subtracted after the stretch")
        p.add_argument("--std", help="per-channel std divided by after the stretch")
        p.add_argument("--threshold", type=float, default=0.25, help="default score threshold")
        p.add_argument("--gsd", type=float, help="ground sample distance the model was trained at, metres")
    args = parser.parse_args(argv)
    if args.command == "torchvision" and not (args.arch or args.factory):
        parser.error("torchvision needs --arch or --factory")
    run = {"torchvision": export_torchvision, "ultralytics": export_ultralytics, "onnx": export_onnx}[args.command]
    path = run(args)
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
