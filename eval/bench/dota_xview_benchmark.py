"""DOTA task 1 and xView evaluation benchmark: `seamline eval` against the official scorers, side by side.

    DOTA_DEVKIT=/tmp/evalref/dota POLYIOU=/tmp/evalref/polyshim XVIEW_SCORING=/tmp/evalref/xview/scoring \
        SEAMLINE=./seamline /usr/bin/python3 eval/bench/dota_xview_benchmark.py [--runs 3] [--only dota|xview] \
        [--dota-images 300] [--dota-objects 95] [--xview-chips 300] [--xview-objects 120]

Generates (fixed seeds, into /tmp/seamline-dota-xview-bench) two tie-free sets:
  - DOTA task 1: --dota-images images (5 to --dota-objects objects each) of the 15 DOTA v1.0 classes,
    oriented boxes in every vertex order, 10 % difficult, `imagesource:`/`gsd:` header lines; jittered
    detections, duplicates and background boxes in Task1_<class>.txt;
  - xView: --xview-chips chips (5 to --xview-objects objects each) of 20 xView type ids, GT in one
    GeoJSON (bounds_imcoords), detections in one <chip>.txt per chip, a few chips without a file.
Then, in one sitting and alternating, each --runs times:
  - the DOTA devkit: a fresh python running dota_evaluation_task1.voc_eval for every class (VOC07, IoU 0.5),
    as its main() does; the devkit's polyiou C++ is loaded through the ctypes shim described in the eval
    tests' make_dota_cases.py;
  - the xView scorer: a fresh python running scoring/score.py's score() (tqdm stubbed out);
  - Seamline: `seamline eval --metric dota-task1 | xview ... --json ..` (a fresh JVM each time).
Prints the best wall time of each, the ratio, the CPU time, and whether the numbers agree: DOTA every
per-class AP and the mAP to 1e-9; xView the mAP score.txt holds (8 decimals) and every value metrics.txt
holds (6 decimals). The exact, full-precision parity is the eval tests' (DotaEvalParityTest,
XviewEvalParityTest).
"""
import argparse, json, math, os, random, resource, shutil, subprocess, sys, time

OUT = '/tmp/seamline-dota-xview-bench'
DOTA_CLASSES = ['plane', 'baseball-diamond', 'bridge', 'ground-track-field', 'small-vehicle', 'large-vehicle', 'ship',
                'tennis-court', 'basketball-court', 'storage-tank', 'soccer-ball-field', 'roundabout', 'harbor',
                'swimming-pool', 'helicopter']
XVIEW_CLASSES = [11, 13, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 47, 60, 71, 72, 73, 77, 91]

DEVKIT_SCRIPT = r'''
import sys, json, os, time, contextlib, io
import numpy as np
np.bool = bool; np.float = float
sys.path.insert(0, os.environ.get('DOTA_DEVKIT', '/tmp/evalref/dota'))
sys.path.insert(0, os.environ.get('POLYIOU', '/tmp/evalref/polyshim'))
t = time.perf_counter()
import dota_evaluation_task1 as t1
d = sys.argv[1]
classes = open(os.path.join(d, 'classes.txt')).read().split()
aps = {}
with contextlib.redirect_stdout(io.StringIO()):
    for c in classes:
        rec, prec, ap = t1.voc_eval(os.path.join(d, 'det', 'Task1_{:s}.txt'), os.path.join(d, 'labelTxt', '{:s}.txt'),
                                    os.path.join(d, 'imageset.txt'), c, ovthresh=0.5, use_07_metric=True)
        aps[c] = float(ap)
json.dump({'mAP': sum(aps.values()) / len(aps), 'per_class_AP': aps, 'inner_s': time.perf_counter() - t},
          open(sys.argv[2], 'w'))
'''

XVIEW_SCRIPT = r'''
import sys, os, time, types, contextlib, io
import numpy as np
np.bool = bool; np.float = float
tq = types.ModuleType('tqdm'); tq.tqdm = lambda x, *a, **k: x; sys.modules['tqdm'] = tq
sys.path.insert(0, os.environ.get('XVIEW_SCORING', '/tmp/evalref/xview/scoring'))
t = time.perf_counter()
import score
with contextlib.redirect_stdout(io.StringIO()):
    score.score(sys.argv[1], sys.argv[2], sys.argv[3])
open(os.path.join(sys.argv[3], 'inner_s.txt'), 'w').write(str(time.perf_counter() - t))
'''


