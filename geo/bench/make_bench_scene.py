#!/usr/bin/python3
"""Writes the read-benchmark scene with GDAL: an N x N RGB Byte GeoTIFF, 256 x 256 DEFLATE tiles (GDAL's
defaults), UTM 33N, 0.3 m pixels; smooth bands plus seeded noise, so it compresses like imagery, not like
a flat field (about 1 GB at 20,000², 4 GB at 40,000², BigTIFF when needed).

  /usr/bin/python3 geo/bench/make_bench_scene.py OUT.tif N
"""
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
path, n = sys.argv[1], int(sys.argv[2])
ds = gdal.GetDriverByName('GTiff').Create(path, n, n, 3, gdal.GDT_Byte, options=[
    'TILED=YES', 'COMPRESS=DEFLATE', 'BIGTIFF=IF_SAFER', 'NUM_THREADS=ALL_CPUS'])
ds.SetGeoTransform((500000.0, 0.3, 0, 4649776.0, 0, -0.3))
srs = osr.SpatialReference()
srs.ImportFromEPSG(32633)
ds.SetSpatialRef(srs)
rng = np.random.default_rng(1)
rows = 1024
xx = np.arange(n)[None, :]
for y0 in range(0, n, rows):
    h = min(rows, n - y0)
    yy = np.arange(y0, y0 + h)[:, None]
    for b in range(3):
        base = 128 + 60 * np.sin(xx / (37.0 + 11 * b)) * np.cos(yy / (53.0 + 7 * b))
        noise = rng.integers(0, 24, size=(h, n))
        ds.GetRasterBand(b + 1).WriteArray((base + noise).astype(np.uint8), 0, y0)
ds = None
