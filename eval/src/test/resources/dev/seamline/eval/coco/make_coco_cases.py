"""Builds the COCO parity case sets and records pycocotools' numbers for each.

Run with Debian's python (numpy 1.24) and pycocotools built from cocodataset/cocoapi:
    cd /tmp && git clone <cocoapi> && cd cocoapi/PythonAPI && /usr/bin/python3 setup.py build_ext --inplace
    PYCOCO=/tmp/evalref/cocoapi/PythonAPI /usr/bin/python3 make_coco_cases.py
It writes, per case folder: gt.json (instances), results.json (results) and expected.json
(pycocotools' 12 stats and per-category AP/AP50/AP75/AR100, computed from eval['precision'] and
eval['recall'] the way summarize() does, NaN written as null). Deterministic (fixed seeds).
"""
import json, math, os, random, sys
import numpy as np
np.bool = bool
np.float = float
sys.path.insert(0, os.environ.get('PYCOCO', '/tmp/evalref/cocoapi/PythonAPI'))
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

HERE = os.path.dirname(os.path.abspath(__file__))


def r2(v):
    return round(v, 2)


def jitter(rng, b, s):
    x, y, w, h = b
    return [r2(max(0, x + rng.gauss(0, s * w))), r2(max(0, y + rng.gauss(0, s * h))),
            r2(max(0.5, w * (1 + rng.gauss(0, s)))), r2(max(0.5, h * (1 + rng.gauss(0, s))))]


def random_case(seed, n_images, n_cats, crowd_rate=0.0, tie_levels=None, miss_images=0, extra_cat=True,
                empty_cat=True, max_per_image=12, dup_rate=0.1):
    rng = random.Random(seed)
    images = [{'id': i * 3 + 1, 'file_name': 'img%d.png' % i, 'width': 1000, 'height': 1000} for i in range(n_images)]
    cats = [{'id': c + 1, 'name': 'cat%d' % (c + 1), 'supercategory': 'thing'} for c in range(n_cats)]
    gt_cats = n_cats - 1 if extra_cat else n_cats  # the last category has no GT
    anns, res = [], []
    aid = 1
    for k, im in enumerate(images):
        for _ in range(rng.randint(0, max_per_image)):
            c = rng.randint(1, gt_cats - (1 if empty_cat else 0))  # category gt_cats gets no detections
            scale = rng.choice([4, 12, 30, 31.9, 32.1, 60, 100, 200])
            w, h = r2(scale * rng.uniform(0.6, 1.4)), r2(scale * rng.uniform(0.6, 1.4))
            x, y = r2(rng.uniform(0, 900)), r2(rng.uniform(0, 900))
            crowd = 1 if rng.random() < crowd_rate else 0
            if crowd:
                w, h = r2(w * 3), r2(h * 3)
            area = r2(w * h * rng.uniform(0.5, 1.0)) if rng.random() < 0.7 else w * h
            anns.append({'id': aid, 'image_id': im['id'], 'category_id': c, 'bbox': [x, y, w, h], 'area': area,
                         'iscrowd': crowd})
            aid += 1
    by_img = {}
    for a in anns:
        by_img.setdefault(a['image_id'], []).append(a)
    skip = set(im['id'] for im in images[:miss_images])
    for im in images:
        if im['id'] in skip:
            continue
        for a in by_img.get(im['id'], []):
            if rng.random() < 0.8:
                c = a['category_id'] if rng.random() < 0.9 else rng.randint(1, n_cats)
                res.append({'image_id': im['id'], 'category_id': c, 'bbox': jitter(rng, a['bbox'], rng.choice([0.02, 0.08, 0.2])),
                            'score': rng.random()})
                if rng.random() < dup_rate:
                    res.append({'image_id': im['id'], 'category_id': c, 'bbox': jitter(rng, a['bbox'], 0.05), 'score': rng.random()})
        for _ in range(rng.randint(0, 5)):
            c = rng.randint(1, n_cats)
            w, h = r2(rng.uniform(3, 150)), r2(rng.uniform(3, 150))
            res.append({'image_id': im['id'], 'category_id': c,
                        'bbox': [r2(rng.uniform(0, 900)), r2(rng.uniform(0, 900)), w, h], 'score': rng.random()})
    if tie_levels:
        for r in res:
            r['score'] = round(math.floor(r['score'] * tie_levels) / tie_levels, 6)
    else:
        for r in res:
            r['score'] = round(r['score'], 6)
    rng.shuffle(res)
    return {'images': images, 'categories': cats, 'annotations': anns}, res


