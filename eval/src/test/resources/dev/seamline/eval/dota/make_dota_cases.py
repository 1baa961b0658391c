"""Builds the DOTA parity case sets and records the DOTA devkit's numbers for each.

Needs the devkit (CAPTAIN-WHU/DOTA_devkit: dota_evaluation_task1.py, dota_evaluation_task2.py) and
its polyiou C++ code. swig is not installed here, so polyiou.cpp is compiled with g++ into a shared
library and loaded by a 10-line ctypes module named polyiou exposing the same iou_poly/VectorDouble:
    g++ -O2 -shared -fPIC -I DOTA_devkit -o libpolyiou.so shim.cpp DOTA_devkit/polyiou.cpp
(shim.cpp: extern "C" double c_iou_poly(const double*p, const double*q) calling iou_poly on two
8-element vectors). Then:
    DOTA_DEVKIT=/tmp/evalref/dota POLYIOU=/tmp/evalref/polyshim /usr/bin/python3 make_dota_cases.py
Each case folder gets labelTxt/<image>.txt, imageset.txt, classes.txt, Task<k>_<class>.txt files
under det/, and expected.json: per-class AP and mAP, VOC07 (official) and all-point, as
voc_eval(..., ovthresh=0.5, use_07_metric=...) returns them. Scores are distinct except in the
*_score_ties cases, where the devkit's numpy quicksort order decides among equal scores (Seamline
reproduces it). Deterministic (fixed seeds).
"""
import contextlib, io, json, math, os, random, sys
import numpy as np
np.bool = bool
np.float = float
sys.path.insert(0, os.environ.get('DOTA_DEVKIT', '/tmp/evalref/dota'))
sys.path.insert(0, os.environ.get('POLYIOU', '/tmp/evalref/polyshim'))  # before the devkit's SWIG polyiou.py
import dota_evaluation_task1 as t1
import dota_evaluation_task2 as t2

HERE = os.path.dirname(os.path.abspath(__file__))


def rect(cx, cy, w, h, ang, start=0, reverse=False):
    c, s = math.cos(ang), math.sin(ang)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    pts = [(round(cx + x * c - y * s, 1), round(cy + x * s + y * c, 1)) for x, y in pts]
    pts = pts[start:] + pts[:start]
    if reverse:
        pts = pts[::-1]
    return [v for p in pts for v in p]


def make_case(seed, task, n_images, classes, oriented=True, headers=True, difficult_rate=0.1, miss_images=2, tie_levels=None):
    rng = random.Random(seed)
    images = ['P%04d' % (i * 7 + 3) for i in range(n_images)]
    gt_classes = classes[:-1]  # the last class has no GT
    gts, dets = {}, {c: [] for c in classes}
    used_scores = set()

    def score():
        if tie_levels:  # many equal scores: the devkit's numpy quicksort order decides
            return round(rng.randint(1, tie_levels) / tie_levels, 3)
        while True:
            s = round(rng.uniform(0.001, 0.999), 6)
            if s not in used_scores:
                used_scores.add(s)
                return s

    for k, im in enumerate(images):
        objs = []
        for _ in range(rng.randint(0, 10)):
            c = rng.choice(gt_classes)
            size = rng.choice([3, 8, 20, 60, 200])
            w, h = size * rng.uniform(0.5, 2), size * rng.uniform(0.5, 2)
            cx, cy = rng.uniform(0, 1000), rng.uniform(0, 1000)
            ang = rng.uniform(-math.pi, math.pi) if oriented else 0.0
            if oriented:
                poly = rect(cx, cy, w, h, ang, rng.randint(0, 3), rng.random() < 0.3)
            else:
                poly = rect(cx, cy, w, h, 0.0)
            diff = 1 if rng.random() < difficult_rate else 0
            objs.append((poly, c, diff, (cx, cy, w, h, ang)))
        gts[im] = objs
        if k < miss_images:
            continue  # an image without predictions
        for poly, c, diff, (cx, cy, w, h, ang) in objs:
            for rep in range(rng.choice([0, 1, 1, 1, 2])):
                j = rng.choice([0.02, 0.1, 0.3])
                dc = c if rng.random() < 0.9 else rng.choice(classes)
                p = rect(cx + rng.gauss(0, j * w), cy + rng.gauss(0, j * h), w * (1 + rng.gauss(0, j)),
                         h * (1 + rng.gauss(0, j)), ang + (rng.gauss(0, j) if oriented else 0.0), rng.randint(0, 3))
                dets[dc].append((im, score(), p))
        for _ in range(rng.randint(0, 4)):
            c = rng.choice(classes)
            p = rect(rng.uniform(0, 1000), rng.uniform(0, 1000), rng.uniform(3, 100), rng.uniform(3, 100),
                     rng.uniform(-3, 3))
            dets[c].append((im, score(), p))
    for c in classes:  # the devkit cannot read an empty Task file
        if not dets[c]:
            dets[c].append((images[-1], score(), rect(5, 5, 4, 4, 0)))
    return images, gts, dets


