"""Builds the xView parity case sets and records the official scorer's numbers for each.

Needs DIUx-xView/baseline's scoring/ folder (score.py, matching.py, rectangle.py), run unmodified:
    XVIEW_SCORING=/tmp/evalref/xview/scoring /usr/bin/python3 make_xview_cases.py
tqdm is not installed for Debian's python, so a pass-through stand-in module is registered under that
name (it only draws progress bars). score() keeps its numbers in locals and writes them rounded to 6
decimals, so this script reads them at full precision from score()'s frame as it returns
(sys.setprofile), untouched. Each case folder gets gt.geojson, pred/<chip>.txt and expected.json
(the official numbers, recall quirk included). The corrected recall has no official reference; it is
tested against hand-computed numbers in XviewQuirksTest. Scores are distinct except in score_ties,
where numpy's quicksort order decides among equal scores (Seamline reproduces it).
Deterministic (fixed seeds).
"""
import contextlib, io, json, os, random, sys, types
import numpy as np
np.bool = bool
np.float = float
tq = types.ModuleType('tqdm')
tq.tqdm = lambda x, *a, **k: x
sys.modules['tqdm'] = tq
sys.path.insert(0, os.environ.get('XVIEW_SCORING', '/tmp/evalref/xview/scoring'))
import score as xscore

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = [11, 13, 17, 18, 23, 47, 73, 75, 91]  # 75 is ignored by the scorer


def make_case(seed, n_chips, name, empty_file=True, zero_scores=True, tie_levels=None):
    rng = random.Random(seed)
    d = os.path.join(HERE, name)
    os.makedirs(os.path.join(d, 'pred'), exist_ok=True)
    chips = ['%d.tif' % (100 + 13 * i) for i in range(n_chips)]
    feats, used = [], set()

    def score():
        if tie_levels:  # many equal scores: numpy's quicksort order decides, per chip and pooled
            return round(rng.randint(1, tie_levels) / tie_levels, 3)
        while True:
            s = round(rng.uniform(0.01, 0.99), 6)
            if s not in used:
                used.add(s)
                return s

    for k, chip in enumerate(chips):
        gts = []
        for _ in range(rng.randint(0, 12)):
            c = rng.choice(CLASSES[:-1])  # class 91 has no GT; it only gets detections
            size = rng.choice([4, 10, 25, 60, 150])
            w, h = int(size * rng.uniform(0.6, 1.6)) + 1, int(size * rng.uniform(0.6, 1.6)) + 1
            x, y = rng.randint(0, 800), rng.randint(0, 800)
            gts.append((c, (x, y, x + w, y + h)))
            feats.append({'type': 'Feature', 'properties': {'image_id': chip, 'type_id': c,
                          'bounds_imcoords': '%d,%d,%d,%d' % (x, y, x + w, y + h)},
                          'geometry': {'type': 'Point', 'coordinates': [0, 0]}})
        if k == 0:
            continue  # no prediction file for this chip: its GT never counts (the recall quirk)
        lines = []
        if not (empty_file and k == 1):
            for c, (x0, y0, x1, y1) in gts:
                for _ in range(rng.choice([0, 1, 1, 2])):
                    j = rng.choice([0.03, 0.1, 0.3])
                    w, h = x1 - x0, y1 - y0
                    dc = c if rng.random() < 0.85 else rng.choice(CLASSES)
                    bx0 = max(0.0, round(x0 + rng.gauss(0, j * w), 1))
                    by0 = max(0.0, round(y0 + rng.gauss(0, j * h), 1))
                    lines.append('%s %s %s %s %d %s' % (bx0, by0, round(bx0 + w * (1 + rng.gauss(0, j)), 1),
                                                          round(by0 + h * (1 + rng.gauss(0, j)), 1), dc, score()))
            for _ in range(rng.randint(0, 4)):
                x, y = rng.randint(0, 900), rng.randint(0, 900)
                lines.append('%d %d %d %d %d %s' % (x, y, x + rng.randint(3, 80), y + rng.randint(3, 80),
                                                    rng.choice(CLASSES + [99]), score()))
            if zero_scores and k % 3 == 0:
                lines.append('10 10 20 20 %d 0' % CLASSES[0])  # score 0 is dropped
            rng.shuffle(lines)
        with open(os.path.join(d, 'pred', chip + '.txt'), 'w') as f:
            f.write(''.join(l + '\n' for l in lines))
    with open(os.path.join(d, 'gt.geojson'), 'w') as f:
        json.dump({'type': 'FeatureCollection', 'features': feats}, f)
    captured = {}

    def prof(frame, event, arg):
        if event == 'return' and frame.f_code is xscore.score.__code__:
            captured['vals'] = dict(frame.f_locals['vals'])
            captured['num_gt'] = frame.f_locals['num_gt_per_cls'].copy()
            captured['gt_unique'] = list(frame.f_locals['gt_unique'])

    outdir = '/tmp/xview_score_out'
    os.makedirs(outdir, exist_ok=True)
    sys.setprofile(prof)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            xscore.score(os.path.join(d, 'pred') + '/', os.path.join(d, 'gt.geojson'), outdir)
    finally:
        sys.setprofile(None)
    v = captured['vals']

    def f(x):
        x = float(x)
        return None if np.isnan(x) else x

    out = {k: f(v[k]) for k in ['map', 'map_score', 'mar_score', 'f1', 'map/small', 'map/medium', 'map/large',
                                'map/common', 'map/rare']}
    out['per_class_AP'] = {str(int(i)): f(v[int(i)]) for i in captured['gt_unique']}
    out['per_class_num_gt_counted'] = {str(int(i)): int(captured['num_gt'][int(i)]) for i in captured['gt_unique']}
    with open(os.path.join(d, 'expected.json'), 'w') as fh:
        json.dump(out, fh, indent=1)
    print(name, out['map'], out['f1'])


if __name__ == '__main__':
    make_case(21, 30, 'chips_mixed')
    make_case(22, 12, 'few_chips', empty_file=False)
    make_case(23, 30, 'score_ties', tie_levels=4)
