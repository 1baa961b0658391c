#!/usr/bin/python3
"""Writes the bundles of the "Ultralytics YOLOv8n, ORT vs PyTorch" rows of docs/benchmarks.md: Ultralytics'
own YOLOv8n (yolov8n.yaml, 80 classes, 3.2 M parameters; seeded random weights, since no pretrained weights
can be downloaded here) exported by Ultralytics' exporter to TorchScript and to ONNX with dynamic=True (a free
batch), each made a bundle by seamline_export.py from its metadata.

    YOLO_OFFLINE=True PYTHONPATH=/tmp/ul:/tmp/ul/stub /usr/bin/python3 detector/export/bench_yolov8n.py OUT_DIR
    # OUT_DIR/torchscript, OUT_DIR/onnx; Ultralytics from a source tree as in
    # detector/src/test/resources/fixtures/ultralytics/make_ultralytics_fixtures.py
"""
import os
import shutil
import subprocess
import sys

import torch
from ultralytics import YOLO

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
model = YOLO("yolov8n.yaml")
weights = os.path.join(out, "yolov8n-random.pt")
model.save(weights)
export = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seamline_export.py")
for kind, fmt, flag in (("torchscript", "torchscript", "--torchscript"), ("onnx", "onnx", "--onnx")):
    f = YOLO(weights).export(format=fmt, imgsz=640, dynamic=True, simplify=False)
    subprocess.run([sys.executable, export, "ultralytics", flag, f, "--name", "yolov8n-random",
                    "--out", os.path.join(out, kind)], check=True)
