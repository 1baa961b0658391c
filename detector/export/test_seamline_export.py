#!/usr/bin/python3
"""Tests of seamline_export.py's Ultralytics and ONNX modes, on small stand-in files that carry the
metadata Ultralytics' exporter writes (config.txt in TorchScript, metadata_props in ONNX).

    cd detector/export && /usr/bin/python3 -m unittest test_seamline_export -v

Needs Debian's python3-torch, python3-torchvision and python3-onnx; not part of the Maven build.
"""
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import unittest

import torch
import torchvision  # noqa: F401  (registers torchvision::nms for the refused export)
from torch import nn

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seamline_export  # noqa: E402


class Head(nn.Module):
    """Outputs zeros of a fixed shape after using the input (so a probe must get the channels right)."""

    def __init__(self, shape, channels=3):
        super().__init__()
        self.shape = shape
        self.conv = nn.Conv2d(channels, 1, 1)

    def forward(self, x):
        return torch.zeros(self.shape) + self.conv(x).mean() * 0


class FixedSize(nn.Module):
    def forward(self, x):
        return x.reshape(1, 3, 64 * 64)[:, :, :10].reshape(1, 6, 5)  # traced: only 64x64 fits


class WithNms(nn.Module):
    def forward(self, x):
        boxes = torch.zeros(4, 4)
        keep = torch.ops.torchvision.nms(boxes, torch.zeros(4), 0.5)
        return torch.zeros(1, 300, 6) + keep.sum()


def config(**kw):
    c = {"task": "detect", "imgsz": [64, 64], "names": {0: "car"}, "args": {"nms": False}}
    c.update(kw)
    return json.dumps(c)


class UltralyticsExportTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="seamline-export-test-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def torchscript(self, module, cfg, example=None, script=False):
        path = os.path.join(self.dir, "m.torchscript")
        m = torch.jit.script(module) if script else torch.jit.trace(module, example if example is not None
                                                                       else torch.zeros(1, 3, 64, 64))
        torch.jit.save(m, path, _extra_files={"config.txt": cfg})
        return path

    def run_export(self, *argv):
        out = os.path.join(self.dir, "bundle")
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            seamline_export.main(list(argv) + ["--out", out])
        with open(os.path.join(out, "model.json")) as f:
            return json.load(f)

    def refused(self, *argv):
        with self.assertRaises(SystemExit) as e:
            self.run_export(*argv)
        message = str(e.exception.code)
        self.assertEqual(1, len(message.splitlines()), message)
        return message

    def test_yolov8_detect_and_the_ultralytics_iou(self):
        f = self.torchscript(Head((1, 4 + 2, 84)), config(names={0: "car", 1: "ship"}))
        meta = self.run_export("ultralytics", "--torchscript", f)
        self.assertEqual("YOLOV8", meta["decoder"])
        self.assertEqual(0.7, meta["nms_iou"])
        self.assertEqual(["car", "ship"], meta["classes"])

    def test_end2end_one_class_is_boxes_not_yolov5(self):
        f = self.torchscript(Head((1, 300, 6)), config(end2end=True))
        self.assertEqual("BOXES", self.run_export("ultralytics", "--torchscript", f)["decoder"])

    def test_end2end_four_classes_is_boxes(self):
        f = self.torchscript(Head((1, 300, 6)), config(end2end=True, names={i: str(i) for i in range(4)}))
        self.assertEqual("BOXES", self.run_export("ultralytics", "--torchscript", f)["decoder"])

    def test_obb_end_to_end_is_obb_boxes(self):
        f = self.torchscript(Head((1, 300, 7)), config(task="obb", args={"nms": True}))
        meta = self.run_export("ultralytics", "--torchscript", f)
        self.assertEqual(("OBB_BOXES", "letterbox"), (meta["decoder"], meta["resize"]))
        self.assertNotIn("nms", meta)

    def test_obb_gets_probiou(self):
        f = self.torchscript(Head((1, 4 + 1 + 1, 84)), config(task="obb"))
        meta = self.run_export("ultralytics", "--torchscript", f)
        self.assertEqual(("YOLOV8_OBB", "probiou"), (meta["decoder"], meta["nms"]))

    def test_torchvision_nms_is_refused(self):
        f = self.torchscript(WithNms(), config(args={"nms": True}), script=True)
        self.assertIn("torchvision::nms", self.refused("ultralytics", "--torchscript", f))

    def test_channels_metadata_is_used(self):
        f = self.torchscript(Head((1, 5, 84), channels=4), config(channels=4), example=torch.zeros(1, 4, 64, 64))
        meta = self.run_export("ultralytics", "--torchscript", f)
        self.assertEqual([1, 2, 3, 4], meta["input"]["bands"])

    def test_input_size_on_a_fixed_export_is_one_line(self):
        f = self.torchscript(FixedSize(), config())
        self.assertIn("exported at 64x64", self.refused("ultralytics", "--torchscript", f, "--input-size", "96"))

    def onnx_file(self, module, props, dynamic=True, channels=3):
        import onnx
        path = os.path.join(self.dir, "m.onnx")
        axes = {"images": {0: "batch"}, "output0": {0: "batch"}} if dynamic else None
        with contextlib.redirect_stderr(io.StringIO()):
            torch.onnx.export(module, torch.zeros(1, channels, 64, 64), path, input_names=["images"],
                              output_names=["output0"], dynamic_axes=axes, opset_version=13)
        model = onnx.load(path)
        for k, v in props.items():
            p = model.metadata_props.add()
            p.key, p.value = k, v
        onnx.save(model, path)
        return path

    def test_onnx_metadata_props(self):
        props = {"task": "detect", "imgsz": "[64, 64]", "names": "{0: 'car'}", "end2end": "True",
                 "args": "{'batch': 1, 'nms': False}"}
        meta = self.run_export("ultralytics", "--onnx", self.onnx_file(Head((1, 300, 6)), props))
        self.assertEqual(("BOXES", "onnx", "model.onnx"), (meta["decoder"], meta["architecture"], meta["weights"]))

    def test_onnx_obb_end_to_end_is_obb_boxes(self):
        props = {"task": "obb", "imgsz": "[64, 64]", "names": "{0: 'ship'}", "end2end": "True"}
        f = self.onnx_file(Head((1, 300, 7)), props, dynamic=False)
        self.assertEqual("OBB_BOXES", self.run_export("ultralytics", "--onnx", f)["decoder"])

    def test_generic_onnx_takes_the_layout_from_the_output(self):
        f = self.onnx_file(Head((1, 4 + 3, 84)), {}, dynamic=False)
        meta = self.run_export("onnx", "--file", f, "--classes", "a,b,c")
        self.assertEqual(("YOLOV8", 64, 64), (meta["decoder"], meta["input"]["width"], meta["input"]["height"]))


if __name__ == "__main__":
    unittest.main()