def rect(cx, cy, w, h, ang, start=0, reverse=False):
    c, s = math.cos(ang), math.sin(ang)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    pts = [(round(cx + x * c - y * s, 1), round(cy + x * s + y * c, 1)) for x, y in pts]
    pts = pts[start:] + pts[:start]
    if reverse:
        pts = pts[::-1]
    return [v for p in pts for v in p]


class Scores:
    """Distinct scores (the official scorers' unstable sorts make tied scores order-dependent)."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def __call__(self):
        while True:
            s = round(self.rng.uniform(0.0001, 0.9999), 7)
            if s not in self.used:
                self.used.add(s)
                return s


def make_dota(n_images, max_objects, seed=11):
    rng = random.Random(seed)
    score = Scores(rng)
    d = os.path.join(OUT, 'dota')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, 'labelTxt'))
    os.makedirs(os.path.join(d, 'det'))
    images = ['P%04d' % (i * 3 + 1) for i in range(n_images)]
    dets = {c: [] for c in DOTA_CLASSES}
    n_gt = 0
    for im in images:
        lines = ['imagesource:GoogleEarth', 'gsd:0.146343590398']
        for _ in range(rng.randint(5, max_objects)):
            c = rng.choice(DOTA_CLASSES)
            size = rng.choice([6, 12, 25, 50, 120, 300])
            w, h = size * rng.uniform(0.5, 2), size * rng.uniform(0.5, 2)
            cx, cy, ang = rng.uniform(0, 1024), rng.uniform(0, 1024), rng.uniform(-math.pi, math.pi)
            poly = rect(cx, cy, w, h, ang, rng.randint(0, 3), rng.random() < 0.3)
            lines.append(' '.join(repr(v) for v in poly) + ' %s %d' % (c, 1 if rng.random() < 0.1 else 0))
            n_gt += 1
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                j = rng.choice([0.02, 0.1, 0.3])
                dc = c if rng.random() < 0.9 else rng.choice(DOTA_CLASSES)
                p = rect(cx + rng.gauss(0, j * w), cy + rng.gauss(0, j * h), w * (1 + rng.gauss(0, j)),
                         h * (1 + rng.gauss(0, j)), ang + rng.gauss(0, j), rng.randint(0, 3))
                dets[dc].append((im, score(), p))
        for _ in range(rng.randint(0, 8)):
            c = rng.choice(DOTA_CLASSES)
            p = rect(rng.uniform(0, 1024), rng.uniform(0, 1024), rng.uniform(4, 150), rng.uniform(4, 150),
                     rng.uniform(-3, 3))
            dets[c].append((im, score(), p))
        with open(os.path.join(d, 'labelTxt', im + '.txt'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    with open(os.path.join(d, 'imageset.txt'), 'w') as f:
        f.write('\n'.join(images) + '\n')
    with open(os.path.join(d, 'classes.txt'), 'w') as f:
        f.write('\n'.join(DOTA_CLASSES) + '\n')
    for c in DOTA_CLASSES:
        with open(os.path.join(d, 'det', 'Task1_%s.txt' % c), 'w') as f:
            for im, s, p in dets[c]:
                f.write('%s %s %s\n' % (im, repr(s), ' '.join(repr(round(v, 1)) for v in p)))
    return d, n_gt, sum(len(v) for v in dets.values())


def make_xview(n_chips, max_objects, seed=12):
    rng = random.Random(seed)
    score = Scores(rng)
    d = os.path.join(OUT, 'xview')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, 'pred'))
    feats, n_det = [], 0
    for k in range(n_chips):
        chip = '%d.tif' % (100 + 7 * k)
        gts = []
        for _ in range(rng.randint(5, max_objects)):
            c = rng.choice(XVIEW_CLASSES)
            size = rng.choice([5, 10, 20, 40, 90, 200])
            w, h = int(size * rng.uniform(0.6, 1.6)) + 1, int(size * rng.uniform(0.6, 1.6)) + 1
            x, y = rng.randint(0, 3000), rng.randint(0, 3000)
            gts.append((c, (x, y, x + w, y + h)))
            feats.append({'type': 'Feature', 'properties': {'image_id': chip, 'type_id': c,
                          'bounds_imcoords': '%d,%d,%d,%d' % (x, y, x + w, y + h)},
                          'geometry': {'type': 'Point', 'coordinates': [0, 0]}})
        if k % 50 == 7:
            continue  # a chip without a prediction file
        lines = []
        for c, (x0, y0, x1, y1) in gts:
            for _ in range(rng.choice([0, 1, 1, 2])):
                j = rng.choice([0.03, 0.1, 0.3])
                w, h = x1 - x0, y1 - y0
                dc = c if rng.random() < 0.85 else rng.choice(XVIEW_CLASSES)
                bx0, by0 = max(0.0, round(x0 + rng.gauss(0, j * w), 1)), max(0.0, round(y0 + rng.gauss(0, j * h), 1))
                lines.append('%s %s %s %s %d %s' % (bx0, by0, round(bx0 + w * (1 + rng.gauss(0, j)), 1),
                                                      round(by0 + h * (1 + rng.gauss(0, j)), 1), dc, score()))
        for _ in range(rng.randint(0, 10)):
            x, y = rng.randint(0, 3000), rng.randint(0, 3000)
            lines.append('%d %d %d %d %d %s' % (x, y, x + rng.randint(3, 80), y + rng.randint(3, 80),
                                                rng.choice(XVIEW_CLASSES), score()))
        rng.shuffle(lines)
        n_det += len(lines)
        with open(os.path.join(d, 'pred', chip + '.txt'), 'w') as f:
            f.write(''.join(l + '\n' for l in lines))
    with open(os.path.join(d, 'gt.geojson'), 'w') as f:
        json.dump({'type': 'FeatureCollection', 'features': feats}, f)
    return d, len(feats), n_det


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    c, t = cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t, cpu() - c


def side_by_side(runs, ref_cmd, seamline_cmd):
    tr, cr, ts, cs = [], [], [], []
    for _ in range(runs):
        w, c = timed(ref_cmd)
        tr.append(w); cr.append(c)
        w, c = timed(seamline_cmd)
        ts.append(w); cs.append(c)
    return tr, cr, ts, cs


def report(name, ref_name, tr, cr, ts, cs, inner_ref, inner_seamline):
    print('%s: %s best %.2f s of %s (in-process %.2f s, CPU %.2f s)' % (name, ref_name, min(tr), ['%.2f' % x for x in tr],
                                                                       inner_ref, min(cr)))
    print('%s: seamline best %.2f s of %s (JVM start included; in-process %s, CPU %.2f s)'
          % (name, min(ts), ['%.2f' % x for x in ts], inner_seamline, min(cs)))
    print('%s: ratio seamline/%s wall %.3f (%.1fx faster), CPU %.3f (%.1fx)'
          % (name, ref_name, min(ts) / min(tr), min(tr) / min(ts), min(cs) / min(cr), min(cr) / min(cs)))


def in_process(stderr_file):
    """Seamline's own in-process time, from the line `eval --verbose` prints on standard error."""
    for line in open(stderr_file):
        if line.startswith('seamline eval: '):
            return line.strip()[len('seamline eval: '):]
    return '?'