def crafted_edges():
    """Hand-made: area bounds (1024, 9216 inclusive on both sides), IoU exactly .5/.75, GT id 0,
    crowd absorbing many detections, >100 detections on one image, a category with GT but no results."""
    images = [{'id': i, 'file_name': 'e%d' % i, 'width': 500, 'height': 500} for i in (1, 2, 3, 4)]
    cats = [{'id': 1, 'name': 'a', 'supercategory': ''}, {'id': 2, 'name': 'b', 'supercategory': ''},
            {'id': 7, 'name': 'c', 'supercategory': ''}]
    anns = [
        {'id': 0, 'image_id': 1, 'category_id': 1, 'bbox': [0, 0, 32, 32], 'area': 1024, 'iscrowd': 0},
        {'id': 5, 'image_id': 1, 'category_id': 1, 'bbox': [100, 100, 96, 96], 'area': 9216, 'iscrowd': 0},
        {'id': 6, 'image_id': 1, 'category_id': 1, 'bbox': [300, 300, 10, 20], 'area': 200, 'iscrowd': 0},
        {'id': 7, 'image_id': 2, 'category_id': 1, 'bbox': [0, 0, 400, 400], 'area': 160000, 'iscrowd': 1},
        {'id': 8, 'image_id': 2, 'category_id': 1, 'bbox': [10, 10, 40, 40], 'area': 1600, 'iscrowd': 0},
        {'id': 9, 'image_id': 3, 'category_id': 2, 'bbox': [50, 50, 60, 60], 'area': 3600, 'iscrowd': 0},
        {'id': 10, 'image_id': 3, 'category_id': 7, 'bbox': [10, 10, 20, 20], 'area': 400, 'iscrowd': 0},
        {'id': 11, 'image_id': 4, 'category_id': 2, 'bbox': [0, 0, 20, 20], 'area': 400, 'iscrowd': 0},
        {'id': 12, 'image_id': 4, 'category_id': 2, 'bbox': [0, 0, 20, 20], 'area': 400, 'iscrowd': 0},
    ]
    res = [
        {'image_id': 1, 'category_id': 1, 'bbox': [0, 0, 32, 32], 'score': 0.9},      # matches GT id 0: never counts
        {'image_id': 1, 'category_id': 1, 'bbox': [100, 100, 96, 96], 'score': 0.8},
        {'image_id': 1, 'category_id': 1, 'bbox': [300, 300, 10, 10], 'score': 0.7},  # IoU exactly 0.5
        {'image_id': 1, 'category_id': 1, 'bbox': [300, 300, 10, 15], 'score': 0.7},  # IoU exactly 0.75, tie
        {'image_id': 1, 'category_id': 1, 'bbox': [0, 0, 16, 64], 'score': 0.6},      # w*h = 1024
    ]
    for j in range(30):  # crowd absorbs these
        res.append({'image_id': 2, 'category_id': 1, 'bbox': [5 * j, 5 * j, 50, 50], 'score': 0.5})
    res.append({'image_id': 2, 'category_id': 1, 'bbox': [10, 10, 40, 40], 'score': 0.3})
    for j in range(130):  # more than 100 on one image
        res.append({'image_id': 3, 'category_id': 2, 'bbox': [50 + (j % 7), 50 + (j % 5), 60, 60],
                    'score': round(0.99 - j * 0.007, 6)})
    res.append({'image_id': 4, 'category_id': 2, 'bbox': [0, 0, 20, 20], 'score': 0.4})
    res.append({'image_id': 4, 'category_id': 2, 'bbox': [0, 0, 20, 20], 'score': 0.4})
    res.append({'image_id': 4, 'category_id': 3, 'bbox': [0, 0, 20, 20], 'score': 0.4})  # unknown category: dropped
    return {'images': images, 'categories': cats, 'annotations': anns}, res


