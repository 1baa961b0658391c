#!/usr/bin/python3
"""Spot-checks the georeferencing of a `seamline detect` run over a (large) scene against GDAL.

    /usr/bin/python3 pipeline/bench/georef_check.py SCENE.tif OUT_DIR [SAMPLES=12]

Picks SAMPLES detections spread over the scene (the first and last lines of the CSV and evenly spaced
ones between), finds each by its pixel box in every output, and compares:
  - GeoJSON: every polygon vertex against `gdaltransform -t_srs EPSG:4326 SCENE` of the same pixel
    corner (distance in metres on the WGS84 ellipsoid, pyproj-free: a local metric approximation);
  - GeoPackage: read by `ogrinfo -al` (GDAL's reader); the CRS's EPSG code from `ogrinfo`, the feature
    count, and the polygon vertices against `gdaltransform SCENE` (scene CRS units);
  - CSV: crs_x/crs_y and lon/lat of the box centre against gdaltransform of the centre.
Also checks that every output has the same number of detections as run.json says.
Needs Debian's gdal-bin (gdaltransform, ogrinfo, gdalsrsinfo); reads the outputs with the standard
library only. Prints one line per check and the largest error; exits 1 when any error is over 1 mm.
"""
import csv
import json
import math
import os
import re
import subprocess
import sys


def gdaltransform(tif, points, *args):
    text = "".join(f"{x!r} {y!r}\n" for x, y in points)
    res = subprocess.run(["gdaltransform", *args, tif], input=text, capture_output=True, text=True, check=True)
    return [tuple(float(v) for v in line.split()[:2]) for line in res.stdout.splitlines() if line.strip()]


def metres_lonlat(a, b):
    """Distance between two lon/lat points, metres (equirectangular at their latitude: exact to far
    below a millimetre at these separations)."""
    lat = math.radians((a[1] + b[1]) / 2)
    dx = math.radians(a[0] - b[0]) * 6378137.0 * math.cos(lat)
    dy = math.radians(a[1] - b[1]) * 6356752.3
    return math.hypot(dx, dy)


def box_corners(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def main():
    tif, out = sys.argv[1], sys.argv[2]
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    stem = os.path.splitext(os.path.basename(tif))[0]
    run = json.load(open(os.path.join(out, "run.json")))
    expected = next(s["detections"] for s in run["scenes"] if os.path.basename(s["scene"]) == os.path.basename(tif))
    worst = 0.0
    failures = 0

    def check(what, err_m, limit=1e-3):
        nonlocal worst, failures
        worst = max(worst, err_m)
        ok = err_m <= limit
        failures += 0 if ok else 1
        print(f"{'ok ' if ok else 'BAD'} {what}: {err_m * 1000:.4f} mm")

    rows = list(csv.DictReader(open(os.path.join(out, stem + ".csv"))))
    print(f"run.json: {expected} detections; csv rows: {len(rows)}")
    if len(rows) != expected:
        failures += 1
        print("BAD csv row count")
    picks = sorted({round(i * (len(rows) - 1) / max(1, samples - 1)) for i in range(samples)})
    chosen = [rows[i] for i in picks]

    # CSV: box centre in the scene CRS and in WGS84
    centres = [((float(r["x0"]) + float(r["x1"])) / 2, (float(r["y0"]) + float(r["y1"])) / 2) for r in chosen]
    crs_ref = gdaltransform(tif, centres)
    ll_ref = gdaltransform(tif, centres, "-t_srs", "EPSG:4326")
    for r, c, e, g in zip(chosen, centres, crs_ref, ll_ref):
        check(f"csv centre ({c[0]:.1f}, {c[1]:.1f}) px, scene CRS",
              math.hypot(float(r["crs_x"]) - e[0], float(r["crs_y"]) - e[1]))
        check(f"csv centre ({c[0]:.1f}, {c[1]:.1f}) px, lon/lat", metres_lonlat((float(r["lon"]), float(r["lat"])), g))

    # GeoJSON: find the chosen detections by their pixel box
    gj = json.load(open(os.path.join(out, stem + ".geojson")))
    feats = gj["features"]
    print(f"geojson features: {len(feats)}")
    if len(feats) != expected:
        failures += 1
        print("BAD geojson feature count")
    by_box = {}
    for f in feats:
        by_box.setdefault(tuple(f["properties"]["pixel_box"]), f)
    for r in chosen:
        key = tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1"))
        f = by_box.get(key)
        if f is None:
            failures += 1
            print(f"BAD geojson: no feature with pixel box {key}")
            continue
        props = f["properties"]
        px = props.get("pixel_polygon")
        corners = [(px[i], px[i + 1]) for i in range(0, 8, 2)] if px else box_corners(*key)
        ref = gdaltransform(tif, corners, "-t_srs", "EPSG:4326")
        ring = f["geometry"]["coordinates"][0][:-1]
        # the ring is counter-clockwise from some corner: match each reference corner to its nearest vertex
        err = max(min(metres_lonlat(v, g) for v in ring) for g in ref)
        check(f"geojson box {key} ({props['class']}), 4 corners", err)

    # GeoPackage through GDAL's own reader
    gpkg = os.path.join(out, stem + ".gpkg")
    info = subprocess.run(["ogrinfo", "-so", "-al", gpkg], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Feature Count: (\d+)", info).group(1))
    epsg_layer = re.findall(r'ID\["EPSG",(\d+)\]\]\s*$', info, re.M)
    scene_srs = subprocess.run(["gdalsrsinfo", "-o", "epsg", tif], capture_output=True, text=True).stdout.strip()
    print(f"gpkg (ogrinfo): {count} features, layer CRS EPSG:{epsg_layer[-1] if epsg_layer else '?'}; scene {scene_srs}")
    if count != expected:
        failures += 1
        print("BAD gpkg feature count")
    if not epsg_layer or f"EPSG:{epsg_layer[-1]}" != scene_srs:
        failures += 1
        print("BAD gpkg CRS")
    for r in chosen[:4]:
        key = tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1"))
        where = f"x0 = {r['x0']} AND y0 = {r['y0']} AND x1 = {r['x1']} AND y1 = {r['y1']}"
        text = subprocess.run(["ogrinfo", "-al", "-q", "-where", where, gpkg], capture_output=True, text=True,
                              check=True).stdout
        m = re.search(r"POLYGON \(\((.*?)\)\)", text)
        if not m:
            failures += 1
            print(f"BAD gpkg: no feature with pixel box {key}")
            continue
        ring = [tuple(float(v) for v in p.split()) for p in m.group(1).split(",")][:-1]
        f = by_box.get(key)
        px = f["properties"].get("pixel_polygon") if f else None
        corners = [(px[i], px[i + 1]) for i in range(0, 8, 2)] if px else box_corners(*key)
        ref = gdaltransform(tif, corners)
        err = max(min(math.hypot(v[0] - g[0], v[1] - g[1]) for v in ring) for g in ref)
        check(f"gpkg box {key}, 4 corners (scene CRS)", err)

    print(f"largest error {worst * 1000:.4f} mm; {failures} problem(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
