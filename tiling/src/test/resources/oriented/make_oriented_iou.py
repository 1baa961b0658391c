#!/usr/bin/python3
"""Writes oriented_iou.json: random pairs of rotated rectangles and their IoU and IoS computed by
shapely (GEOS polygon intersection), the reference for Seamline's polygon overlap.
Run: /usr/bin/python3 make_oriented_iou.py > oriented_iou.json  (shapely from Debian's python3-shapely)."""
import json, math, random
from shapely.geometry import Polygon

def corners(cx, cy, w, h, a):
    c, s = math.cos(a), math.sin(a)
    pts = []
    for lx, ly in ((-w/2, -h/2), (w/2, -h/2), (w/2, h/2), (-w/2, h/2)):
        pts.append((cx + lx*c - ly*s, cy + lx*s + ly*c))
    return pts

random.seed(2024)
cases = []
for k in range(60):
    a = [random.uniform(0, 40), random.uniform(0, 40), random.uniform(2, 30), random.uniform(2, 30), random.uniform(-3.2, 3.2)]
    if k % 6 == 0:
        b = [a[0], a[1], a[2], a[3], a[4] + math.pi / 2]  # same centre, turned a quarter
    else:
        b = [a[0] + random.uniform(-12, 12), a[1] + random.uniform(-12, 12), random.uniform(2, 30), random.uniform(2, 30), random.uniform(-3.2, 3.2)]
    if k % 10 == 5:
        b[4] = 0.0  # one axis-aligned
    pa, pb = Polygon(corners(*a)), Polygon(corners(*b))
    inter = pa.intersection(pb).area
    cases.append({"a": a, "b": b, "iou": inter / (pa.area + pb.area - inter), "ios": inter / min(pa.area, pb.area)})
print(json.dumps({"source": "shapely " + __import__("shapely").__version__ + ", GEOS polygon intersection",
                  "boxes": "[cx, cy, width, height, angle radians clockwise on screen]", "cases": cases}, indent=1))
