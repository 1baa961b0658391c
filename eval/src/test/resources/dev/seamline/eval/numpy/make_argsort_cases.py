"""Records numpy's default argsort (kind 'quicksort', float64) on tie-heavy arrays, for NumpySortTest.

    /usr/bin/python3 make_argsort_cases.py      (numpy 1.24.2 here)

Writes argsort_cases.json: a list of {"values": [...], "argsort": [...]}: sizes 0 to 257 and one of 2000 (the
insertion-sort limit 16/17 and partition sizes around it included), few distinct values (many
ties), negated scores as the DOTA devkit sorts them, and NaN. Deterministic (fixed seed).
"""
import json, os, random
import numpy as np

rng = random.Random(3)
cases = []
sizes = [0, 1, 2, 3, 15, 16, 17, 18, 19, 33, 34, 50, 100, 257]
for n in sizes:
    for levels in (1, 2, 3, 7, 1000):
        v = [-round(rng.randint(0, levels) / levels, 4) for _ in range(n)]
        cases.append(v)
for _ in range(40):
    n = rng.randint(17, 120)
    cases.append([round(rng.choice([0.1, 0.5, 0.9, rng.random()]), 3) for _ in range(n)])
cases.append([1.0, float('nan'), 0.5, 0.5, float('nan'), 0.0] * 5)
cases.append([-round(rng.randint(0, 3) / 3, 4) for _ in range(2000)])
out = []
for v in cases:
    a = np.array(v, dtype=np.float64)
    out.append({'values': [None if x != x else x for x in v], 'argsort': [int(i) for i in np.argsort(a)]})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'argsort_cases.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print(len(out), 'cases, numpy', np.__version__)
