#!/usr/bin/python3
"""Writes the two bundles of the ORT-vs-PyTorch row of docs/benchmarks.md: one stand-in detector with
seeded random weights, as TorchScript (traced) and as ONNX (opset 13, free batch), same weights.

    /usr/bin/python3 detector/export/bench_standin.py OUT_DIR      # OUT_DIR/torchscript, OUT_DIR/onnx

The network: torchvision's resnet18 (no pretrained weights) to strides 8, 16, 32, a 1x1 YOLOv8-style
head per level, output [B, 4+80, 8400] at 640x640 (decoder YOLOV8): the size and shape of a small
YOLO, not Ultralytics' YOLOv8n (which needs Ultralytics to build).
"""
import os
import sys

import torch
import torchvision
from torch import nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamline_export  # noqa: E402

SIZE, NC = 640, 80


class StandIn(nn.Module):
    def __init__(self):
        super().__init__()
        r = torchvision.models.resnet18(weights=None)
        self.stem = nn.Sequential(r.conv1, r.bn1, r.relu, r.maxpool, r.layer1, r.layer2)
        self.l3, self.l4 = r.layer3, r.layer4
        self.heads = nn.ModuleList([nn.Conv2d(c, 4 + NC, 1) for c in (128, 256, 512)])
        grids = []
        for s in (8, 16, 32):
            n = SIZE // s
            ys, xs = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
            grids.append((torch.stack([xs, ys]).reshape(2, -1).float() + 0.5) * s)
        self.register_buffer("grid", torch.cat(grids, 1))
        self.register_buffer("stride", torch.cat([torch.full((1, (SIZE // s) ** 2), float(s)) for s in (8, 16, 32)], 1))

    def forward(self, x):
        p3 = self.stem(x)
        p4 = self.l3(p3)
        p5 = self.l4(p4)
        y = torch.cat([h(p).flatten(2) for h, p in zip(self.heads, (p3, p4, p5))], 2)
        wh = y[:, 2:4].sigmoid() * 8 * self.stride
        xy = self.grid + (y[:, 0:2].sigmoid() - 0.5) * self.stride
        return torch.cat([xy, wh, y[:, 4:].sigmoid()], 1)


def main(out):
    torch.manual_seed(31)
    m = StandIn().eval()
    x = torch.rand(2, 3, SIZE, SIZE)
    meta = {"name": "bench-standin-resnet18-yolo", "version": "1", "decoder": "YOLOV8", "architecture": "torchscript",
            "input": {"width": SIZE, "height": SIZE, "bands": [1, 2, 3]}, "normalization": {"scale": 1 / 255.0},
            "classes": [f"c{i}" for i in range(NC)], "score_threshold": 0.25, "nms_iou": 0.7}
    with torch.no_grad():
        traced = torch.jit.trace(m, x)
    seamline_export.write_bundle(os.path.join(out, "torchscript"), traced.save, meta)

    def onnx_writer(path):
        with torch.no_grad():
            torch.onnx.export(m, x, path, opset_version=13, input_names=["images"], output_names=["output0"],
                              dynamic_axes={"images": {0: "batch"}, "output0": {0: "batch"}})
    seamline_export.write_bundle(os.path.join(out, "onnx"), onnx_writer, dict(meta, architecture="onnx"), "model.onnx")
    print(sum(p.numel() for p in m.parameters()), "parameters")


if __name__ == "__main__":
    main(sys.argv[1])
