"""Makes resample_cases.json, the reference for TileResamplerTest.

Run with Debian's python3-torch 1.13 (Seamline's tests need neither Python nor torch):
    /usr/bin/python3 make_fixtures.py
Input: a seeded random uint8 image, 2 bands, 23 x 17 (width x height), planar (band, row, column).
Each case resizes it with torch.nn.functional.interpolate(mode="bilinear", antialias=True,
align_corners=False) on float32 values (0..255) to (out_width, out_height) and records the output,
planar, rounded to 4 decimals.
"""
import json

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(7)
bands, h, w = 2, 17, 23
image = torch.randint(0, 256, (bands, h, w), generator=g, dtype=torch.uint8)
cases = []
for ow, oh in [(46, 34), (11, 8), (7, 5), (37, 27), (23, 17), (9, 30)]:
    out = F.interpolate(image.float()[None], size=(oh, ow), mode="bilinear", antialias=True,
                        align_corners=False)[0]
    cases.append({"out_width": ow, "out_height": oh,
                  "values": [round(float(v), 4) for v in out.flatten().tolist()]})
with open("resample_cases.json", "w") as f:
    json.dump({"torch": torch.__version__, "width": w, "height": h, "bands": bands,
               "input": image.flatten().tolist(), "cases": cases}, f)
print("wrote resample_cases.json:", len(cases), "cases")
