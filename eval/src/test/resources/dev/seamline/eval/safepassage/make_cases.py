#!/usr/bin/env python3
"""Writes the Safe Passage cases under cases/ and their expected.json from reference_scorer.py.

Each case folder: truth.csv, pred.csv, optionally lowconf.csv, and expected.json (TP, FP, FN,
jaccard, per_class, errors per class and kind, images). Hand-made cases pin the subtle parts
(a greedy match that loses, clusters closer than the radius, predictions at exactly the radius and
just beyond, duplicates, low-confidence hits, wrong classes); random cases (fixed seeds) mix them.
Run from this folder: python3 make_cases.py   (Debian python3-networkx, python3-scipy).
"""
import json
import os
import random
import shutil

import reference_scorer as ref

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")


def fmt(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def write_csv(path, rows, images):
    """rows: {image: {class: [(x, y)]}}; every image of `images` gets a row per class (None if empty)."""
    with open(path, "w", newline="") as f:
        f.write("id,image,class,detections\n")
        for img in images:
            for c in ref.CLASSES:
                pts = rows.get(img, {}).get(c, [])
                det = "|".join(fmt(x) + ":" + fmt(y) for x, y in pts) if pts else "None"
                f.write("%s_%s,%s,%s,%s\n" % (ref.stem(img), c, img, c, det))


def case(name, truth, pred, low=None, images=None, pred_images=None):
    d = os.path.join(CASES, name)
    os.makedirs(d)
    images = images or sorted(set(truth) | set(pred) | set(low or {}))
    write_csv(os.path.join(d, "truth.csv"), truth, images)
    write_csv(os.path.join(d, "pred.csv"), pred, pred_images or images)
    if low is not None:
        write_csv(os.path.join(d, "lowconf.csv"), low, images)
    t = ref.read(os.path.join(d, "truth.csv"))
    p = ref.read(os.path.join(d, "pred.csv"))
    lo = ref.read(os.path.join(d, "lowconf.csv")) if low is not None else {}
    out = ref.score(t, p, lo, check_brute=True)
    with open(os.path.join(d, "expected.json"), "w") as f:
        # one JSON object, a line per class: valid JSON, short diffs
        f.write(json.dumps(out, sort_keys=True).replace('}, "', '},\n "') + "\n")
    return out


def hand_made():
    img = "TQ2379_0_0.jpg"
    # two true cars 50 px apart; d1 is nearest to t1 (24 vs 26), d2 reaches t1 only (29): nearest-first
    # per detection and shortest-pair-first both give d1-t1 and strand d2; the maximum matching finds 2
    case("greedy_loses", {img: {"B": [(100, 100), (150, 100)]}}, {img: {"B": [(124, 100), (71, 100)]}})
    # exactly at the radius (Pythagorean triples, and 12.0 in decimals) is a hit; one step beyond is not
    case("exactly_radius", {img: {
        "A": [(100, 100), (300, 100), (500.5, 100)], "B": [(100, 300), (300, 300)], "H": [(100, 500), (300, 500)],
        "I": [(100, 700), (300, 700)], "E": [(1000, 1000)]}},
        {img: {"A": [(112, 100), (312, 101), (488.5, 100)], "B": [(118, 324), (318, 325)], "H": [(124, 532), (324, 533)],
               "I": [(127, 736), (327, 737)], "E": [(1000, 970)]}})
    # true centres closer together than the radius, detections between them
    case("clusters", {img: {
        "B": [(100, 100), (110, 100), (120, 100), (130, 100), (140, 112)],
        "A": [(500, 500), (506, 500), (512, 500), (503, 505)],
        "I": [(1000, 1000), (1040, 1000), (1020, 1030)]}},
        {img: {"B": [(95, 100), (105, 100), (125, 100), (160, 100), (131, 120), (100, 129)],
               "A": [(494, 500), (518, 500), (509, 511), (506, 488), (506, 500)],
               "I": [(1020, 1000), (1020, 1010), (1060, 1040), (1000, 955)]}})
    # several detections on one vehicle, two of them on the same pixel
    case("duplicates", {img: {"C": [(200, 200)], "G": [(600, 600), (640, 600)]}},
         {img: {"C": [(200, 200), (200, 200), (210, 205), (229, 200)],
                "G": [(620, 600), (620, 600), (620, 601), (700, 600)]}})
    # low-confidence vehicles: d1 reaches the true and the low-confidence centre, d2 the true one only;
    # whichever maximum first matching is taken, the most detections excused is 1 (d1 on the low one)
    case("low_confidence", {img: {"D": [(300, 300)], "F": [(800, 800)]}},
         {img: {"D": [(320, 300), (290, 300), (400, 300), (405, 300), (600, 600)],
                "F": [(800, 800)], "B": [(1200, 1200)]}},
         low={img: {"D": [(345, 300), (402, 300)], "H": [(1210, 1200)]}})
    # wrong class within the radius: an A detection 20 px from a true B car (B's radius 30, A's 12),
    # a B detection on a D car, an H detection 45 px off its van (radius 40) (off by more than the radius, not wrong
    # class: no other class there), a lone E detection (background)
    case("wrong_class", {img: {"B": [(100, 100)], "D": [(400, 400)], "H": [(800, 800)]}},
         {img: {"A": [(120, 100)], "B": [(405, 400)], "H": [(845, 800)], "E": [(1500, 1500)]}})
    # several images; a truth image without any vehicle; a submission naming its images .tif (joined by
    # stem) and leaving out the rows of one image (None); a class nobody has (jaccard null)
    a, b, c = "TQ2379_0_0.jpg", "TQ2379_0_1.jpg", "TQ2379_1_0.jpg"
    case("images_and_none", {a: {"B": [(10, 10), (40, 10)]}, b: {}, c: {"H": [(500, 500)]}},
         {a.replace(".jpg", ".tif"): {"B": [(12, 12)]}, b.replace(".jpg", ".tif"): {"B": [(50, 50)]}},
         images=[a, b, c], pred_images=[a.replace(".jpg", ".tif"), b.replace(".jpg", ".tif")])


def jitter(rng, p, dist):
    import math
    a = rng.uniform(0, 2 * math.pi)
    return (round(p[0] + dist * math.cos(a)), round(p[1] + dist * math.sin(a)))


def random_case(seed):
    rng = random.Random(seed)
    images = ["TQ%02d%02d_%d_%d.jpg" % (rng.randrange(100), rng.randrange(100), i, rng.randrange(2))
              for i in range(rng.randint(1, 3))]
    truth, pred, low = {}, {}, {}
    for img in images:
        for c in rng.sample(ref.CLASSES, rng.randint(1, 5)):
            r = ref.RADIUS[c]
            pts = []
            for _ in range(rng.randint(1, 4)):  # clusters: centres closer than the radius
                cx, cy = rng.randrange(100, 1900), rng.randrange(100, 1900)
                for _ in range(rng.randint(1, 5)):
                    pts.append((cx + rng.randint(-r, r), cy + rng.randint(-r, r)))
            nlow = rng.randint(0, 3)
            truth.setdefault(img, {})[c] = pts[nlow:]
            low.setdefault(img, {})[c] = pts[:nlow]
            dets = []
            for p in pts:
                u = rng.random()
                if u < 0.45:
                    dets.append(jitter(rng, p, rng.uniform(0, r)))
                elif u < 0.55:  # exactly at the radius, along an axis
                    dets.append((p[0] + rng.choice([-r, r]), p[1]))
                elif u < 0.65:  # just beyond or off
                    dets.append(jitter(rng, p, rng.uniform(r + 1, 2.5 * r)))
                elif u < 0.75:  # duplicate
                    dets.append(jitter(rng, p, rng.uniform(0, r)))
                    dets.append(jitter(rng, p, rng.uniform(0, r)))
                elif u < 0.85:  # wrong class
                    o = rng.choice([k for k in ref.CLASSES if k != c])
                    pred.setdefault(img, {}).setdefault(o, []).append(jitter(rng, p, rng.uniform(0, r / 2)))
                # else missed
            for _ in range(rng.randint(0, 2)):
                dets.append((rng.randrange(0, 2000), rng.randrange(0, 2000)))
            rng.shuffle(dets)
            pred.setdefault(img, {}).setdefault(c, []).extend(dets)
    for img in pred:
        for c in pred[img]:
            pred[img][c] = [(max(0, x), max(0, y)) for x, y in pred[img][c]]
    truth = {i: {c: [(max(0, x), max(0, y)) for x, y in v] for c, v in m.items()} for i, m in truth.items()}
    low = {i: {c: [(max(0, x), max(0, y)) for x, y in v] for c, v in m.items()} for i, m in low.items()}
    return case("random_%02d" % seed, truth, pred, low=low, images=images)


def expected(name):
    with open(os.path.join(CASES, name, "expected.json")) as f:
        return json.load(f)


def greedy(dets, truth, r):
    """Nearest-first per detection in file order: the matching the metric must NOT be."""
    used, n = set(), 0
    for q in dets:
        best = min(((q[0] - s[0]) ** 2 + (q[1] - s[1]) ** 2, j) for j, s in enumerate(truth)
                   if j not in used and ref.close(q, s, r)) if any(
            j not in used and ref.close(q, s, r) for j, s in enumerate(truth)) else None
        if best:
            used.add(best[1])
            n += 1
    return n


if __name__ == "__main__":
    shutil.rmtree(CASES, ignore_errors=True)
    hand_made()
    totals = [0, 0, 0]
    for seed in range(1, 25):
        out = random_case(seed)
        for i, k in enumerate(("TP", "FP", "FN")):
            totals[i] += out[k]
    print("random cases: TP %d FP %d FN %d" % tuple(totals))
    stats = dict.fromkeys(("groups", "greedy_loses", "at_radius", "brute_forced", "ambiguous"), 0)
    for name in sorted(os.listdir(CASES)):
        e = expected(name)
        print(name, e["TP"], e["FP"], e["FN"], e["jaccard"])
        d = os.path.join(CASES, name)
        t, p = ref.read(os.path.join(d, "truth.csv")), ref.read(os.path.join(d, "pred.csv"))
        lo = ref.read(os.path.join(d, "lowconf.csv")) if os.path.exists(os.path.join(d, "lowconf.csv")) else {}
        for img in set(t) | set(p):
            for c in ref.CLASSES:
                r = ref.RADIUS[c]
                D, T, L = p.get(img, {}).get(c, []), t.get(img, {}).get(c, []), lo.get(img, {}).get(c, [])
                if not D and not T:
                    continue
                stats["groups"] += 1
                stats["greedy_loses"] += greedy(D, T, r) < ref.size_networkx(D, T, r)[0]
                stats["at_radius"] += sum((q[0] - s[0]) ** 2 + (q[1] - s[1]) ** 2 == r * r for q in D for s in T + L)
                if len(D) <= 7 and len(T) <= 6:
                    stats["brute_forced"] += 1
                    _, most, least = ref.brute_force_excused(D, T, L, r)
                    stats["ambiguous"] += most != least
    # groups = (image, class) pairs scored; greedy_loses = those where nearest-first greedy finds fewer TP;
    # at_radius = detection-centre pairs at exactly the radius; ambiguous = groups where the literal
    # two-stage rule excuses a different number depending on the first matching chosen
    print(stats)

