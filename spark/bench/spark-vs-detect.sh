#!/usr/bin/env bash
# The Spark job against detect on one machine, side by side in one run (docs/benchmarks.md, "Seamline on Spark").
#   spark/bench/spark-vs-detect.sh DIR   DIR: where the scenes are made (8 x 2048^2 and one 8192^2) and the outputs go
# detect: PyTorch threads 2; spark: local[2], one PyTorch thread per task (spark.task.cpus = 1), --bands auto
# (the built-in model's 512-px tiles overlap by 305: the 8192^2 scene's 1,521 tiles make 4 bands of at most 400
# tiles, each 2048^2 scene's 81 one). Builds first (the distribution and Spark's jars), outside the timings.
# Prints wall times, the job's own numbers, the load average before and after, and whether the outputs are identical.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:?usage: spark-vs-detect.sh DIR}
mkdir -p "$dir"
for i in 1 2 3 4 5 6 7 8; do
  [ -f "$dir/scene$i.tif" ] || { "$root/seamline" synth --width 2048 --height 2048 --seed "$i" --out "$dir/s$i" >/dev/null; mv "$dir/s$i/scene.tif" "$dir/scene$i.tif"; }
done
[ -f "$dir/big.tif" ] || { "$root/seamline" synth --width 8192 --height 8192 --seed 99 --out "$dir/big" >/dev/null; mv "$dir/big/scene.tif" "$dir/big.tif"; }
scenes=("$dir"/scene?.tif "$dir/big.tif")
rm -rf "$dir/out-detect" "$dir/out-spark"
"$root/seamline" --version >/dev/null   # builds first, outside the timings
"$root/seamline" spark --help >/dev/null 2>&1 || true  # and fetches Spark's jars on a first spark run
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
SEAMLINE_JAVA_OPTS=-Dai.djl.pytorch.num_threads=2 "$root/seamline" detect "${scenes[@]}" --out "$dir/out-detect" \
  --threads 2 --no-quicklook 2>&1 | grep -v ' INFO ' | tail -n 2
t1=$(date +%s.%N)
"$root/seamline" spark "${scenes[@]}" --out "$dir/out-spark" --master 'local[2]' --threads 1 2>&1 \
  | awk '/INFO SparkDetect: planned/ || !/ (INFO|WARN) /' | tail -n 4
t2=$(date +%s.%N)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$t0" "$t1" "$t2" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:])
d, s = t1 - t0, t2 - t1
print(f"wall: detect {d:.1f} s, spark {s:.1f} s, ratio detect/spark {d / s:.3f}")
PY
# 1 against 2 PyTorch threads moves boxes by ~1e-6 px, so the bytes differ; the detections' count must not
same=yes
for f in "$dir"/out-detect/*.{geojson,csv,coco.json}; do
  cmp -s "$f" "$dir/out-spark/$(basename "$f")" || same=no
done
echo "geojson/csv/coco byte-identical: $same (expected only with equal thread counts)"
echo "csv lines: detect $(cat "$dir"/out-detect/*.csv | wc -l), spark $(cat "$dir"/out-spark/*.csv | wc -l)"
