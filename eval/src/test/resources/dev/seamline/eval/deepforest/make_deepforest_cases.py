"""Reference numbers for DeepForest box precision/recall.

DeepForest itself needs geopandas, which Debian's python here lacks, so this script follows
deepforest/evaluate.py (evaluate_geometry, geometry_type "box") and deepforest/IoU.py
(match_polygons, _overlap_all) of weecology/DeepForest at commit 1bad4419 step by step with the same
libraries underneath: shapely boxes, intersection/union areas, scipy's
linear_sum_assignment(intersections, maximize=True), match = IoU > 0.4, per-image recall and
precision, np.mean over images (images without predictions: recall 0, no precision; all-zero GT
boxes dropped; images are taken in groupby (sorted) order).
    /usr/bin/python3 make_deepforest_cases.py [path/to/shared/data/real/deepforest]
Writes expected_sjer_477.json (the SJER image 477 sample, truth columns xmin,xmax,ymin,ymax) and a
synthetic multi-image case (synthetic_truth.csv, synthetic_pred.csv, expected_synthetic.json).
"""
import csv, json, os, random, sys
import numpy as np
from scipy.optimize import linear_sum_assignment
from shapely.geometry import box

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [(r['image_path'], float(r['xmin']), float(r['ymin']), float(r['xmax']), float(r['ymax'])) for r in rows]


def evaluate(truth, pred, thr=0.4):
    truth = [t for t in truth if not (t[1] == 0 and t[2] == 0 and t[3] == 0 and t[4] == 0)]
    images = sorted(set(t[0] for t in truth))
    recalls, precisions = [], []
    for im in images:
        g = [box(*t[1:]) for t in truth if t[0] == im]
        p = [box(*q[1:]) for q in pred if q[0] == im]
        if not p:
            recalls.append(0)
            continue
        inter = np.zeros((len(g), len(p)))
        union = np.zeros((len(g), len(p)))
        for i, a in enumerate(g):
            for j, b in enumerate(p):
                if a.intersects(b):
                    inter[i, j] = a.intersection(b).area
                    union[i, j] = a.union(b).area
        rows, cols = linear_sum_assignment(inter, maximize=True)
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        tp = sum(1 for r, c in zip(rows, cols) if iou[r, c] > thr)
        recalls.append(tp / len(g))
        precisions.append(tp / len(p))
    return {'precision': float(np.mean(precisions)) if precisions else None, 'recall': float(np.mean(recalls))}


if __name__ == '__main__':
    real = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '../../../../../../../../../shared/data/real/deepforest')
    stem = os.path.join(real, '2018_SJER_3_252000_4107000_image_477')
    out = evaluate(read(stem + '_truth.csv'), read(stem + '.csv'))
    json.dump(out, open(os.path.join(HERE, 'expected_sjer_477.json'), 'w'), indent=1)
    print('sjer', out)
    rng = random.Random(5)
    truth, pred = [], []
    for k in range(8):
        im = 'tile_%d.tif' % k
        for _ in range(rng.randint(0, 9)):
            x, y, w, h = rng.uniform(0, 350), rng.uniform(0, 350), rng.uniform(5, 60), rng.uniform(5, 60)
            truth.append((im, round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2)))
            if k != 2 and rng.random() < 0.8:
                j = rng.choice([0.05, 0.2, 0.4])
                dx, dy = rng.gauss(0, j * w), rng.gauss(0, j * h)
                pred.append((im, round(x + dx, 2), round(y + dy, 2), round(x + dx + w * (1 + rng.gauss(0, j)), 2),
                             round(y + dy + h * (1 + rng.gauss(0, j)), 2)))
        if k == 5:
            truth.append((im, 0, 0, 0, 0))  # an empty-image marker row, dropped
        for _ in range(rng.randint(0, 3)):
            x, y = rng.uniform(0, 350), rng.uniform(0, 350)
            pred.append((im, round(x, 2), round(y, 2), round(x + 20, 2), round(y + 25, 2)))
    pred.append(('no_truth.tif', 1, 1, 10, 10))  # an image without truth: not scored
    with open(os.path.join(HERE, 'synthetic_truth.csv'), 'w') as f:
        f.write('image_path,xmin,ymin,xmax,ymax,label\n')
        for t in truth:
            f.write('%s,%s,%s,%s,%s,Tree\n' % t)
    with open(os.path.join(HERE, 'synthetic_pred.csv'), 'w') as f:
        f.write('image_path,xmin,ymin,xmax,ymax,label,score\n')
        for i, p in enumerate(pred):
            f.write('%s,%s,%s,%s,%s,Tree,%s\n' % (p + (round(0.99 - i * 0.005, 3),)))
    out = evaluate(truth, pred)
    json.dump(out, open(os.path.join(HERE, 'expected_synthetic.json'), 'w'), indent=1)
    print('synthetic', out)
