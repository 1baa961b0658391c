#!/usr/bin/env bash
# gpu_check.sh: what a GPU machine gives Seamline, in one prepared run that builds nothing there.
#
#   bench/gpu_check.sh [--cpu] [--scene SCENE] [--tiles N]
#
# Runs the distribution already built (cli/target/seamline/lib, carried with the tree; Maven is never
# called) with the java on PATH:
#   1. `bench detect --null-model` (zero-cost model: the detector's CPU-side ceiling) and the built-in
#      network (fresh weights, the cost of trained ones) at batch 1, 8 and 32, each with the float32
#      input path and the uint8 path (8-bit samples cross, normalised on the device);
#   2. `bench detect --null-model --scene SCENE` (a synthetic 6,000² scene made here unless given): the
#      whole pipeline's ceiling against `bench read` on the same windows and threads.
# Prints per row: tiles/s, the GPU share (forward / (forward + preprocess + decode)), nvidia-smi's mean
# utilisation while it ran (GPU mode), and the CPU-side ceiling. --cpu: the same on the CPU (the
# fallback that runs anywhere; fewer tiles). GPU mode needs PyTorch's CUDA natives for DJL 0.36 (libtorch
# 2.7.1 + cu12x, PYTORCH_LIBRARY_PATH, PYTORCH_VERSION=2.7.1, PYTORCH_FLAVOR=cu124 or cu128): see
# docs/usage.md, "GPU"; it fails with one line when PyTorch sees no GPU.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
lib=$root/cli/target/seamline/lib
device=gpu; scene=; tiles=
while [ $# -gt 0 ]; do
  case $1 in
    --cpu) device=cpu ;;
    --scene) scene=$2; shift ;;
    --tiles) tiles=$2; shift ;;
    *) echo "gpu_check.sh: unknown argument $1 (see the header of this script)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$tiles" ] || { [ $device = gpu ] && tiles=256 || tiles=32; }
ls "$lib"/seamline-cli-*.jar >/dev/null 2>&1 || {
  echo "gpu_check.sh: no distribution in $lib: build it where Maven is (mvn -B -q -DskipTests -pl cli -am package) and carry it" >&2
  exit 2; }
command -v java >/dev/null || { echo "gpu_check.sh: no java on PATH (Java 17+ is needed)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "gpu_check.sh: python3 is needed to read the JSON lines" >&2; exit 2; }
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
work=$(mktemp -d); trap 'kill ${smi:-} 2>/dev/null || true; rm -rf "$work"' EXIT
seamline() { java -Djava.awt.headless=true -Xmx4g -cp "$lib/*" dev.seamline.cli.Main "$@" 2>>"$work/log"; }
smi() { # mean GPU utilisation (%) while "$@" runs, into $work/util
  if [ $device = gpu ] && command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits -lms 200 > "$work/smi" 2>/dev/null & smi=$!
    "$@"; kill $smi 2>/dev/null || true; wait $smi 2>/dev/null || true; smi=
    awk '{s+=$1; n++} END {if (n) printf "%.0f", s/n; else printf "n/a"}' "$work/smi" > "$work/util"
  else "$@"; echo n/a > "$work/util"; fi
}
echo "# gpu_check: device $device, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
[ $device = gpu ] && command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
printf '%-12s %-8s %5s %10s %10s %9s %9s %9s\n' model transfer batch tiles/s fwd_ms/t prep_ms/t gpu_share gpu_util%
for model in null builtin; do
  for transfer in float32 uint8; do
    args=(bench detect --device $device --batch 1,8,32 --tiles "$tiles" --input-transfer $transfer)
    [ $model = null ] && args+=(--null-model)
    if ! smi seamline "${args[@]}" > "$work/rows"; then
      echo "gpu_check.sh: bench detect failed ($model, $transfer): $(grep -v INFO "$work/log" | tail -n 1)" >&2; exit 1
    fi
    python3 - "$model" "$transfer" "$(cat "$work/util")" "$work/rows" <<'PY'
import json, sys
model, transfer, util, rows = sys.argv[1:5]
for line in open(rows):
    r = json.loads(line)
    fwd, pre, dec = r['forwardMsPerTile'], r['preprocessMsPerTile'], r['decodeMsPerTile']
    share = fwd / (fwd + pre + dec) if fwd + pre + dec > 0 else 0
    print(f"{model:<12} {transfer:<8} {r['batch']:>5} {r['tilesPerSecond']:>10.1f} {fwd:>10.3f} {pre:>9.3f} {share:>9.2f} {util:>9}")
PY
  done
done
if [ -z "$scene" ]; then
  seamline synth --out "$work/s6k" --width 6000 --height 6000 --seed 7 > /dev/null
  scene=$work/s6k/scene.tif
fi
echo "# CPU-side ceiling: the whole pipeline with the zero-cost model against bench read (same windows, 2 threads)"
for transfer in float32 uint8; do
  seamline bench detect --null-model --scene "$scene" --device $device --threads 2 --runs 3 --input-transfer $transfer \
    | tail -n 1 | python3 -c 'import json, sys; r = json.load(sys.stdin); print("pipeline ceiling (%s): %.1f tiles/s (stream %.1f), bench read %.1f tiles/s, ratio %.3f (stream %.3f), load %s" % (r["input"], r["medianPipelineTilesPerSecond"], r["medianStreamTilesPerSecond"], r["medianReadTilesPerSecond"], r["ratio"], r["streamRatio"], r["loadAfter"]))'
done
