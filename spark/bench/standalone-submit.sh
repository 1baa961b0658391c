#!/usr/bin/env bash
# spark-submit for real (docs/spark.md, "Submitting to a cluster"): a standalone Spark 4.0.1 cluster on this machine
# (a Master JVM and a Worker JVM started from Spark's own jars; the Worker starts each executor as a JVM of its own),
# the job jar submitted to it through org.apache.spark.deploy.SparkSubmit, and its outputs compared with those of
# `seamline detect` on the same scenes with the same PyTorch thread count (1).
#   spark/bench/standalone-submit.sh DIR [SCENE...]
# DIR: Spark's jars (DIR/spark-home/jars, copied from Maven on the first run), the cluster's logs and work folders,
# the outputs. Scenes: two synthetic 2,048^2 scenes made in DIR unless given. The job runs in two executors of one
# core each (spark.executor.cores=1 on a Worker of 2 cores), every scene in 3 row bands, so bands of one scene are
# detected in different JVMs and merged by a reducer in either. Stops the cluster on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mkdir -p "${1:?usage: standalone-submit.sh DIR [SCENE...]}" && cd "$1" && pwd)
shift
scenes=("$@")
if [ ${#scenes[@]} -eq 0 ]; then
  for i in 1 2; do
    [ -f "$dir/scene$i.tif" ] || { "$root/seamline" synth --width 2048 --height 2048 --seed "$i" --out "$dir/s$i" >/dev/null; mv "$dir/s$i/scene.tif" "$dir/scene$i.tif"; }
    scenes+=("$dir/scene$i.tif")
  done
fi
home=$dir/spark-home
if [ ! -d "$home/jars" ]; then
  echo "copying Spark 4.0.1's jars from Maven into $home/jars ..." >&2
  mvn -B -q -f "$root/spark/bench/spark-home/pom.xml" dependency:copy-dependencies -DoutputDirectory="$home/jars"
fi
jar=$root/cli/target/seamline-spark-job.jar
if [ ! -f "$jar" ] || [ -n "$(find "$root" -name target -prune -o -name .git -prune -o -path '*/src/main/*' -type f -newer "$jar" -print -quit)" ]; then
  echo "building the job jar $jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests -Pspark-job -pl cli -am package)
fi
opens=$(sed -n 's:.*<spark.addOpens>\(.*\)</spark.addOpens>.*:\1:p' "$root/spark/pom.xml")
# SOURCE_DATE_EPOCH fixes the GeoPackages' gpkg_contents.last_change, on both sides
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OMP_WAIT_POLICY=PASSIVE SOURCE_DATE_EPOCH=1700000000
rm -rf "$dir/work" "$dir/out-submit" "$dir/out-detect"
mkdir -p "$dir/work"
# shellcheck disable=SC2086
java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 \
  --webui-port 18080 >"$dir/master.log" 2>&1 &
master=$!
# shellcheck disable=SC2086
java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 6g \
  --work-dir "$dir/work" --webui-port 18081 spark://127.0.0.1:7077 >"$dir/worker.log" 2>&1 &
worker=$!
trap 'kill "$worker" "$master" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "Registering worker" "$dir/master.log" 2>/dev/null && break; sleep 1; done
grep -q "Registering worker" "$dir/master.log" || { echo "the Worker did not register; see $dir/worker.log" >&2; exit 1; }
echo "cluster: Master pid $master, Worker pid $worker (spark://127.0.0.1:7077)"
t0=$(date +%s.%N)
# shellcheck disable=SC2086
java $opens -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7077 --deploy-mode client \
  --class dev.seamline.cli.SparkMain \
  --conf spark.executor.cores=1 --conf spark.cores.max=2 --conf spark.task.cpus=1 --conf spark.executor.memory=2g \
  --conf spark.executorEnv.OMP_WAIT_POLICY=PASSIVE --conf spark.executorEnv.SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH \
  --conf spark.driver.host=127.0.0.1 \
  "$jar" "${scenes[@]}" --out "$dir/out-submit" --bands 3 --threads 1 --no-quicklook 2>&1 \
  | awk '/INFO SparkDetect: planned/ || /StandaloneSchedulerBackend: Granted executor/ || !/ (INFO|WARN) /'
t1=$(date +%s.%N)
echo "executor JVMs started by the Worker: $(find "$dir/work" -name stderr | wc -l) ($(find "$dir/work" -mindepth 2 -maxdepth 2 -type d | tr '\n' ' '))"
SEAMLINE_JAVA_OPTS=-Dai.djl.pytorch.num_threads=1 "$root/seamline" detect "${scenes[@]}" --out "$dir/out-detect" \
  --threads 1 --no-quicklook 2>&1 | grep -v ' INFO ' | tail -n 1
python3 - "$dir/out-detect" "$dir/out-submit" "$t0" "$t1" <<'PY'
import os, sqlite3, sys
a, b = sys.argv[1], sys.argv[2]
def files(d):
    out = []
    for r, _, fs in os.walk(d):
        for f in fs:
            p = os.path.relpath(os.path.join(r, f), d)
            if p != "run.json" and not p.endswith(".lock"):
                out.append(p)
    return sorted(out)
def tables(p):
    c = sqlite3.connect(p)
    names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {n: c.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
fa, fb = files(a), files(b)
same = fa == fb
for f in fa:
    if f not in fb:
        continue
    pa, pb = os.path.join(a, f), os.path.join(b, f)
    eq = tables(pa) == tables(pb) if f.endswith(".gpkg") else open(pa, "rb").read() == open(pb, "rb").read()
    if not eq:
        same = False
        print("differs:", f)
print(f"spark-submit run {float(sys.argv[4]) - float(sys.argv[3]):.1f} s; {len(fa)} files of detect, "
      f"{len(fb)} of spark-submit; identical (GeoPackage by table content): {'yes' if same else 'no'}")
sys.exit(0 if same else 1)
PY