def run_dota(a, seamline):
    d, n_gt, n_det = make_dota(a.dota_images, a.dota_objects)
    out_ref, out_s = os.path.join(OUT, 'devkit.json'), os.path.join(OUT, 'seamline-dota.json')
    ref = [sys.executable, '-c', DEVKIT_SCRIPT, d, out_ref]
    sl = seamline + ['eval', '--metric', 'dota-task1', '--gt', os.path.join(d, 'labelTxt'), '--pred', os.path.join(d, 'det'),
                     '--imageset', os.path.join(d, 'imageset.txt'), '--classes', os.path.join(d, 'classes.txt'),
                     '--json', out_s]
    subprocess.run(sl, check=True, stdout=subprocess.DEVNULL)  # warm-up: builds the launcher's class archive once
    tr, cr, ts, cs = side_by_side(a.runs, ref, sl)
    with open(os.path.join(OUT, 'seamline-dota.err'), 'w') as err:
        subprocess.run(sl + ['--verbose'], check=True, stdout=subprocess.DEVNULL, stderr=err)
    r, s = json.load(open(out_ref)), json.load(open(out_s))
    diff = max([abs(r['mAP'] - s['mAP'])] + [abs(r['per_class_AP'][c] - s['per_class_AP'][c]) for c in DOTA_CLASSES])
    print('DOTA task1: %d images, %d GT, %d detections, 15 classes' % (a.dota_images, n_gt, n_det))
    report('DOTA task1', 'devkit', tr, cr, ts, cs, r['inner_s'], in_process(os.path.join(OUT, 'seamline-dota.err')))
    print('DOTA task1: mAP %.6f; max |AP difference| over mAP and 15 classes: %.3g (%s)'
          % (s['mAP'], diff, 'equal to 1e-9' if diff <= 1e-9 else 'DIFFERENT'))


