#!/usr/bin/env python3
"""Independent reference for Seamline's Safe Passage metric (Dstl Safe Passage, 2017).

Written apart from the Java code (SafePassageEval): its own CSV reading, matchings from networkx
(Hopcroft-Karp) and scipy (maximum_bipartite_matching), cross-checked against each other, and on
small cases a brute force over every maximum matching of the literal two-stage rule.

Rule (Seamline's, the official scorer was never published): per image and class, a maximum
one-to-one matching of detections to true centres with distance <= the class radius (A 12 px,
B-G 30, H 40, I 45); the detections left over are matched the same way to the low-confidence
centres and count neither way, the leftover chosen so that the most are excused; TP, FP, FN summed
over images and classes; Jaccard TP / (TP + FP + FN), None when the sum is 0.

Usage: reference_scorer.py TRUTH.csv PRED.csv [LOWCONF.csv]   (prints the JSON on stdout)
Run with Debian's python3-networkx and python3-scipy (networkx 3.x, scipy 1.x).
"""
import csv
import itertools
import json
import sys

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

RADIUS = {"A": 12, "B": 30, "C": 30, "D": 30, "E": 30, "F": 30, "G": 30, "H": 40, "I": 45}
CLASSES = sorted(RADIUS)
KINDS = ["hit", "low_confidence", "duplicate", "wrong_class", "off", "background", "missed"]


def stem(image):
    name = image.replace("\\", "/").rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def read(path):
    """{image stem: {class: [(x, y), ...]}}"""
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            cls = row["class"].strip()
            assert cls in RADIUS, (path, row)
            img = stem(row["image"].strip())
            assert row["id"].strip() == img + "_" + cls, (path, row)
            det = row["detections"].strip()
            pts = [] if det == "None" else [tuple(float(v) for v in p.split(":")) for p in det.split("|")]
            assert cls not in out.setdefault(img, {}), ("duplicate row", path, row)
            out[img][cls] = pts
    return out


def close(p, q, r):
    dx, dy = p[0] - q[0], p[1] - q[1]
    return dx * dx + dy * dy <= r * r


def size_networkx(dets, centres, r):
    g = nx.Graph()
    left = [("d", i) for i in range(len(dets))]
    g.add_nodes_from(left, bipartite=0)
    g.add_nodes_from((("c", j) for j in range(len(centres))), bipartite=1)
    for i, p in enumerate(dets):
        for j, q in enumerate(centres):
            if close(p, q, r):
                g.add_edge(("d", i), ("c", j))
    m = nx.bipartite.hopcroft_karp_matching(g, top_nodes=left)
    matched = {i for (kind, i) in m if kind == "d"}
    return len(matched), matched


def size_scipy(dets, centres, r):
    if not dets or not centres:
        return 0
    a = np.array([[1 if close(p, q, r) else 0 for q in centres] for p in dets])
    m = maximum_bipartite_matching(csr_matrix(a), perm_type="column")
    return int((m >= 0).sum())


def brute_force_excused(dets, truth, low, r):
    """The literal two-stage rule, every maximum first matching tried: (TP, max excused, min excused)."""
    edges = [[j for j, q in enumerate(truth) if close(p, q, r)] for p in dets]

    def matchings(i, used):
        if i == len(dets):
            yield {}
            return
        for m in matchings(i + 1, used):
            yield m
        for j in edges[i]:
            if j not in used:
                for m in matchings(i + 1, used | {j}):
                    yield dict(m, **{str(i): j})

    best = max((len(m) for m in matchings(0, frozenset())), default=0)
    excused = []
    for m in matchings(0, frozenset()):
        if len(m) == best:
            left = [dets[i] for i in range(len(dets)) if str(i) not in m]
            excused.append(size_networkx(left, low, r)[0])
    return best, max(excused), min(excused)


def score(truth, pred, low, check_brute=False):
    images = sorted(set(truth) | set(pred) | set(low))
    per = {c: [0, 0, 0] for c in CLASSES}
    kinds = {c: dict.fromkeys(KINDS, 0) for c in CLASSES}
    for img in images:
        t_img, p_img, l_img = truth.get(img, {}), pred.get(img, {}), low.get(img, {})
        for c in CLASSES:
            r = RADIUS[c]
            d, t, l = p_img.get(c, []), t_img.get(c, []), l_img.get(c, [])
            tp, _ = size_networkx(d, t, r)
            both, matched = size_networkx(d, t + l, r)
            assert tp == size_scipy(d, t, r) and both == size_scipy(d, t + l, r)
            excused = both - tp
            if check_brute and len(d) <= 7 and len(t) <= 6:
                bt, most, least = brute_force_excused(d, t, l, r)
                assert bt == tp and most == excused, (img, c, bt, tp, most, excused)
            per[c][0] += tp
            per[c][1] += len(d) - both
            per[c][2] += len(t) - tp
            kinds[c]["hit"] += tp
            kinds[c]["low_confidence"] += excused
            kinds[c]["missed"] += len(t) - tp
            for i, p in enumerate(d):
                if i in matched:
                    continue
                if any(close(p, q, r) for q in t + l):
                    kinds[c]["duplicate"] += 1
                elif any(close(p, q, RADIUS[o]) for o in CLASSES if o != c
                         for q in t_img.get(o, []) + l_img.get(o, [])):
                    kinds[c]["wrong_class"] += 1
                elif any(close(p, q, 2 * r) for q in t + l):
                    kinds[c]["off"] += 1
                else:
                    kinds[c]["background"] += 1
    # a detection left unmatched with a centre in reach is a duplicate whichever maximum matching
    # was found, so the kinds do not depend on networkx's choice
    def entry(tp, fp, fn):
        s = tp + fp + fn
        return {"TP": tp, "FP": fp, "FN": fn, "jaccard": tp / s if s else None}

    tot = [sum(per[c][k] for c in CLASSES) for k in range(3)]
    out = entry(*tot)
    out["per_class"] = {c: entry(*per[c]) for c in CLASSES}
    out["errors"] = {c: kinds[c] for c in CLASSES}
    out["images"] = len(images)
    return out


def main(argv):
    truth, pred = read(argv[1]), read(argv[2])
    low = read(argv[3]) if len(argv) > 3 else {}
    json.dump(score(truth, pred, low), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