def write_case(name, task, images, gts, dets, classes, headers):
    d = os.path.join(HERE, name)
    os.makedirs(os.path.join(d, 'labelTxt'), exist_ok=True)
    os.makedirs(os.path.join(d, 'det'), exist_ok=True)
    for im in images:
        with open(os.path.join(d, 'labelTxt', im + '.txt'), 'w') as f:
            if headers:
                f.write('imagesource:GoogleEarth\ngsd:0.146343590398\n')
            for poly, c, diff, _ in gts[im]:
                f.write(' '.join(repr(v) for v in poly) + ' %s %d\n' % (c, diff))
    with open(os.path.join(d, 'imageset.txt'), 'w') as f:
        f.write('\n'.join(images) + '\n')
    with open(os.path.join(d, 'classes.txt'), 'w') as f:
        f.write('\n'.join(classes) + '\n')
    for c in classes:
        with open(os.path.join(d, 'det', 'Task%d_%s.txt' % (task, c)), 'w') as f:
            for im, s, p in dets[c]:
                if task == 1:
                    coords = p
                else:
                    xs, ys = p[0::2], p[1::2]
                    coords = [min(xs), min(ys), max(xs), max(ys)]
                f.write('%s %s %s\n' % (im, repr(s), ' '.join(repr(round(v, 1)) for v in coords)))
    mod = t1 if task == 1 else t2
    out = {}
    for label, use07 in (('voc07', True), ('all_points', False)):
        aps = {}
        for c in classes:
            with contextlib.redirect_stdout(io.StringIO()):
                rec, prec, ap = mod.voc_eval(os.path.join(d, 'det', 'Task%d_{:s}.txt' % task),
                                             os.path.join(d, 'labelTxt', '{:s}.txt'), os.path.join(d, 'imageset.txt'),
                                             c, ovthresh=0.5, use_07_metric=use07)
            aps[c] = None if np.isnan(ap) else float(ap)
        vals = [aps[c] for c in classes]
        m = sum(float('nan') if v is None else v for v in vals) / len(classes)
        out[label] = {'mAP': None if np.isnan(m) else m, 'per_class_AP': aps}
    with open(os.path.join(d, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)
    print(name, out['voc07']['mAP'], out['all_points']['mAP'])


if __name__ == '__main__':
    classes = ['plane', 'small-vehicle', 'ship', 'harbor', 'helicopter']
    im, g, dt = make_case(11, 1, 18, classes, oriented=True)
    write_case('task1_oriented', 1, im, g, dt, classes, headers=True)
    im, g, dt = make_case(12, 1, 15, classes[:3], oriented=False)
    write_case('task1_axis_aligned', 1, im, g, dt, classes[:3], headers=True)
    im, g, dt = make_case(13, 2, 15, classes, oriented=False)
    write_case('task2_horizontal', 2, im, g, dt, classes, headers=False)
    im, g, dt = make_case(14, 2, 12, classes, oriented=True, difficult_rate=0.25)
    write_case('task2_from_oriented', 2, im, g, dt, classes, headers=False)
    im, g, dt = make_case(15, 1, 20, classes[:3], oriented=True, tie_levels=4)
    write_case('task1_score_ties', 1, im, g, dt, classes[:3], headers=True)
    im, g, dt = make_case(16, 2, 20, classes[:3], oriented=False, tie_levels=3)
    write_case('task2_score_ties', 2, im, g, dt, classes[:3], headers=False)
