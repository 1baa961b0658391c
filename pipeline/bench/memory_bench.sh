#!/bin/bash
# Memory benchmark of `seamline detect`: does the heap stay flat as the scene grows? Runs detect on a
# small and a large scene under the same heap cap, with every output (GeoJSON, GeoPackage, CSV, COCO,
# xView, DOTA, quicklook), and prints for each the peak live heap, the peak heap after any collection
# and the peak resident memory, then the large/small ratios.
#
#   pipeline/bench/memory_bench.sh SMALL.tif LARGE.tif [OUT_ROOT=/tmp/seamline-membench] [SAMPLE_S=10]
#
# Scenes as measured in docs/benchmarks.md (both made by Seamline's own generator):
#   ./seamline synth --out /tmp/mem/s10k --width 10000 --height 10000 --seed 10
#   SEAMLINE_JAVA_OPTS=-Xmx1g ./seamline synth --out /tmp/mem/s40k --width 40000 --height 40000 --seed 40
#
# The measures, the same for both scenes:
#   peak live heap   every SAMPLE_S seconds the script asks the JVM for a full collection
#                    (`jcmd PID GC.run`: a stop-the-world, compacting G1 full GC);
#                    the heap occupied after it is exactly what was reachable at that moment. The peak
#                    is the largest of these samples ("Pause Full (Diagnostic Command) A->B(C)" lines of the
#                    GC log: B). The median of the samples is printed too.
#   after any GC     the largest heap occupancy after any collection of the run (young, mixed, full);
#                    it includes old-generation garbage not yet collected, so it depends on when G1
#                    chooses to collect, not only on what the program holds.
#   peak RSS         `/usr/bin/time -v` "Maximum resident set size" of the whole process (heap,
#                    DJL/PyTorch native memory, SQLite's page cache, thread stacks, code).
#
#   SEAMLINE_LIB   folder of the distribution's jars (default: cli/target/seamline/lib)
#   HEAP           heap cap (default: 1g)
#   FORMATS        formats to write (default: geojson,gpkg,csv,coco,xview,dota)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
small=$1; large=$2; out_root=${3:-/tmp/seamline-membench}; sample_s=${4:-10}
lib=${SEAMLINE_LIB:-$root/cli/target/seamline/lib}
heap=${HEAP:-1g}
formats=${FORMATS:-geojson,gpkg,csv,coco,xview,dota}
command -v jcmd >/dev/null || { echo "memory_bench: jcmd (the JDK's) is needed" >&2; exit 1; }
ls "$lib"/seamline-pipeline-*.jar >/dev/null 2>&1 || { echo "memory_bench: no distribution in $lib (build it: mvn -B -q -DskipTests -pl cli -am package)" >&2; exit 1; }
mkdir -p "$out_root"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" # as the launcher: libgomp's spin-waiting starves the other threads

# MiB from a G1 log size such as 312M, 1024K or 1G
mib() { awk -v s="$1" 'BEGIN { u = substr(s, length(s)); v = substr(s, 1, length(s) - 1);
  if (u == "K") v /= 1024; else if (u == "G") v *= 1024; else if (u == "B") v /= 1048576; printf "%.1f", v }'; }

run_one() { # name scene
  local name=$1 scene=$2 dir=$out_root/$1
  rm -rf "$dir" "$out_root/$name".gc.log "$out_root/$name".time
  mkdir -p "$dir"
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v -o "$out_root/$name.time" java -Djava.awt.headless=true "-Xmx$heap" \
      "-Xlog:gc:file=$out_root/$name.gc.log:uptime" -cp "$lib/*" dev.seamline.cli.Main \
      detect "$scene" --out "$dir" --format "$formats" --quicklook >"$out_root/$name.stdout" 2>"$out_root/$name.stderr" &
  local tpid=$! jpid=""
  for _ in $(seq 100); do jpid=$(pgrep -P "$tpid" java || true); [ -n "$jpid" ] && break; sleep 0.1; done
  while kill -0 "$tpid" 2>/dev/null; do
    sleep "$sample_s"
    [ -n "$jpid" ] && jcmd "$jpid" GC.run >/dev/null 2>&1 || true
  done
  local rc=0; wait "$tpid" || rc=$?
  local load1; load1=$(cut -d' ' -f1-3 /proc/loadavg)
  if [ "$rc" -ne 0 ]; then
    echo "memory_bench: detect on $scene failed (exit $rc); last lines of its stderr:" >&2
    tail -n 20 "$out_root/$name.stderr" >&2
    exit 1
  fi
  local log=$out_root/$name.gc.log
  local full peak median any rss wall samples tiles
  full=$(grep -o 'Pause Full (Diagnostic Command) [0-9]*[KMG]->[0-9]*[KMG]' "$log" | sed 's/.*->//' || true)
  samples=$(echo "$full" | grep -c . || true)
  peak=0; median=0
  if [ "$samples" -gt 0 ]; then
    peak=$(for s in $full; do mib "$s"; echo; done | sort -g | tail -n 1)
    median=$(for s in $full; do mib "$s"; echo; done | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  fi
  any=$(for s in $(grep -o 'Pause [^)]*) [0-9]*[KMG]->[0-9]*[KMG]' "$log" | sed 's/.*->//'); do mib "$s"; echo; done | sort -g | tail -n 1)
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out_root/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$out_root/$name.time")
  tiles=$(grep -o '"tiles" *: *[0-9]*' "$dir/run.json" | head -n 1 | grep -o '[0-9]*$' || echo "?")
  printf '%-6s %-34s tiles %-6s wall %-9s load %s -> %s\n' "$name" "$(basename "$(dirname "$scene")")/$(basename "$scene")" "$tiles" "$wall" "$load0" "$load1"
  printf '       peak live heap %s MiB (median %s MiB over %s full-GC samples); peak after any GC %s MiB; peak RSS %s MiB\n' \
    "$peak" "$median" "$samples" "$any" "$rss"
  eval "peak_$name=$peak any_$name=$any rss_$name=$rss"
}

echo "memory_bench: heap -Xmx$heap, formats $formats + quicklook, a full-GC sample every ${sample_s}s; outputs under $out_root"
run_one small "$small"
run_one large "$large"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
echo "large/small: peak live heap $(ratio "$peak_large" "$peak_small"); peak after any GC $(ratio "$any_large" "$any_small"); peak RSS $(ratio "$rss_large" "$rss_small")"
