#!/bin/bash
# Side-by-side windowed-read benchmark: `seamline bench read` against GDAL (shared/tools/gdal_read_bench.py)
# on the same scene, same 1024-px windows with 128-px overlap, alternating, with /usr/bin/time for CPU and
# peak RSS, then the median read time of each and their ratio. Equal checksums mean equal pixels.
#
#   geo/bench/read_bench.sh SCENE.tif [RUNS=3] [THREADS=all cores]
#   SEAMLINE="java -Djava.awt.headless=true -Xmx2g -cp 'cli/target-NAME/seamline/lib/*' dev.seamline.cli.Main" \
#     geo/bench/read_bench.sh ...      (what ./seamline runs, from a build in another folder)
#
#   SEAMLINE_B="java ... -cp 'OTHER/lib/*' dev.seamline.cli.Main" geo/bench/read_bench.sh ...
#     a second Seamline build (before/after a change) alternates with the other two ("seamline_b" lines)
#
# Make the scene first: /usr/bin/python3 geo/bench/make_bench_scene.py /tmp/bench20k.tif 20000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scene=$1; runs=${2:-3}; threads=${3:-$(nproc)}
gdal_tool=${GDAL_READ_BENCH:-$root/../shared/tools/gdal_read_bench.py}
seamline=${SEAMLINE:-$root/seamline}
log=$(mktemp)
for i in $(seq "$runs"); do
  for who in gdal seamline ${SEAMLINE_B:+seamline_b}; do
    if [ $who = gdal ]; then cmd="/usr/bin/python3 $gdal_tool $scene --threads $threads"
    elif [ $who = seamline_b ]; then cmd="$SEAMLINE_B bench read $scene --threads $threads"
    else cmd="$seamline bench read $scene --threads $threads"; fi
    out=$( { /usr/bin/time -f "user=%U sys=%S wall=%e rssKB=%M" bash -c "$cmd"; } 2>&1 )
    line="$who run $i, load $(cut -d' ' -f1-3 /proc/loadavg): $(echo "$out" | tr '\n' ' ')"
    echo "$line"
    echo "$line" >> "$log"
  done
done
median() { grep "^$1 " "$log" | sed -E 's/.*"seconds": ([0-9.]+).*/\1/' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
g=$(median gdal); s=$(median seamline)
echo "median read seconds: seamline $s, gdal $g, ratio $(awk -v s="$s" -v g="$g" 'BEGIN {printf "%.3f", s/g}')"
if [ -n "${SEAMLINE_B:-}" ]; then
  b=$(median seamline_b)
  echo "median read seconds: seamline_b $b, ratio to gdal $(awk -v s="$b" -v g="$g" 'BEGIN {printf "%.3f", s/g}')"
fi
rm -f "$log"
