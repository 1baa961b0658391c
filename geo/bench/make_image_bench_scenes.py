#!/usr/bin/python3
"""The PNG and JPEG scenes of docs/benchmarks.md's "Reading PNG and JPEG", written by GDAL's own drivers.

  /usr/bin/python3 geo/bench/make_image_bench_scenes.py DIR

DIR/rgb2000.png, rgb20000.png   2,000² and 20,000² RGB Byte, smooth bands plus 0-7 noise, ZLEVEL=1 (20,000²: 671 MB, 47 s)
DIR/rgb8000.png                 8,000² RGB, 0-23 noise, GDAL's default zlib level (125 MB)
DIR/rgb6000x4000.jpg            6,000 x 4,000 RGB, quality 90, baseline (YCbCr 4:2:0)
DIR/rgb6000x4000_prog.jpg       the same, progressive
"""
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def scene(w, h, n, seed, noise):
    m = gdal.GetDriverByName('MEM').Create('', w, h, n, gdal.GDT_Byte)
    rng = np.random.default_rng(seed)
    for b in range(n):
        for y0 in range(0, h, 1000):
            hh = min(1000, h - y0)
            yy, xx = np.mgrid[y0:y0 + hh, 0:w]
            v = (np.sin(xx / (17.0 + 5 * b)) + np.cos(yy / (13.0 + 3 * b))) * 60 + 128 + rng.integers(0, noise, size=(hh, w))
            m.GetRasterBand(b + 1).WriteArray(np.clip(v, 0, 255).astype(np.uint8), 0, y0)
    return m


d = sys.argv[1]
os.makedirs(d, exist_ok=True)
png, jpeg = gdal.GetDriverByName('PNG'), gdal.GetDriverByName('JPEG')
for n in (2000, 20000):
    png.CreateCopy(os.path.join(d, 'rgb%d.png' % n), scene(n, n, 3, 7, 8), options=['ZLEVEL=1'])
png.CreateCopy(os.path.join(d, 'rgb8000.png'), scene(8000, 8000, 3, 1, 24))
jpeg.CreateCopy(os.path.join(d, 'rgb6000x4000.jpg'), scene(6000, 4000, 3, 2, 24), options=['QUALITY=90'])
jpeg.CreateCopy(os.path.join(d, 'rgb6000x4000_prog.jpg'), scene(6000, 4000, 3, 2, 24), options=['QUALITY=90', 'PROGRESSIVE=ON'])
