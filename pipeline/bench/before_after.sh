#!/usr/bin/env bash
# Same speed? Runs `bench merge` (twice each side), geo/bench/read_bench.sh (3 runs, 2 threads) and
# `bench detect --scene` (3 runs) with two builds, alternating sides, into OUT/{merge,read,detect}.log.
#
#   pipeline/bench/before_after.sh BEFORE_TREE AFTER_TREE SCENE.tif OUT
#   (a tree is a checkout whose ./seamline runs that build; e.g. git worktree add /tmp/before REV)
set -uo pipefail
b=$1; a=$2; scene=$3; out=$4; mkdir -p "$out"
here=$(cd "$(dirname "$0")/../.." && pwd)
for round in 1 2; do
  for side in before after; do
    t=$b; [ $side = after ] && t=$a
    echo "== round $round $side merge load $(cut -d' ' -f1 /proc/loadavg)" >> "$out/merge.log"
    "$t/seamline" bench merge >> "$out/merge.log" 2>&1
  done
done
for side in before after; do
  t=$b; [ $side = after ] && t=$a
  echo "== $side read" >> "$out/read.log"
  SEAMLINE="$t/seamline" "$here/geo/bench/read_bench.sh" "$scene" 3 2 >> "$out/read.log" 2>&1
done
for side in before after; do
  t=$b; [ $side = after ] && t=$a
  echo "== $side detect load $(cut -d' ' -f1 /proc/loadavg)" >> "$out/detect.log"
  "$t/seamline" bench detect --scene "$scene" --runs 3 >> "$out/detect.log" 2>&1
done