def dense_scene():
    """One big image (a whole scene) with far more than 100 objects of a class: the case for
    maxDets = [1, 10, 1000]. Evaluated with that setting (see MAX_DETS)."""
    rng = random.Random(5)
    images = [{'id': 1, 'file_name': 'scene.tif', 'width': 6000, 'height': 6000}]
    cats = [{'id': 1, 'name': 'small-vehicle', 'supercategory': ''}, {'id': 2, 'name': 'ship', 'supercategory': ''}]
    anns, res = [], []
    for i in range(420):
        c = 1 if i < 380 else 2
        s = 8 if c == 1 else 60
        w, h = r2(s * rng.uniform(0.7, 1.3)), r2(2 * s * rng.uniform(0.7, 1.3))
        x, y = r2(rng.uniform(0, 5800)), r2(rng.uniform(0, 5800))
        anns.append({'id': i + 1, 'image_id': 1, 'category_id': c, 'bbox': [x, y, w, h], 'area': r2(w * h), 'iscrowd': 0})
        if rng.random() < 0.9:
            res.append({'image_id': 1, 'category_id': c, 'bbox': jitter(rng, [x, y, w, h], rng.choice([0.03, 0.1, 0.25])),
                        'score': round(rng.random(), 6)})
    for _ in range(150):
        res.append({'image_id': 1, 'category_id': rng.randint(1, 2), 'bbox': [r2(rng.uniform(0, 5900)),
                    r2(rng.uniform(0, 5900)), r2(rng.uniform(5, 40)), r2(rng.uniform(5, 40))], 'score': round(rng.random(), 6)})
    rng.shuffle(res)
    return {'images': images, 'categories': cats, 'annotations': anns}, res


