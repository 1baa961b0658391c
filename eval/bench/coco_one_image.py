"""COCO on ONE image with N ground truth and N detections (a whole scene): Seamline against
pycocotools, time and peak RSS of each as a whole process (`/usr/bin/time -v`).

    PYCOCO=/tmp/evalref/cocoapi/PythonAPI SEAMLINE="./seamline" \
        /usr/bin/python3 eval/bench/coco_one_image.py --n 100000 [--pycoco-n 2000]

Generates (fixed seed, into /tmp/seamline-coco-one) one image of about 130 px of side per sqrt(object),
2 categories, boxes 8-130 px on a jittered lattice (neighbours overlap), 1 % crowds; detections: 85 %
of the GT jittered (10 % with the other category), plus 15 % background boxes; scores to 4 decimals.
Seamline runs `eval --metric coco --max-dets N`; pycocotools runs with params.maxDets = [1, 10, N].
pycocotools builds a dense N x N IoU table and loops over it in Python (4 area ranges x 10
thresholds x N x N steps), so it runs at --pycoco-n (default 2000) only; at that size both are run
and their 12 stats compared. With --pycoco-n equal to --n, pycocotools runs on the same big files, under
an address-space cap of --pycoco-cap-gb (default 8) so that its dense table fails with a MemoryError
instead of pushing a shared machine into swap; its exit, time and peak RSS are printed all the same.
"""
import argparse, json, os, random, re, subprocess, sys

OUT = '/tmp/seamline-coco-one'

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
    e = COCOeval(gt, dt, 'bbox'); e.params.maxDets = [1, 10, int(sys.argv[4])]
    e.evaluate(); e.accumulate(); e.summarize()
    # summarize() asks stats[0] for maxDets=100: take it from the array as Seamline does
    a = e.eval['precision'][:, :, :, 0, 2]; a = a[a > -1]
    e.stats[0] = -1 if a.size == 0 else float(np.mean(a))
json.dump({'stats': [float(s) for s in e.stats], 'inner_s': time.perf_counter() - t}, open(sys.argv[3], 'w'))
'''


def generate(n, tag, seed=7):
    rng = random.Random(seed)
    side = int(n ** 0.5) + 1
    cell = 130
    anns = []
    for i in range(n):
        cx, cy = (i % side) * cell, (i // side) * cell
        s = rng.choice([8, 16, 30, 50, 90, 130])
        w, h = round(s * rng.uniform(.6, 1.4), 2), round(s * rng.uniform(.6, 1.4), 2)
        anns.append({'id': i + 1, 'image_id': 1, 'category_id': rng.randint(1, 2),
                     'bbox': [round(cx + rng.uniform(0, 60), 2), round(cy + rng.uniform(0, 60), 2), w, h],
                     'area': round(w * h * rng.uniform(.7, 1), 2), 'iscrowd': 1 if rng.random() < .01 else 0})
    res = []
    while len(res) < n:
        if rng.random() < .85:
            a = anns[rng.randrange(n)]
            x, y, w, h = a['bbox']
            j = rng.choice([.03, .1, .25])
            res.append({'image_id': 1, 'category_id': a['category_id'] if rng.random() < .9 else 3 - a['category_id'],
                        'bbox': [round(x + rng.gauss(0, j * w), 2), round(y + rng.gauss(0, j * h), 2),
                                 round(max(1, w * (1 + rng.gauss(0, j))), 2), round(max(1, h * (1 + rng.gauss(0, j))), 2)],
                        'score': round(rng.random(), 4)})
        else:
            res.append({'image_id': 1, 'category_id': rng.randint(1, 2),
                        'bbox': [round(rng.uniform(0, side * cell), 2), round(rng.uniform(0, side * cell), 2),
                                 round(rng.uniform(4, 150), 2), round(rng.uniform(4, 150), 2)], 'score': round(rng.random(), 4)})
    os.makedirs(OUT, exist_ok=True)
    gt, rs = os.path.join(OUT, 'gt_%s.json' % tag), os.path.join(OUT, 'results_%s.json' % tag)
    json.dump({'images': [{'id': 1, 'file_name': 'scene.tif', 'width': side * cell, 'height': side * cell}],
               'categories': [{'id': 1, 'name': 'a', 'supercategory': ''}, {'id': 2, 'name': 'b', 'supercategory': ''}],
               'annotations': anns}, open(gt, 'w'))
    json.dump(res, open(rs, 'w'))
    return gt, rs


def timed(cmd, env=None):
    p = subprocess.run(['/usr/bin/time', '-v'] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    err = p.stderr
    wall = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)', err).group(1).split(':')
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', err).group(1))
    cpu = float(re.search(r'User time \(seconds\): (\S+)', err).group(1)) + float(re.search(r'System time \(seconds\): (\S+)', err).group(1))
    return p.returncode, secs, cpu, rss, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=100000)
    ap.add_argument('--pycoco-n', type=int, default=2000)
    ap.add_argument('--runs', type=int, default=1)
    ap.add_argument('--pycoco-cap-gb', type=float, default=8)
    a = ap.parse_args()
    seamline = os.environ.get('SEAMLINE', './seamline').split()
    sizes = ((a.n, True),) if a.pycoco_n == a.n else ((a.pycoco_n, True), (a.n, False))
    cap = ['prlimit', '--as=%d' % int(a.pycoco_cap_gb * 2 ** 30), '--']
    for n, with_py in sizes:
        if n <= 0:
            continue
        gt, rs = generate(n, str(n))
        sj = os.path.join(OUT, 'seamline_%d.json' % n)
        for _ in range(a.runs):
            rc, secs, cpu, rss, err = timed(seamline + ['eval', '--metric', 'coco', '--gt', gt, '--pred', rs, '--max-dets', str(n),
                                                      '--json', sj])
            print('N=%d seamline   : exit %d, %.2f s wall, %.2f s CPU, peak RSS %.0f MB' % (n, rc, secs, cpu, rss / 1024))
            if rc != 0:
                print(err[-2000:])
        if with_py:
            pj = os.path.join(OUT, 'pycoco_%d.json' % n)
            rc, secs, cpu, rss, err = timed(cap + [sys.executable, '-c', PYCOCO_SCRIPT, gt, rs, pj, str(n)])
            print('N=%d pycocotools: exit %d, %.2f s wall, %.2f s CPU, peak RSS %.0f MB' % (n, rc, secs, cpu, rss / 1024))
            if rc == 0:
                s = json.load(open(sj))['stats']
                p = json.load(open(pj))['stats']
                diff = max(abs((x if x is not None else -1) - y) for x, y in zip(s, p))
                print('N=%d max |stats difference|: %.3g (%s)' % (n, diff, 'equal to 1e-9' if diff <= 1e-9 else 'DIFFERENT'))
            else:
                print('\n'.join(l for l in err.splitlines() if 'Error' in l or 'error' in l)[-2000:])


if __name__ == '__main__':
    main()