def run_xview(a, seamline):
    d, n_gt, n_det = make_xview(a.xview_chips, a.xview_objects)
    out_ref, out_s = os.path.join(OUT, 'xview-scorer'), os.path.join(OUT, 'seamline-xview.json')
    os.makedirs(out_ref, exist_ok=True)
    ref = [sys.executable, '-c', XVIEW_SCRIPT, os.path.join(d, 'pred') + '/', os.path.join(d, 'gt.geojson'), out_ref]
    sl = seamline + ['eval', '--metric', 'xview', '--gt', os.path.join(d, 'gt.geojson'), '--pred', os.path.join(d, 'pred'),
                     '--json', out_s]
    subprocess.run(sl, check=True, stdout=subprocess.DEVNULL)
    tr, cr, ts, cs = side_by_side(a.runs, ref, sl)
    with open(os.path.join(OUT, 'seamline-xview.err'), 'w') as err:
        subprocess.run(sl + ['--verbose'], check=True, stdout=subprocess.DEVNULL, stderr=err)
    s = json.load(open(out_s))
    diff8 = abs(float(open(os.path.join(out_ref, 'score.txt')).read()) - s['map'])
    diff6 = 0.0
    for line in open(os.path.join(out_ref, 'metrics.txt')):
        k, v = line.split()
        mine = s[k] if k in s else s['per_class_AP'][k]
        if v == 'nan':
            diff6 = max(diff6, 0.0 if mine is None else 1.0)
        else:
            diff6 = max(diff6, abs(float(v) - mine))
    print('xView: %d chips, %d GT, %d detections, %d type ids' % (a.xview_chips, n_gt, n_det, len(XVIEW_CLASSES)))
    report('xView', 'score.py', tr, cr, ts, cs, float(open(os.path.join(out_ref, 'inner_s.txt')).read()),
           in_process(os.path.join(OUT, 'seamline-xview.err')))
    ok = diff8 <= 5e-9 and diff6 <= 5e-7
    print('xView: mAP %.8f; |mAP - score.txt| %.3g, max |value - metrics.txt| %.3g (%s)'
          % (s['map'], diff8, diff6, 'equal to the printed digits' if ok else 'DIFFERENT'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--dota-images', type=int, default=300)
    ap.add_argument('--dota-objects', type=int, default=95, help='at most this many objects per image (5 at least)')
    ap.add_argument('--xview-chips', type=int, default=300)
    ap.add_argument('--xview-objects', type=int, default=120, help='at most this many objects per chip (5 at least)')
    ap.add_argument('--only', choices=['dota', 'xview'])
    a = ap.parse_args()
    seamline = [os.environ.get('SEAMLINE', './seamline')]
    with open('/proc/loadavg') as f:
        print('load average at start: ' + ' '.join(f.read().split()[:3]))
    if a.only != 'xview':
        run_dota(a, seamline)
    if a.only != 'dota':
        run_xview(a, seamline)
    with open('/proc/loadavg') as f:
        print('load average at end: ' + ' '.join(f.read().split()[:3]))


if __name__ == '__main__':
    main()