def crowded_image():
    """One image, boxes on a coarse integer lattice so that they overlap heavily and IoUs tie:
    clusters of GT (some exact copies, some crowds, areas on the range bounds), detections that
    hit several GT at once; the case for the spatial index (Seamline's BoxGrid) and the order rule
    of evaluateImg (ignore-last GT, last of equal IoU). maxDets = [1, 10, 4000]."""
    rng = random.Random(11)
    images = [{'id': 1, 'file_name': 'crowded.tif', 'width': 4000, 'height': 4000}]
    cats = [{'id': 1, 'name': 'car', 'supercategory': ''}, {'id': 2, 'name': 'truck', 'supercategory': ''}]
    anns, res = [], []
    for cl in range(160):
        cx, cy = rng.randrange(0, 3900, 4), rng.randrange(0, 3900, 4)
        c = rng.randint(1, 2)
        for j in range(rng.randint(3, 14)):
            s = rng.choice([8, 16, 32, 64, 96, 128])
            w, h = s, rng.choice([s, s // 2, s * 2])
            x, y = cx + rng.randrange(0, 40, 4), cy + rng.randrange(0, 40, 4)
            crowd = 1 if rng.random() < 0.05 else 0
            area = rng.choice([w * h, 1024, 9216, w * h * 0.75])
            anns.append({'id': len(anns) + 1, 'image_id': 1, 'category_id': c, 'bbox': [x, y, w, h], 'area': area,
                         'iscrowd': crowd})
            if rng.random() < 0.2:  # an exact copy, another area
                anns.append({'id': len(anns) + 1, 'image_id': 1, 'category_id': c, 'bbox': [x, y, w, h],
                             'area': rng.choice([w * h, 1024, 9216, 20000]), 'iscrowd': 0})
    for a in anns:
        x, y, w, h = a['bbox']
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            dx, dy = rng.choice([0, 0, 2, 4, -4]), rng.choice([0, 0, 2, 4, -4])
            res.append({'image_id': 1, 'category_id': a['category_id'] if rng.random() < 0.9 else 3 - a['category_id'],
                        'bbox': [x + dx, y + dy, w + rng.choice([0, 0, 4, -4]), h + rng.choice([0, 0, 4])],
                        'score': rng.choice([0.5, 0.25, 0.75, round(rng.random(), 3)])})
    for _ in range(300):
        res.append({'image_id': 1, 'category_id': rng.randint(1, 2), 'bbox': [rng.randrange(0, 3950, 4),
                    rng.randrange(0, 3950, 4), rng.choice([8, 16, 48, 400]), rng.choice([8, 16, 48, 400])],
                    'score': round(rng.random(), 3)})
    rng.shuffle(res)
    return {'images': images, 'categories': cats, 'annotations': anns}, res


MAX_DETS = {'dense_scene': 1000, 'crowded_image': 4000}


def evaluate(gt_path, res_path, max_dets=100):
    gt = COCO(gt_path)
    dt = gt.loadRes(res_path)
    ev = COCOeval(gt, dt, 'bbox')
    ev.params.maxDets = [1, 10, max_dets]
    ev.evaluate(); ev.accumulate(); ev.summarize()
    prec, rec = ev.eval['precision'], ev.eval['recall']
    if max_dets != 100:
        # summarize() asks stats[0] for maxDets=100 by default and prints -1 when that is not in
        # params.maxDets; every other stat uses maxDets[2]. Take stats[0] from the same array.
        a = prec[:, :, :, 0, 2]
        a = a[a > -1]
        ev.stats[0] = -1 if a.size == 0 else float(np.mean(a))
    per = {}
    for k, cid in enumerate(ev.params.catIds):
        def m(a):
            a = a[a > -1]
            return None if a.size == 0 else float(np.mean(a))
        per[str(cid)] = {'AP': m(prec[:, :, k, 0, 2]), 'AP50': m(prec[0, :, k, 0, 2]), 'AP75': m(prec[5, :, k, 0, 2]),
                         'AR_100': m(rec[:, k, 0, 2])}
    return {'stats': [float(s) for s in ev.stats], 'per_class': per}


CASES = {
    'many_images': lambda: random_case(1, 80, 6, miss_images=5),
    'crowds': lambda: random_case(2, 40, 4, crowd_rate=0.15),
    'score_ties': lambda: random_case(3, 50, 4, tie_levels=10, dup_rate=0.3),
    'tiny_and_large': lambda: random_case(4, 30, 3, max_per_image=40),
    'edges': crafted_edges,
    'dense_scene': dense_scene,
    'crowded_image': crowded_image,
}

def real_sample(shared_real):
    """DeepForest's coco_sample_file.json (../shared/data/real/deepforest) as ground truth, with results
    made from its boxes (shifted, one dropped, one false positive); only results and expected are kept."""
    gt_path = os.path.join(shared_real, 'deepforest', 'coco_sample_file.json')
    gt = json.load(open(gt_path))
    res = []
    for k, a in enumerate(gt['annotations']):
        if k == 2:
            continue
        x, y, w, h = a['bbox']
        res.append({'image_id': a['image_id'], 'category_id': a['category_id'],
                    'bbox': [x + 1.5 * k, y - 0.5 * k, w * (1 + 0.05 * k), h], 'score': 0.9 - 0.1 * k})
    res.append({'image_id': gt['images'][0]['id'], 'category_id': 2, 'bbox': [10, 10, 50, 50], 'score': 0.65})
    d = os.path.join(HERE, 'real_deepforest_sample')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'results.json'), 'w') as f:
        f.write('[\n' + ',\n'.join(json.dumps(r) for r in res) + '\n]\n')
    out = evaluate(gt_path, os.path.join(d, 'results.json'))
    with open(os.path.join(d, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)
    print('real_deepforest_sample', out['stats'][:3])


if __name__ == '__main__':
    shared = os.environ.get('SHARED_REAL', os.path.join(HERE, '../../../../../../../../../shared/data/real'))
    if os.path.isdir(shared) and not os.environ.get('CASES'):
        real_sample(shared)
    only = os.environ.get('CASES', '')  # comma-separated names: rebuild only those
    for name, make in CASES.items():
        if only and name not in only.split(','):
            continue
        d = os.path.join(HERE, name)
        os.makedirs(d, exist_ok=True)
        gt, res = make()
        with open(os.path.join(d, 'gt.json'), 'w') as f:
            json.dump(gt, f)
        with open(os.path.join(d, 'results.json'), 'w') as f:
            f.write('[\n' + ',\n'.join(json.dumps(r) for r in res) + '\n]\n')
        out = evaluate(os.path.join(d, 'gt.json'), os.path.join(d, 'results.json'), MAX_DETS.get(name, 100))
        with open(os.path.join(d, 'expected.json'), 'w') as f:
            json.dump(out, f, indent=1)
        print(name, len(gt['annotations']), 'gt', len(res), 'results', out['stats'][:3])
