#!/usr/bin/env bash
# Issue 18 point 1: one tile stream across a run's scenes against one scene at a time (detect
# --one-scene-at-a-time, the baseline), side by side in one run, alternating, ROUNDS rounds: 64 scenes of
# 512² at batch 8 (one tile each) and 16 scenes of 1,024² at overlap 128 (9 tiles each), the built-in
# model on the CPU, the default formats and a quicklook. Prints one line per run (tiles/s over run.json's
# whole-run seconds, model loading included; the run's batches and batch fill) and the load average.
#
#   pipeline/bench/stream_bench.sh WORK_DIR [ROUNDS]
set -euo pipefail
work=$1; rounds=${2:-2}
tree=$(cd "$(dirname "$0")/../.." && pwd)
sl=$tree/seamline
mkdir -p "$work/out"
scenes() { # scenes DIR COUNT SIDE SEED: COUNT scenes from 4 synthetic ones of SEED.. (copies under other names)
  local dir=$1 n=$2 side=$3 seed=$4 i
  [ -f "$dir/s$(printf %02d $((n - 1))).tif" ] && return
  mkdir -p "$dir"
  for i in 0 1 2 3; do
    "$sl" synth --out "$dir/src$i" --width "$side" --height "$side" --seed $((seed + i)) > /dev/null
  done
  for i in $(seq 0 $((n - 1))); do cp "$dir/src$((i % 4))/scene.tif" "$dir/s$(printf %02d "$i").tif"; done
}
scenes "$work/s512" 64 512 1800
scenes "$work/s1024" 16 1024 1900
echo "load before: $(cat /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for set in s512 s1024; do
    for mode in stream one; do
      out=$work/out/$set-$mode-$r; rm -rf "$out"
      flag=(); [ $mode = one ] && flag=(--one-scene-at-a-time)
      "$sl" detect "$work/$set"/s*.tif --out "$out" --batch 8 --overlap 128 --quicklook "${flag[@]}" \
        > "$out.log" 2>&1
      python3 - "$out/run.json" "$set" "$mode" "$r" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
tiles = sum(s['tiles'] for s in j['scenes'])
print(f"round {sys.argv[4]} {sys.argv[2]:5} {sys.argv[3]:6} scenes {len(j['scenes'])} tiles {tiles} "
      f"seconds {j['seconds']:.2f} tiles/s {tiles / j['seconds']:.2f} batches {j['batches']} "
      f"batch_fill {j['batch_fill']:.3f}")
PY
    done
  done
done
echo "load after: $(cat /proc/loadavg)"
