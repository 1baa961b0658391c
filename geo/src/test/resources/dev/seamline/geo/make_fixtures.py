#!/usr/bin/python3
"""Regenerates the geo test fixtures in this folder with GDAL (Debian's gdal-bin + python3-gdal, GDAL 3.6).

  /usr/bin/python3 make_fixtures.py [/path/to/shared/data/real]

Writes, next to this script:
  real_rasters.json  for every raster in shared/data/real: what `gdalinfo -json` says (size, bands, type,
                     EPSG, geotransform, cornerCoordinates, wgs84Extent) and probes: pixel (x, y, corner-based)
                     -> map X/Y from `gdaltransform FILE` and WGS84 lon/lat from `gdaltransform -t_srs EPSG:4326
                     FILE`, plus GDAL ReadAsArray digests of a few windows.
  made/*.tif         small rasters written with GDAL (tiled, striped, COG, uint16 4-band, JPEG, PackBits, float
                     predictor, BigTIFF, PixelIsPoint + rotation, geographic, LAEA, no georeferencing).
  made.json          for each: gdalinfo facts, probes as above, and digests of windows read with ReadAsArray.
  made_bench.json    the JSON line ../shared/tools/gdal_read_bench.py prints for a few of made/*.tif (tile, overlap
                     and thread count as recorded), for `seamline bench read` to match (tiles and checksum).
  bad/*              malformed files (patched copies of a small GDAL GeoTIFF) for the bad-input tests.

A window digest is the SHA-256 of the window's samples, band-sequential (bands in the order asked), row-major,
little-endian, where the part outside the raster holds the nodata value when it fits the type, else 0.
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '../../../../../../../shared/data/real')
REAL = os.path.abspath(REAL)
NP = {gdal.GDT_Byte: np.uint8, gdal.GDT_UInt16: np.uint16, gdal.GDT_Int16: np.int16,
      gdal.GDT_Float32: np.float32, gdal.GDT_Float64: np.float64, gdal.GDT_Int32: np.int32,
      gdal.GDT_UInt32: np.uint32}


def pad_value(dtype, nodata):
    if nodata is None:
        return 0
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        if float(nodata).is_integer() and info.min <= nodata <= info.max:
            return int(nodata)
        return 0
    return nodata


def window_digest(ds, x, y, w, h, bands):
    dtype = NP[ds.GetRasterBand(1).DataType]
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    out = np.full((len(bands), h, w), pad_value(dtype, nodata), dtype=dtype)
    cx0, cy0 = max(0, x), max(0, y)
    cx1, cy1 = min(ds.RasterXSize, x + w), min(ds.RasterYSize, y + h)
    if cx1 > cx0 and cy1 > cy0:
        for k, b in enumerate(bands):
            a = ds.GetRasterBand(b + 1).ReadAsArray(cx0, cy0, cx1 - cx0, cy1 - cy0)
            out[k, cy0 - y:cy1 - y, cx0 - x:cx1 - x] = a
    data = out.astype(out.dtype.newbyteorder('<')).tobytes()
    return {'window': [x, y, w, h], 'bands': bands, 'sha256': hashlib.sha256(data).hexdigest(),
            'sum': float(out.astype(np.float64).sum())}


def windows_for(ds):
    W, H, n = ds.RasterXSize, ds.RasterYSize, ds.RasterCount
    allb = list(range(n))
    wins = [(0, 0, W, H, allb), (W // 3, H // 4, W // 2, H // 2, allb), (W - 50, H - 30, 100, 70, allb),
            (-20, -10, 60, 40, allb), (W // 2, H // 2, 1, 1, allb), (W + 5, 0, 10, 10, allb)]
    if n > 1:
        wins.append((7, 3, min(200, W), min(90, H), list(reversed(allb))))
        wins += [(W // 5, H // 5, W // 3, H // 3, [n - 1]), (W // 4, H // 3, W // 2, H // 2, [0])]
    return [window_digest(ds, *w) for w in wins]


def gdaltransform(path, points, to_wgs84):
    cmd = ['gdaltransform', '-output_xy'] + (['-t_srs', 'EPSG:4326'] if to_wgs84 else []) + [path]
    inp = ''.join(f'{x!r} {y!r}\n' for x, y in points)
    out = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=True).stdout.split('\n')
    return [[float(v) for v in line.split()] for line in out if line.strip()]


def facts(path):
    info = json.loads(subprocess.run(['gdalinfo', '-json', path], capture_output=True, text=True, check=True).stdout)
    ds = gdal.Open(path)
    W, H = ds.RasterXSize, ds.RasterYSize
    srs = ds.GetSpatialRef()
    epsg = None
    if srs is not None:
        code = srs.GetAuthorityCode(None)
        epsg = int(code) if code is not None and srs.GetAuthorityName(None) == 'EPSG' else None
    f = {'file': os.path.basename(path), 'width': W, 'height': H, 'bandCount': ds.RasterCount,
         'dataType': info['bands'][0]['type'], 'nodata': ds.GetRasterBand(1).GetNoDataValue(), 'epsg': epsg,
         'geoTransform': list(ds.GetGeoTransform()) if 'geoTransform' in info else None,
         'cornerCoordinates': info.get('cornerCoordinates') if 'geoTransform' in info and srs is not None else None,
         'wgs84Extent': info.get('wgs84Extent'),
         'block': info['bands'][0]['block'],
         'compression': info.get('metadata', {}).get('IMAGE_STRUCTURE', {}).get('COMPRESSION')}
    if srs is not None and 'geoTransform' in info:
        pts = [(0, 0), (0, H), (W, 0), (W, H), (W / 2, H / 2), (12.5, 7.25), (W - 0.5, 0.5), (123.456, 78.9)]
        f['probes'] = [[x, y] + m + ll for (x, y), m, ll in
                       zip(pts, gdaltransform(path, pts, False), gdaltransform(path, pts, True))]
    f['windows'] = windows_for(ds)
    return f


def synth(w, h, n, dtype, seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    bands = []
    for b in range(n):
        base = (np.sin(xx / (9.0 + 3 * b)) + np.cos(yy / (7.0 + 2 * b))) * 0.25 + 0.5
        noise = rng.integers(0, 2, size=(h, w)) / 128.0
        v = np.clip(base + noise, 0, 1)
        if dtype == np.uint8:
            a = (v * 250).astype(np.uint8)
        elif dtype == np.uint16:
            a = (v * 60000).astype(np.uint16)
        elif dtype == np.int16:
            a = (v * 40000 - 20000).astype(np.int16)
        else:
            a = (v * 1000 - 250).astype(dtype)
        bands.append(a)
    return bands


def write(path, bands, gdt, options, gt=None, epsg=None, wkt=None, nodata=None, fmt='GTiff', point=False):
    h, w = bands[0].shape
    mem = gdal.GetDriverByName('MEM').Create('', w, h, len(bands), gdt)
    for i, a in enumerate(bands):
        mem.GetRasterBand(i + 1).WriteArray(a)
        if nodata is not None:
            mem.GetRasterBand(i + 1).SetNoDataValue(nodata)
    if gt is not None:
        mem.SetGeoTransform(gt)
    if epsg is not None or wkt is not None:
        s = osr.SpatialReference()
        s.ImportFromEPSG(epsg) if epsg is not None else s.ImportFromWkt(wkt)
        mem.SetSpatialRef(s)
    if point:
        mem.SetMetadataItem('AREA_OR_POINT', 'Point')
    gdal.GetDriverByName(fmt).CreateCopy(path, mem, options=options)


def made():
    d = os.path.join(HERE, 'made')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    utm = (500000.0, 0.5, 0.0, 4649776.0, 0.0, -0.5)
    B, U16, I16, F32 = gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_Float32
    specs = [
        ('tiled_deflate.tif', synth(150, 100, 3, np.uint8, 1), B,
         ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=48', 'COMPRESS=DEFLATE', 'PREDICTOR=2'], dict(gt=utm, epsg=32633)),
        ('striped_lzw.tif', synth(150, 100, 3, np.uint8, 2), B,
         ['COMPRESS=LZW', 'BLOCKYSIZE=7'], dict(gt=utm, epsg=32633, nodata=0)),
        ('striped_none.tif', synth(63, 37, 3, np.uint8, 3), B, ['BLOCKYSIZE=5'], dict(gt=utm, epsg=32633)),
        ('cog.tif', synth(200, 150, 3, np.uint8, 4), B,
         ['COMPRESS=DEFLATE', 'BLOCKSIZE=128', 'PREDICTOR=2', 'OVERVIEWS=AUTO', 'OVERVIEW_COUNT=1'], dict(gt=utm, epsg=32633, fmt='COG')),
        ('uint16_4band.tif', synth(97, 71, 4, np.uint16, 5), U16,
         ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=LZW', 'PREDICTOR=2'],
         dict(gt=utm, epsg=32633, nodata=65535)),
        ('uint16_4band_planar_be.tif', synth(77, 53, 4, np.uint16, 6), U16,
         ['INTERLEAVE=BAND', 'ENDIANNESS=BIG', 'COMPRESS=DEFLATE', 'BLOCKYSIZE=10'], dict(gt=utm, epsg=32633)),
        ('jpeg_tiled.tif', synth(150, 100, 3, np.uint8, 7), B,
         ['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=64', 'COMPRESS=JPEG', 'PHOTOMETRIC=YCBCR', 'JPEG_QUALITY=80'],
         dict(gt=utm, epsg=32633)),
        ('jpeg_striped.tif', synth(110, 70, 3, np.uint8, 8), B,
         ['COMPRESS=JPEG', 'PHOTOMETRIC=YCBCR', 'BLOCKYSIZE=16', 'JPEG_QUALITY=80'], dict(gt=utm, epsg=32633)),
        ('packbits_int16.tif', synth(70, 50, 1, np.int16, 9), I16,
         ['COMPRESS=PACKBITS', 'BLOCKYSIZE=9'], dict(gt=utm, epsg=32633, nodata=-9999)),
        ('float32_pred3.tif', synth(70, 50, 2, np.float32, 10), F32,
         ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=DEFLATE', 'PREDICTOR=3'], dict(gt=utm, epsg=32633)),
        ('bigtiff_small.tif', synth(100, 70, 3, np.uint8, 11), B,
         ['BIGTIFF=YES', 'TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=DEFLATE'], dict(gt=utm, epsg=32633)),
        ('point_rotated.tif', synth(80, 60, 1, np.uint8, 12), B, [],
         dict(gt=(500100.0, 0.48, 0.12, 4649700.0, 0.1, -0.49), epsg=32633, point=True)),
        ('point_north_up.tif', synth(80, 60, 1, np.uint8, 13), B, [],
         dict(gt=(500100.0, 2.0, 0.0, 4649700.0, 0.0, -2.0), epsg=32633, point=True)),
        ('geographic_4326.tif', synth(90, 60, 1, np.uint8, 14), B, [],
         dict(gt=(5.25, 0.0001, 0.0, 52.5, 0.0, -0.0001), epsg=4326)),
        ('laea_3035.tif', synth(90, 60, 1, np.uint8, 15), B, [],
         dict(gt=(3900000.0, 10.0, 0.0, 3200000.0, 0.0, -10.0), epsg=3035)),
        ('no_georef.tif', synth(50, 40, 1, np.uint8, 16), B, [], dict()),
    ]
    out = []
    for name, bands, gdt, opts, kw in specs:
        p = os.path.join(d, name)
        write(p, bands, gdt, opts, **kw)
        for aux in (p + '.aux.xml',):
            if os.path.exists(aux):
                os.remove(aux)
        out.append(facts(p))
    return out


def find_entry(buf, tag):
    """(entry offset, type, count, value field offset, big) of a tag in the first IFD of a little-endian TIFF."""
    assert buf[:2] == b'II'
    big = struct.unpack_from('<H', buf, 2)[0] == 43
    ifd = struct.unpack_from('<Q', buf, 8)[0] if big else struct.unpack_from('<I', buf, 4)[0]
    n = struct.unpack_from('<Q' if big else '<H', buf, ifd)[0]
    es, first = (20, ifd + 8) if big else (12, ifd + 2)
    for i in range(n):
        e = first + i * es
        t, ty = struct.unpack_from('<HH', buf, e)
        if t == tag:
            cnt = struct.unpack_from('<Q' if big else '<I', buf, e + 4)[0]
            return e, ty, cnt, e + (12 if big else 8), big
    raise KeyError(tag)


def set_long(buf, tag, value):
    e, ty, cnt, vo, big = find_entry(buf, tag)
    struct.pack_into('<HHI', buf, e, tag, 4, 1)
    struct.pack_into('<I', buf, vo, value)


def bad():
    d = os.path.join(HERE, 'bad')
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    good = os.path.join(d, 'good.tif')
    write(good, synth(64, 48, 3, np.uint8, 20), gdal.GDT_Byte,
          ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32', 'COMPRESS=DEFLATE'],
          gt=(500000.0, 0.5, 0.0, 4649776.0, 0.0, -0.5), epsg=32633)
    src = bytearray(open(good, 'rb').read())
    with open(os.path.join(d, 'not_a_tiff.tif'), 'w') as f:
        f.write('this is a text file, not a GeoTIFF\n')
    open(os.path.join(d, 'truncated.tif'), 'wb').write(src[:40])
    b = bytearray(src)
    e, ty, cnt, vo, big = find_entry(b, 324)  # TileOffsets
    arr = struct.unpack_from('<I', b, vo)[0]
    for i in range(cnt):
        struct.pack_into('<I', b, arr + 4 * i, 0x7FFF0000 + i)
    open(os.path.join(d, 'tile_offsets_past_end.tif'), 'wb').write(b)
    b = bytearray(src)
    set_long(b, 256, 3000000000)  # ImageWidth
    set_long(b, 257, 3000000000)  # ImageLength
    open(os.path.join(d, 'absurd_dimensions.tif'), 'wb').write(b)
    b = bytearray(src)
    e, ty, cnt, vo, big = find_entry(b, 259)
    struct.pack_into('<H', b, vo, 50000)  # ZSTD
    open(os.path.join(d, 'unsupported_compression.tif'), 'wb').write(b)
    b = bytearray(src)
    e, ty, cnt, vo, big = find_entry(b, 277)
    struct.pack_into('<H', b, vo, 0)  # SamplesPerPixel
    open(os.path.join(d, 'zero_bands.tif'), 'wb').write(b)
    b = bytearray(src)
    e, ty, cnt, vo, big = find_entry(b, 34735)  # GeoKeyDirectory: claim 200 keys
    arr = struct.unpack_from('<I', b, vo)[0] if cnt * 2 > 4 else vo
    struct.pack_into('<H', b, arr + 6, 200)
    open(os.path.join(d, 'corrupt_geokeys.tif'), 'wb').write(b)
    b = bytearray(src)
    e, ty, cnt, vo, big = find_entry(b, 34735)  # GeoKeyDirectory: ProjectedCSTypeGeoKey -> 9999 (no such EPSG CRS)
    arr = struct.unpack_from('<I', b, vo)[0]
    keys = struct.unpack_from('<%dH' % cnt, b, arr)
    for i in range(keys[3]):
        if keys[4 + 4 * i] == 3072:
            struct.pack_into('<H', b, arr + 2 * (4 + 4 * i + 3), 9999)
    open(os.path.join(d, 'unknown_epsg.tif'), 'wb').write(b)
    os.remove(good)


def main():
    real = []
    for sub in sorted(os.listdir(REAL)):
        sd = os.path.join(REAL, sub)
        if not os.path.isdir(sd):
            continue
        for f in sorted(os.listdir(sd)):
            if f.endswith('.tif'):
                r = facts(os.path.join(sd, f))
                r['file'] = sub + '/' + f
                real.append(r)
    with open(os.path.join(HERE, 'real_rasters.json'), 'w') as f:
        json.dump({'gdal': gdal.__version__, 'rasters': real}, f, indent=1)
    m = made()
    with open(os.path.join(HERE, 'made.json'), 'w') as f:
        json.dump({'gdal': gdal.__version__, 'rasters': m}, f, indent=1)
    bench = []
    tool = os.path.join(os.path.dirname(os.path.dirname(REAL)), 'tools', 'gdal_read_bench.py')
    for name, tile, overlap, threads in [('tiled_deflate.tif', 64, 16, 1), ('uint16_4band.tif', 40, 8, 2),
                                         ('cog.tif', 1024, 128, 1), ('jpeg_tiled.tif', 50, 10, 1),
                                         ('packbits_int16.tif', 32, 4, 1)]:
        out = subprocess.run(['/usr/bin/python3', tool, os.path.join(HERE, 'made', name), '--tile', str(tile),
                              '--overlap', str(overlap), '--threads', str(threads)],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        r.update({'file': name, 'tile': tile, 'overlap': overlap})
        bench.append(r)
    with open(os.path.join(HERE, 'made_bench.json'), 'w') as f:
        json.dump(bench, f, indent=1)
    bad()


if __name__ == '__main__':
    main()
