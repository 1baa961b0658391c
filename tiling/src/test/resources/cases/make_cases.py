#!/usr/bin/python3
"""Writes the seam-merge scenario case files (*.json) in this folder.

Independent of Seamline's Java code: the tile windows are laid out here with SAHI's slicing rule
(step by size - overlap, shift the last slice back to end on the scene edge), and the "detector" of
each tile reports each known object as the part of its box inside the tile window: the whole box with
the object's score when the tile sees it whole, the clipped box with the score times the visible
fraction when the tile cuts it. A case may give a tile's view of an object a different score
("score_in_tile") to show that the seam rule, not the score, decides. The expected output is the set
of known objects themselves (box and class), each with the score of the view the seam rule keeps: the
whole view from the tile whose core (the overlap split at its middle) holds the object's centre, or,
for an object no tile sees whole, the highest of its cut views (stitched into the full box). No two
views of one object are left after the seam rule, so the expected output is the same for every merge
method listed in "sameForMethods" (MergeStrategy.method() spellings, with that method's defaults).

Run: /usr/bin/python3 make_cases.py   (writes the files next to it)
"""
import json, os

def starts(extent, size, overlap):
    if extent <= size:
        return [0]
    out, x = [], 0
    while True:
        if x + size >= extent:
            out.append(extent - size)
            break
        out.append(x)
        x += size - overlap
    return out

def tiles(w, h, size, overlap):
    xs, ys = starts(w, size, overlap), starts(h, size, overlap)
    res = []
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            res.append({"col": c, "row": r, "window": [x, y, size, size]})
    return xs, ys, res

def core_edges(st, extent, size):
    e = [0.0]
    for i in range(1, len(st)):
        e.append((st[i] + st[i - 1] + size) / 2.0)
    e.append(float(extent))
    return e

def clip(b, win):
    x, y, s, _ = win
    return [max(b[0], x), max(b[1], y), min(b[2], x + s), min(b[3], y + s)]

def area(b):
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])

def make(name, description, scene, size, overlap, objects, orders=(), strategy=None):
    w, h = scene
    xs, ys, ts = tiles(w, h, size, overlap)
    cx, cy = core_edges(xs, w, size), core_edges(ys, h, size)
    for t in ts:
        t["detections"] = []
    expected = []
    for k, o in enumerate(objects):
        box, cls, score = o["box"], o.get("class", 0), o.get("score", 0.9)
        views = []
        for t in ts:
            v = clip(box, t["window"])
            if v[2] - v[0] <= 0 or v[3] - v[1] <= 0:
                continue
            whole = v == box
            s = o.get("score_in_tile", {}).get("%d,%d" % (t["col"], t["row"]), score)
            s = s if whole else round(s * area(v) / area(box), 6)
            t["detections"].append({"box": v, "class": cls, "score": s})
            views.append((t, whole, s))
        mx, my = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        owner = [s for (t, whole, s) in views if whole
                 and cx[t["col"]] <= mx < cx[t["col"] + 1] and cy[t["row"]] <= my < cy[t["row"] + 1]]
        keep = owner[0] if owner else max(s for (_, _, s) in views)
        expected.append({"box": box, "class": cls, "score": keep})
    expected.sort(key=lambda d: (d["box"][1], d["box"][0], d["box"][3], d["box"][2], d["class"], -d["score"]))
    case = {
        "name": name, "description": description,
        "scene": {"width": w, "height": h},
        "grid": {"tileSize": size, "overlap": overlap, "edgePolicy": "SHIFT_INSIDE"},
        "merge": strategy or {"method": "nms", "metric": "IOU", "threshold": 0.5,
                              "classMode": "CLASS_AWARE", "seamRule": True},
        "orders": [list(o) for o in orders],
        # once the seam rule has run no two views of one object are left, so every strategy gives the same
        "sameForMethods": ["nms", "soft-nms", "wbf", "nmm"],
        "tiles": ts, "expected": expected, "tolerance": 1e-9,
    }
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".json"), "w") as f:
        json.dump(case, f, indent=1)

# two tiles side by side: windows x 0..512 and 384..896, overlap middle 448
make("object-on-seam", "objects straddling each edge of the overlap, and one centred exactly on its middle "
     "whose non-owner view scores higher (the core, not the score, decides)",
     (896, 512), 512, 128,
     [{"box": [495, 200, 530, 240]},
      {"box": [370, 300, 400, 330], "score": 0.8},
      {"box": [430, 100, 466, 140], "score": 0.9, "score_in_tile": {"0,0": 0.97}}])

# four tiles: windows 0..512 and 384..896 on both axes
make("four-tile-corner", "one object across the corner where four tiles meet, one centred on the "
     "middle of the four-way overlap (all four tiles see it whole)",
     (896, 896), 512, 128,
     [{"box": [500, 500, 530, 530]},
      {"box": [430, 430, 466, 466], "score": 0.85, "score_in_tile": {"0,0": 0.99, "1,0": 0.95, "0,1": 0.7}},
      {"box": [40, 40, 80, 90], "class": 2, "score": 0.6}])

make("larger-than-overlap", "objects wider than the overlap: no tile sees them whole, the seam rule "
     "stitches the cut views into the full box",
     (896, 896), 512, 128,
     [{"box": [300, 100, 600, 160], "class": 1},
      {"box": [350, 360, 560, 580], "class": 0, "score": 0.7}])

make("touching-same-class", "two objects of the same class touching on the overlap, one of them cut by "
     "the first tile's edge: both survive, once each",
     (896, 512), 512, 128,
     [{"box": [480, 200, 500, 240]}, {"box": [500, 200, 520, 240], "score": 0.8},
      {"box": [380, 300, 400, 320], "score": 0.7}, {"box": [400, 300, 420, 320], "score": 0.75}])

crowd = []
for r in range(6):
    for c in range(14):
        x, y = 398 + c * 16, 150 + r * 16
        crowd.append({"box": [x, y, x + 14, y + 14], "class": (r + c) % 2, "score": round(0.5 + 0.03 * ((r * 5 + c * 3) % 15), 3)})
make("dense-crowd", "84 small objects 2 px apart across the whole overlap, both edges included",
     (896, 512), 512, 128, crowd)

make("out-of-order", "a 3 x 3 grid whose tiles finish in scrambled orders; the result is the same",
     (1280, 1280), 512, 128,
     [{"box": [500, 500, 530, 530]}, {"box": [880, 500, 910, 540], "class": 1},
      {"box": [760, 880, 790, 910], "score": 0.6}, {"box": [10, 880, 40, 910]},
      {"box": [700, 100, 1000, 150], "class": 2}, {"box": [1200, 1200, 1250, 1250]}],
     orders=[[8, 7, 6, 5, 4, 3, 2, 1, 0], [4, 0, 8, 2, 6, 1, 3, 5, 7], [2, 5, 8, 1, 4, 7, 0, 3, 6]])
