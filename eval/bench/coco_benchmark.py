"""COCO evaluation benchmark: Seamline's `seamline eval --metric coco` against pycocotools, side by side.

    PYCOCO=/tmp/evalref/cocoapi/PythonAPI SEAMLINE=./seamline \
        /usr/bin/python3 eval/bench/coco_benchmark.py [--images 5000] [--dets 100000] [--runs 3]

Generates (fixed seed, into /tmp/seamline-coco-bench) a ground truth of N images, 80 categories and
about 7 objects per image, and a results file of D detections (jittered true boxes, duplicates,
background boxes, random scores). Then, in one sitting and alternating, runs
  - pycocotools: a fresh python process doing COCO(gt), loadRes, evaluate, accumulate, summarize;
  - Seamline: a fresh JVM through the launcher, `seamline eval --metric coco --gt .. --pred .. --json ..`
    (one warm-up run first: the launcher's first run after a build writes its class-data archive);
each --runs times, and prints the best wall and CPU time of each, the ratios, the in-process times
(pycocotools: its five calls; Seamline: the line `eval --verbose` prints, one more run) and whether the
12 stats agree to 1e-9. pycocotools is built from cocodataset/cocoapi (see the eval tests' make_coco_cases.py).
"""
import argparse, json, os, random, resource, subprocess, sys, time

OUT = '/tmp/seamline-coco-bench'

PYCOCO_SCRIPT = r'''
import sys, json, time, os
import numpy as np
np.bool = bool; np.float = float
sys.path.insert(0, os.environ.get('PYCOCO', '/tmp/evalref/cocoapi/PythonAPI'))
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
import contextlib, io
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    gt = COCO(sys.argv[1]); dt = gt.loadRes(sys.argv[2])
    e = COCOeval(gt, dt, 'bbox'); e.evaluate(); e.accumulate(); e.summarize()
json.dump({'stats': [float(s) for s in e.stats], 'inner_s': time.perf_counter() - t}, open(sys.argv[3], 'w'))
'''


def generate(n_images, n_dets, seed=7):
    rng = random.Random(seed)
    images = [{'id': i + 1, 'file_name': '%06d.jpg' % (i + 1), 'width': 640, 'height': 480} for i in range(n_images)]
    cats = [{'id': c + 1, 'name': 'c%d' % (c + 1), 'supercategory': ''} for c in range(80)]
    anns = []
    for im in images:
        for _ in range(rng.randint(1, 13)):
            s = rng.choice([8, 20, 40, 90, 200])
            w, h = round(s * rng.uniform(.5, 1.5), 2), round(s * rng.uniform(.5, 1.5), 2)
            anns.append({'id': len(anns) + 1, 'image_id': im['id'], 'category_id': rng.randint(1, 80),
                         'bbox': [round(rng.uniform(0, 600), 2), round(rng.uniform(0, 440), 2), w, h],
                         'area': round(w * h * rng.uniform(.6, 1), 2), 'iscrowd': 1 if rng.random() < .01 else 0})
    res = []
    while len(res) < n_dets:
        a = anns[rng.randrange(len(anns))]
        x, y, w, h = a['bbox']
        if rng.random() < .75:
            j = rng.choice([.03, .1, .25])
            res.append({'image_id': a['image_id'], 'category_id': a['category_id'] if rng.random() < .9 else rng.randint(1, 80),
                        'bbox': [round(x + rng.gauss(0, j * w), 2), round(y + rng.gauss(0, j * h), 2),
                                 round(max(1, w * (1 + rng.gauss(0, j))), 2), round(max(1, h * (1 + rng.gauss(0, j))), 2)],
                        'score': round(rng.random(), 4)})
        else:
            res.append({'image_id': rng.randint(1, n_images), 'category_id': rng.randint(1, 80),
                        'bbox': [round(rng.uniform(0, 600), 2), round(rng.uniform(0, 440), 2), round(rng.uniform(4, 150), 2),
                                 round(rng.uniform(4, 150), 2)], 'score': round(rng.random(), 4)})
    os.makedirs(OUT, exist_ok=True)
    json.dump({'images': images, 'categories': cats, 'annotations': anns}, open(os.path.join(OUT, 'gt.json'), 'w'))
    json.dump(res, open(os.path.join(OUT, 'results.json'), 'w'))
    return len(anns)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--images', type=int, default=5000)
    ap.add_argument('--dets', type=int, default=100000)
    ap.add_argument('--runs', type=int, default=3)
    a = ap.parse_args()
    n_gt = generate(a.images, a.dets)
    gt, res = os.path.join(OUT, 'gt.json'), os.path.join(OUT, 'results.json')
    java = [os.environ.get('SEAMLINE', './seamline'), 'eval', '--metric', 'coco', '--gt', gt, '--pred', res,
            '--json', os.path.join(OUT, 'seamline.json')]
    py = [sys.executable, '-c', PYCOCO_SCRIPT, gt, res, os.path.join(OUT, 'pycoco.json')]
    tj, tp, cj, cp = [], [], [], []

    def cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    with open('/proc/loadavg') as f:
        load0 = ' '.join(f.read().split()[:3])
    subprocess.run(java, check=True, stdout=subprocess.DEVNULL)  # warm-up: the launcher's class archive
    for _ in range(a.runs):
        c, t = cpu(), time.perf_counter()
        subprocess.run(py, check=True, stdout=subprocess.DEVNULL)
        tp.append(time.perf_counter() - t); cp.append(cpu() - c)
        c, t = cpu(), time.perf_counter()
        subprocess.run(java, check=True, stdout=subprocess.DEVNULL)
        tj.append(time.perf_counter() - t); cj.append(cpu() - c)
    inner = subprocess.run(java + ['--verbose'], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    inner = [l[len('seamline eval: '):] for l in inner.splitlines() if l.startswith('seamline eval: ')]
    with open('/proc/loadavg') as f:
        load1 = ' '.join(f.read().split()[:3])
    s = json.load(open(os.path.join(OUT, 'seamline.json')))['stats']
    p = json.load(open(os.path.join(OUT, 'pycoco.json')))
    diff = max(abs((x if x is not None else -1) - y) for x, y in zip(s, p['stats']))
    print('images %d, GT %d, detections %d; load average %s at start, %s at end' % (a.images, n_gt, a.dets, load0, load1))
    print('pycocotools: best %.2f s of %s (in-process %.2f s)' % (min(tp), ['%.2f' % x for x in tp], p['inner_s']))
    print('seamline   : best %.2f s of %s (JVM start included; in-process, one more run: %s)'
          % (min(tj), ['%.2f' % x for x in tj], inner[0] if inner else '?'))
    print('ratio seamline/pycocotools: %.3f  (%.1fx faster)' % (min(tj) / min(tp), min(tp) / min(tj)))
    print('CPU time (user+sys), best: pycocotools %.2f s, seamline %.2f s (all threads), ratio %.3f (%.1fx)'
          % (min(cp), min(cj), min(cj) / min(cp), min(cp) / min(cj)))
    print('max |stats difference|: %.3g  (%s)' % (diff, 'equal to 1e-9' if diff <= 1e-9 else 'DIFFERENT'))


if __name__ == '__main__':
    main()
