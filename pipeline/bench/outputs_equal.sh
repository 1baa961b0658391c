#!/usr/bin/env bash
# Behaviour unchanged? Runs `seamline demo` and a 6,000² detect into every format with two builds and
# compares their outputs: byte for byte, except run.json (compared without its timings and paths), STAC
# Items (without their time of writing, hrefs by file name) and GeoPackages (compared table by table,
# without gpkg_contents.last_change, a timestamp).
#
#   pipeline/bench/outputs_equal.sh BEFORE_TREE AFTER_TREE WORK_DIR
#   (a tree is a checkout whose ./seamline runs that build; e.g. git worktree add /tmp/before REV)
set -euo pipefail
before=$1; after=$2; work=$3
mkdir -p "$work"
scene=$work/s6k/scene.tif
[ -f "$scene" ] || "$after/seamline" synth --out "$work/s6k" --width 6000 --height 6000 --seed 7 > /dev/null
for side in before after; do
  tree=$before; [ $side = after ] && tree=$after
  out=$work/$side; rm -rf "$out"; mkdir -p "$out"
  SEAMLINE_CACHE_DIR=$out/cache "$tree/seamline" demo --out "$out/demo" > "$out/demo.stdout" 2> "$out/demo.stderr"
  "$tree/seamline" detect "$scene" --out "$out/det6k" --format geojson,gpkg,csv,coco,xview,dota --quicklook \
    > "$out/det6k.stdout" 2> "$out/det6k.stderr"
done
rc=0
compare() { # compare BEFORE_DIR AFTER_DIR
  local b=$1 a=$2 f
  for f in $(cd "$b" && find . -type f -not -path './.seamline/*' | sort); do
    case "$f" in
      *run.json)
        python3 - "$b/$f" "$a/$f" <<'PY' || rc=1
import json, sys
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items()
                if k not in ('seconds', 'tiles_per_second', 'square_km_per_hour', 'source', 'scene', 'threads')}
    return [strip(v) for v in o] if isinstance(o, list) else o
x, y = (strip(json.load(open(p))) for p in sys.argv[1:])
if x != y:
    print('DIFF', sys.argv[2]); sys.exit(1)
PY
        ;;
      *.stac.json)
        python3 - "$b/$f" "$a/$f" <<'PY' || rc=1
import json, os, sys
def strip(o):  # the Item's time of writing and the two sides' absolute paths differ by nature
    if isinstance(o, dict):
        return {k: (os.path.basename(v) if k == 'href' and isinstance(v, str) else strip(v))
                for k, v in o.items() if k not in ('datetime', 'created', 'updated')}
    return [strip(v) for v in o] if isinstance(o, list) else o
x, y = (strip(json.load(open(p))) for p in sys.argv[1:])
if x != y:
    print('DIFF', sys.argv[2]); sys.exit(1)
PY
        ;;
      *.gpkg)
        dump() { for t in $(sqlite3 "$1" "select name from sqlite_master where type='table' order by name"); do
            echo "== $t"
            if [ "$t" = gpkg_contents ]; then
              sqlite3 "$1" "select table_name,data_type,identifier,description,min_x,min_y,max_x,max_y,srs_id from gpkg_contents"
            else sqlite3 "$1" "select * from $t"; fi
          done; }
        cmp -s <(dump "$b/$f") <(dump "$a/$f") || { echo "DIFF (tables) $a/$f"; rc=1; } ;;
      *) cmp -s "$b/$f" "$a/$f" || { echo "DIFF $a/$f"; rc=1; } ;;
    esac
  done
  if [ -n "$(comm -13 <(cd "$b" && find . -type f -not -path './.seamline/*' | sort) \
                      <(cd "$a" && find . -type f -not -path './.seamline/*' | sort))" ]; then
    echo "EXTRA files in $a"; rc=1
  fi
}
compare "$work/before/demo" "$work/after/demo"
compare "$work/before/det6k" "$work/after/det6k"
[ $rc = 0 ] && echo "IDENTICAL: demo and 6,000² outputs of $before and $after"
exit $rc
