#!/usr/bin/env bash
# Records what GDAL reads from the writer's test files (gdal-facts.json), so the tests can check
# Seamline's GeoTIFF writer against GDAL without needing GDAL.
#
# How it was made (needs gdal-bin and python3-gdal, Debian's /usr/bin/python3):
#   mvn -B -q -Dseamline.buildDir=target-synth -pl geo -am test-compile
#   geo/src/test/resources/write/make-gdal-facts.sh target-synth
# It writes the fixtures with WriterFixtures.main (the same code the tests run), then for each file
# records its SHA-256, GDAL's size, band types, block size, nodata, geotransform, EPSG code, corners
# (gdalinfo -json cornerCoordinates and wgs84Extent), per-band checksums, and whether every pixel GDAL
# reads (ReadAsArray) equals the formula WriterFixtures.sample gives.
set -euo pipefail
builddir=${1:-target}
cd "$(dirname "$0")/../../../.."   # geo/
cp=$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dseamline.buildDir="$builddir")
tmp=$(mktemp -d)
java -cp "$builddir/classes:$builddir/test-classes:$cp" dev.seamline.geo.write.WriterFixtures "$tmp" >/dev/null
/usr/bin/python3 - "$tmp" src/test/resources/write/gdal-facts.json <<'PY'
import hashlib, json, os, subprocess, sys
import numpy as np
from osgeo import gdal, osr
src, out = sys.argv[1], sys.argv[2]
facts = {"gdal": gdal.__version__}
for name in sorted(os.listdir(src)):
    path = os.path.join(src, name)
    info = json.loads(subprocess.check_output(["gdalinfo", "-json", "-checksum", path]))
    ds = gdal.Open(path)
    srs = ds.GetSpatialRef()
    epsg = None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        code = srs.GetAuthorityCode(None)
        epsg = int(code) if code else None
    ok = True
    for b in range(ds.RasterCount):
        a = ds.GetRasterBand(b + 1).ReadAsArray().astype(np.int64)
        y, x = np.mgrid[0:ds.RasterYSize, 0:ds.RasterXSize]
        v = b * 7919 + x * 31 + y * 17 + (x * y) % 13
        v = v & (0xFF if a.dtype == np.uint8 or info["bands"][b]["type"] == "Byte" else 0xFFFF)
        ok = ok and bool((a == v).all())
    facts[name] = {
        "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
        "size": info["size"],
        "types": [b["type"] for b in info["bands"]],
        "block": info["bands"][0]["block"],
        "noData": info["bands"][0].get("noDataValue"),
        "checksums": [b["checksum"] for b in info["bands"]],
        "geoTransform": info.get("geoTransform"),
        "epsg": epsg,
        "wkt": srs.ExportToWkt() if srs is not None else None,
        "corners": info.get("cornerCoordinates"),
        "compression": info["metadata"].get("IMAGE_STRUCTURE", {}).get("COMPRESSION"),
        "interleave": info["metadata"].get("IMAGE_STRUCTURE", {}).get("INTERLEAVE"),
        "pixelsEqualFormula": ok,
    }
    if "wgs84Extent" in info:
        facts[name]["wgs84Extent"] = info["wgs84Extent"]["coordinates"][0]
json.dump(facts, open(out, "w"), indent=1, sort_keys=True)
print("wrote", out)
PY
rm -rf "$tmp"
