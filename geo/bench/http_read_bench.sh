#!/bin/bash
# Side-by-side read benchmark of a COG over loopback HTTP (issue 16): `seamline bench read` of the file on
# disk, of its URL, and GDAL's gdal_read_bench.py of /vsicurl/URL (and of the file), alternating, all from
# one loopback range server (testkit's RangeServer), which counts the requests and body bytes each reader
# makes. Same 1024-px windows with 128-px overlap; equal checksums mean equal pixels.
#
#   geo/bench/http_read_bench.sh COG.tif [RUNS=3] [THREADS=all cores]
#
# Make the COG first (not committed; about 1 GB):
#   /usr/bin/python3 geo/bench/make_bench_scene.py /tmp/http-bench20k.tif 20000
#   gdal_translate -of COG -co COMPRESS=DEFLATE -co NUM_THREADS=2 /tmp/http-bench20k.tif /tmp/http-cog20k.tif
# Needs the testkit's classes (any `mvn -pl cli -am test-compile` builds them) and ./seamline's build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scene=$1; runs=${2:-3}; threads=${3:-$(nproc)}
gdal_tool=${GDAL_READ_BENCH:-$root/../shared/tools/gdal_read_bench.py}
seamline=${SEAMLINE:-$root/seamline}
port=${PORT:-18765}
[ -d "$root/testkit/target/classes/dev/seamline/testkit" ] || { echo "build testkit first" >&2; exit 1; }
java -cp "$root/testkit/target/classes" dev.seamline.testkit.RangeServer "$scene" "$port" > /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/$(basename "$scene")"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/stats" > /dev/null && break; sleep 0.2; done
stats() { curl -sf "http://127.0.0.1:$port/stats" | sed -E 's/.*"requests": ([0-9]+), "bytes": ([0-9]+).*/\1 \2/'; }
"$seamline" --version > /dev/null   # builds the distribution outside the timed runs
export GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR   # /vsicurl/ would otherwise list the folder first
log=$(mktemp)
for i in $(seq "$runs"); do
  for who in seamline-file seamline-http gdal-vsicurl gdal-file; do
    case $who in
      seamline-file) cmd="$seamline bench read $scene --threads $threads" ;;
      seamline-http) cmd="$seamline bench read $url --threads $threads" ;;
      gdal-vsicurl) cmd="/usr/bin/python3 $gdal_tool /vsicurl/$url --threads $threads" ;;
      gdal-file) cmd="/usr/bin/python3 $gdal_tool $scene --threads $threads" ;;
    esac
    read -r r0 b0 < <(stats)
    out=$( { /usr/bin/time -f "user=%U sys=%S wall=%e rssKB=%M" bash -c "$cmd"; } 2>&1 )
    read -r r1 b1 < <(stats)
    served=""
    case $who in *http|*vsicurl) served="served: requests=$((r1 - r0)) bytes=$((b1 - b0)) " ;; esac
    line="$who run $i, load $(cut -d' ' -f1-3 /proc/loadavg): $served$(echo "$out" | tr '\n' ' ')"
    echo "$line"
    echo "$line" >> "$log"
  done
done
median() { grep "^$1 " "$log" | sed -E 's/.*"seconds": ([0-9.]+).*/\1/' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median read seconds: seamline file $(median seamline-file), seamline http $(median seamline-http), gdal /vsicurl/ $(median gdal-vsicurl), gdal file $(median gdal-file)"
echo "file size: $(stat -c %s "$scene") bytes"
rm -f "$log"
