#!/usr/bin/python3
"""Regenerates the PNG/JPEG scene fixtures (issue 16) with GDAL (Debian's gdal-bin + python3-gdal, GDAL 3.6).

  /usr/bin/python3 make_image_fixtures.py

Writes, next to this script:
  images/*.png, *.jpg   small scenes: GDAL's PNG and JPEG drivers (gdal_translate's CreateCopy) for every
                        colour type GDAL writes (grey 1/4/8/16-bit, palette, grey+alpha, RGB, RGBA, 16-bit),
                        JPEG baseline/progressive, grey/YCbCr, a 4-band (CMYK) JPEG to be refused; and, because
                        GDAL cannot write interlaced PNGs, interlaced (Adam7) and every-filter PNGs written by
                        the small encoder below (GDAL reads them; its numbers are the reference).
  images/* sidecars     .aux.xml (GDAL's own PAM), world files (WORLDFILE=YES, renamed to .pgw/.pngw/.jgw/
                        .jpgw, or written with rotation terms), .prj (ESRI WKT from osr MorphToESRI).
  images/*.gdal.u8.gz   for each JPEG, GDAL's ReadAsArray of the whole image, band-sequential, gzip.
  images.json           for each scene what GDAL says: `gdalinfo -json` (size, bands, type, files,
                        geoTransform, cornerCoordinates), the EPSG code, nodata, probes (pixel -> map X/Y with
                        gdaltransform, -> WGS84 lon/lat with gdaltransform -t_srs EPSG:4326), ReadAsArray
                        digests of windows (as make_fixtures.py computes them). GDAL 3.6 does not read a .prj
                        for PNG or JPEG: where Seamline takes the CRS from one, "prjEpsg" is the code the .prj was
                        made from and the WGS84 probes come from osr with that .prj's CRS ("prjProbes").
"""
import gzip
import hashlib
import json
import os
import shutil
import struct
import subprocess
import zlib

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
D = os.path.join(HERE, 'images')
NP = {gdal.GDT_Byte: np.uint8, gdal.GDT_UInt16: np.uint16}
UTM = (500000.0, 0.5, 0.0, 4649776.0, 0.0, -0.5)


def synth(w, h, n, maxv, seed, noise=8):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    out = []
    for b in range(n):
        base = (np.sin(xx / (5.0 + 3 * b)) + np.cos(yy / (4.0 + 2 * b))) * 0.22 + 0.5
        v = np.clip(base * maxv + rng.integers(0, noise + 1, size=(h, w)) * maxv / 255.0, 0, maxv)
        out.append(v.astype(np.uint16 if maxv > 255 else np.uint8))
    return out


def mem(bands, gdt, gt=None, epsg=None, nodata=None, colors=None):
    h, w = bands[0].shape
    m = gdal.GetDriverByName('MEM').Create('', w, h, len(bands), gdt)
    for i, a in enumerate(bands):
        m.GetRasterBand(i + 1).WriteArray(a)
        if nodata is not None:
            m.GetRasterBand(i + 1).SetNoDataValue(nodata)
    if colors is not None:
        ct = gdal.ColorTable()
        for i, c in enumerate(colors):
            ct.SetColorEntry(i, c)
        m.GetRasterBand(1).SetRasterColorTable(ct)
    if gt is not None:
        m.SetGeoTransform(gt)
    if epsg is not None:
        s = osr.SpatialReference()
        s.ImportFromEPSG(epsg)
        m.SetSpatialRef(s)
    return m


def esri_prj(path, epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.MorphToESRI()
    with open(path, 'w') as f:
        f.write(s.ExportToWkt())


def write_world(path, gt):
    """A world file for a GDAL geotransform: A, D, B, E, and the CENTRE of the top-left pixel."""
    a, b, d, e = gt[1], gt[2], gt[4], gt[5]
    c = gt[0] + 0.5 * a + 0.5 * b
    f = gt[3] + 0.5 * d + 0.5 * e
    with open(path, 'w') as out:
        out.write(''.join('%.10f\n' % v for v in (a, d, b, e, c, f)))


def remove(*paths):
    for p in paths:
        if os.path.exists(p):
            os.remove(p)


# --- a small PNG encoder, for what GDAL cannot write (interlacing, chosen filters) ---

def chunk(t, data):
    return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)


def pack_rows(a, depth):
    """(h, w, c) samples -> list of row byte strings."""
    h = a.shape[0]
    rows = []
    for y in range(h):
        r = a[y].reshape(-1)
        if depth == 16:
            rows.append(r.astype('>u2').tobytes())
        elif depth == 8:
            rows.append(r.astype(np.uint8).tobytes())
        else:
            bits = ''.join(format(int(v), '0%db' % depth) for v in r)
            bits += '0' * (-len(bits) % 8)
            rows.append(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    return rows


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def filter_rows(rows, bpp, first_filter):
    out = b''
    prev = bytes(len(rows[0])) if rows else b''
    for i, r in enumerate(rows):
        f = (first_filter + i) % 5
        o = bytearray()
        for j, x in enumerate(r):
            a = r[j - bpp] if j >= bpp else 0
            b = prev[j]
            c = prev[j - bpp] if j >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            o.append((x - pred) & 0xff)
        out += bytes([f]) + bytes(o)
        prev = r
    return out


def encode_png(path, a, color_type, depth, interlace, idat_size=700, plte=None, trns=None):
    """Writes (h, w, c) samples as a PNG, every filter type in turn, the zlib stream split into small IDATs;
    plte: a list of (r, g, b) for a palette image; trns: the tRNS chunk's bytes."""
    h, w, c = a.shape
    bpp = max(1, c * depth // 8)
    if interlace:
        raw = b''
        for i, (xs, ys, dx, dy) in enumerate([(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                                              (1, 0, 2, 2), (0, 1, 1, 2)]):
            sub = a[ys::dy, xs::dx]
            if sub.shape[0] and sub.shape[1]:
                raw += filter_rows(pack_rows(sub, depth), bpp, i)
    else:
        raw = filter_rows(pack_rows(a, depth), bpp, 0)
    z = zlib.compress(raw, 9)
    body = chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, color_type, 0, 0, interlace))
    if plte is not None:
        body += chunk(b'PLTE', bytes(v for rgb in plte for v in rgb))
    if trns is not None:
        body += chunk(b'tRNS', trns)
    for i in range(0, len(z), idat_size):
        body += chunk(b'IDAT', z[i:i + idat_size])
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + body + chunk(b'IEND', b''))


# --- GDAL's numbers ---

def pad_value(dtype, nodata):
    if nodata is None:
        return 0
    info = np.iinfo(dtype)
    return int(nodata) if float(nodata).is_integer() and info.min <= nodata <= info.max else 0


def window_digest(ds, x, y, w, h, bands):
    dtype = NP[ds.GetRasterBand(1).DataType]
    out = np.full((len(bands), h, w), pad_value(dtype, ds.GetRasterBand(1).GetNoDataValue()), dtype=dtype)
    cx0, cy0, cx1, cy1 = max(0, x), max(0, y), min(ds.RasterXSize, x + w), min(ds.RasterYSize, y + h)
    if cx1 > cx0 and cy1 > cy0:
        for k, b in enumerate(bands):
            out[k, cy0 - y:cy1 - y, cx0 - x:cx1 - x] = ds.GetRasterBand(b + 1).ReadAsArray(cx0, cy0, cx1 - cx0, cy1 - cy0)
    data = out.astype(out.dtype.newbyteorder('<')).tobytes()
    return {'window': [x, y, w, h], 'bands': bands, 'sha256': hashlib.sha256(data).hexdigest()}


def windows_for(ds):
    W, H, n = ds.RasterXSize, ds.RasterYSize, ds.RasterCount
    allb = list(range(n))
    wins = [(0, 0, W, H, allb), (W // 3, H // 4, W // 2, H // 2, allb), (W - 20, H - 15, 40, 30, allb),
            (-7, -5, 30, 20, allb), (W // 2, H // 2, 1, 1, allb), (0, H - 1, W, 1, allb)]
    if n > 1:
        wins += [(3, 2, W - 5, H - 4, list(reversed(allb))), (W // 5, H // 5, W // 3, H // 3, [n - 1])]
    return [window_digest(ds, *w) for w in wins]


def gdaltransform(path, pts, wgs84):
    cmd = ['gdaltransform', '-output_xy'] + (['-t_srs', 'EPSG:4326'] if wgs84 else []) + [path]
    out = subprocess.run(cmd, input=''.join('%r %r\n' % p for p in pts), capture_output=True, text=True, check=True)
    return [[float(v) for v in line.split()] for line in out.stdout.split('\n') if line.strip()]


def facts(name, prj_epsg=None, truth=None):
    path = os.path.join(D, name)
    info = json.loads(subprocess.run(['gdalinfo', '-json', path], capture_output=True, text=True, check=True).stdout)
    ds = gdal.Open(path)
    W, H = ds.RasterXSize, ds.RasterYSize
    srs = ds.GetSpatialRef()
    epsg = None
    if srs is not None and srs.GetAuthorityName(None) == 'EPSG':
        epsg = int(srs.GetAuthorityCode(None))
    f = {'file': name, 'driver': info['driverShortName'], 'width': W, 'height': H, 'bandCount': ds.RasterCount,
         'dataType': info['bands'][0]['type'], 'nodata': ds.GetRasterBand(1).GetNoDataValue(), 'epsg': epsg,
         'files': [os.path.basename(p) for p in info['files']],
         'geoTransform': info.get('geoTransform'),
         'cornerCoordinates': info.get('cornerCoordinates') if 'geoTransform' in info else None}
    pts = [(0, 0), (0, H), (W, 0), (W, H), (W / 2, H / 2), (12.5, 7.25), (W - 0.5, 0.5)]
    if 'geoTransform' in info:
        maps = gdaltransform(path, pts, False)
        if srs is not None:
            f['probes'] = [[x, y] + m + ll for (x, y), m, ll in zip(pts, maps, gdaltransform(path, pts, True))]
        elif prj_epsg is not None:
            s = osr.SpatialReference()
            s.SetFromUserInput(os.path.join(D, os.path.splitext(name)[0] + '.prj'))
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            t = osr.SpatialReference()
            t.ImportFromEPSG(4326)
            t.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            ct = osr.CoordinateTransformation(s, t)
            f['prjEpsg'] = prj_epsg
            f['prjProbes'] = [[x, y] + m + list(ct.TransformPoint(m[0], m[1])[:2]) for (x, y), m in zip(pts, maps)]
    if srs is not None:
        m = srs.GetDataAxisToSRSAxisMapping()
        # the PAM's dataAxisToSRSAxisMapping sends the geotransform's x to a northing/latitude axis
        f['swapAxes'] = srs.GetAxisOrientation(None, m[0] - 1) in (osr.OAO_North, osr.OAO_South)
    f['windows'] = windows_for(ds)
    if truth is not None:
        # the samples the encoder above wrote; GDAL must read them back exactly, except that GDAL 3.6 reads a
        # 16-bit interlaced PNG byte-swapped (checked here): then the reference is the array written
        got = np.moveaxis(ds.ReadAsArray().reshape((ds.RasterCount, H, W)), 0, -1)
        if truth.dtype == np.uint16 and open(path, 'rb').read(29)[28] == 1:  # IHDR's interlace method
            assert (got == truth.byteswap()).all() and not (got == truth).all()
            t = gdal.GetDriverByName('MEM').Create('', W, H, ds.RasterCount, gdal.GDT_UInt16)
            for b in range(ds.RasterCount):
                t.GetRasterBand(b + 1).WriteArray(truth[..., b])
            f['windows'] = windows_for(t)
            f['gdalDiffers'] = 'GDAL 3.6 reads 16-bit interlaced PNG samples byte-swapped: windows from the array written'
        else:
            assert (got == truth).all(), name
    if info['driverShortName'] == 'JPEG':
        full = ds.ReadAsArray()
        full = full.reshape((ds.RasterCount, H, W))
        with open(os.path.join(D, name + '.gdal.u8.gz'), 'wb') as g:
            g.write(gzip.compress(full.astype(np.uint8).tobytes(), mtime=0))
        f['pixels'] = name + '.gdal.u8.gz'
    ds = None
    return f


def main():
    shutil.rmtree(D, ignore_errors=True)
    os.makedirs(D)
    out = []
    B, U16 = gdal.GDT_Byte, gdal.GDT_UInt16
    png, jpeg = gdal.GetDriverByName('PNG'), gdal.GetDriverByName('JPEG')

    def p(name):
        return os.path.join(D, name)

    # PNG, PAM only (GDAL writes SRS and GeoTransform to .aux.xml)
    png.CreateCopy(p('grey8_pam.png'), mem(synth(71, 45, 1, 255, 1), B, UTM, 32633))
    out.append(facts('grey8_pam.png'))
    # 16-bit grey, world file (.wld from WORLDFILE=YES) + .prj, no PAM
    png.CreateCopy(p('grey16_wld_prj.png'), mem(synth(67, 41, 1, 60000, 2), U16, UTM, 32633), options=['WORLDFILE=YES'])
    remove(p('grey16_wld_prj.png.aux.xml'))
    esri_prj(p('grey16_wld_prj.prj'), 32633)
    out.append(facts('grey16_wld_prj.png', 32633))
    # grey+alpha, rotated .pgw + .prj
    png.CreateCopy(p('greyalpha8_pgw_rotated.png'), mem(synth(53, 39, 2, 255, 3), B))
    remove(p('greyalpha8_pgw_rotated.png.aux.xml'))
    write_world(p('greyalpha8_pgw_rotated.pgw'), (500100.0, 0.48, 0.12, 4649700.0, 0.1, -0.49))
    esri_prj(p('greyalpha8_pgw_rotated.prj'), 32633)
    out.append(facts('greyalpha8_pgw_rotated.png', 32633))
    # RGB, .pngw + .prj (British National Grid)
    png.CreateCopy(p('rgb8_pngw_prj.png'), mem(synth(256, 160, 3, 255, 4, noise=255), B))
    remove(p('rgb8_pngw_prj.png.aux.xml'))
    write_world(p('rgb8_pngw_prj.pngw'), (530000.0, 0.25, 0.0, 180000.0, 0.0, -0.25))
    esri_prj(p('rgb8_pngw_prj.prj'), 27700)
    out.append(facts('rgb8_pngw_prj.png', 27700))
    # RGBA 16-bit, PAM, geographic
    png.CreateCopy(p('rgba16_pam_4326.png'), mem(synth(45, 33, 4, 65535, 5), U16, (5.25, 0.0001, 0.0, 52.5, 0.0, -0.0001), 4326))
    out.append(facts('rgba16_pam_4326.png'))
    # both a PAM geotransform and a world file: GDAL's PNG driver takes the world file
    png.CreateCopy(p('rgb8_pam_and_wld.png'), mem(synth(40, 30, 3, 255, 6), B, UTM, 32633))
    write_world(p('rgb8_pam_and_wld.wld'), (600000.0, 2.0, 0.0, 4600002.0, 0.0, -2.0))
    out.append(facts('rgb8_pam_and_wld.png'))
    # 1- and 4-bit grey (NBITS), palette, a grey nodata (tRNS), no sidecar at all
    png.CreateCopy(p('grey1.png'), mem([(synth(37, 21, 1, 255, 7)[0] > 128).astype(np.uint8)], B), options=['NBITS=1'])
    out.append(facts('grey1.png'))
    png.CreateCopy(p('grey4.png'), mem([synth(35, 23, 1, 255, 8)[0] // 16], B), options=['NBITS=4'])
    out.append(facts('grey4.png'))
    colors = [(i * 10 % 256, 255 - i * 7 % 256, i * 3 % 256, 255) for i in range(20)]
    png.CreateCopy(p('palette.png'), mem([synth(47, 29, 1, 255, 9)[0] % 20], B, colors=colors))
    remove(p('palette.png.aux.xml'))
    out.append(facts('palette.png'))
    g = synth(44, 31, 1, 255, 10)[0]
    g[0:5, 0:7] = 7
    png.CreateCopy(p('grey8_nodata.png'), mem([g], B, nodata=7))
    remove(p('grey8_nodata.png.aux.xml'))
    out.append(facts('grey8_nodata.png'))
    png.CreateCopy(p('no_sidecar.png'), mem(synth(30, 20, 3, 255, 11), B))
    remove(p('no_sidecar.png.aux.xml'))
    out.append(facts('no_sidecar.png'))
    # written by the encoder above: interlaced, every filter, small IDATs
    rgb = np.stack(synth(61, 43, 3, 255, 12, noise=60), axis=-1)
    encode_png(p('rgb8_interlaced.png'), rgb, 2, 8, 1)
    out.append(facts('rgb8_interlaced.png', truth=rgb))
    encode_png(p('rgb8_filters.png'), rgb, 2, 8, 0)
    out.append(facts('rgb8_filters.png', truth=rgb))
    rgba16 = np.stack(synth(29, 19, 4, 65535, 13, noise=60), axis=-1)
    encode_png(p('rgba16_interlaced.png'), rgba16, 6, 16, 1)
    out.append(facts('rgba16_interlaced.png', truth=rgba16))
    grey2 = (synth(13, 11, 1, 255, 14, noise=60)[0] // 64)[..., None]
    encode_png(p('grey2_interlaced.png'), grey2, 0, 2, 1)
    out.append(facts('grey2_interlaced.png', truth=grey2))
    ga16 = np.stack(synth(33, 17, 2, 65535, 15, noise=60), axis=-1)
    encode_png(p('greyalpha16_filters.png'), ga16, 4, 16, 0)
    out.append(facts('greyalpha16_filters.png', truth=ga16))

    # added for issue 16's combinations not covered above:
    # gdal_translate's own outputs with WORLDFILE=YES (a PAM with the SRS and a .wld beside it), from a GeoTIFF with a
    # rotated geotransform: RGB 16-bit PNG and baseline RGB JPEG. The commands, as run:
    #   gdal_translate -q -of PNG -co WORLDFILE=YES src.tif rgb16_translate_wld.png
    #   gdal_translate -q -of JPEG -co WORLDFILE=YES -co QUALITY=80 src.tif rgb_translate_wld.jpg
    rot = (500100.0, 0.48, 0.12, 4649700.0, 0.1, -0.49)
    src = p('src.tif')
    gdal.GetDriverByName('GTiff').CreateCopy(src, mem(synth(39, 27, 3, 65535, 30), U16, rot, 32633))
    subprocess.run(['gdal_translate', '-q', '-of', 'PNG', '-co', 'WORLDFILE=YES', src, p('rgb16_translate_wld.png')], check=True)
    out.append(facts('rgb16_translate_wld.png'))
    gdal.GetDriverByName('GTiff').CreateCopy(src, mem(synth(57, 35, 3, 255, 31, noise=40), B, rot, 32633))
    subprocess.run(['gdal_translate', '-q', '-of', 'JPEG', '-co', 'WORLDFILE=YES', '-co', 'QUALITY=80', src,
                    p('rgb_translate_wld.jpg')], check=True)
    out.append(facts('rgb_translate_wld.jpg'))
    remove(src)
    # RGBA 8-bit, an upper-case .PGW and a geographic ESRI .prj
    png.CreateCopy(p('rgba8_PGW_prj4326.png'), mem(synth(43, 29, 4, 255, 32), B))
    remove(p('rgba8_PGW_prj4326.png.aux.xml'))
    write_world(p('rgba8_PGW_prj4326.PGW'), (-3.5, 0.0002, 0.0, 40.25, 0.0, -0.0002))
    esri_prj(p('rgba8_PGW_prj4326.prj'), 4326)
    out.append(facts('rgba8_PGW_prj4326.png', 4326))
    # a world file alone (WORLDFILE=YES, PAM removed): GDAL has a geotransform but no CRS
    png.CreateCopy(p('grey8_wld_only.png'), mem(synth(31, 23, 1, 255, 33), B, UTM, 32633), options=['WORLDFILE=YES'])
    remove(p('grey8_wld_only.png.aux.xml'))
    out.append(facts('grey8_wld_only.png'))
    # tRNS as GDAL reads it: an RGB colour (GDAL writes a per-band nodata of 5 as tRNS 5,5,5) and a palette with one
    # fully transparent entry (nodata = its index)
    rgbn = synth(34, 22, 3, 255, 34)
    for a in rgbn:
        a[0:4, 0:6] = 5
    png.CreateCopy(p('rgb8_trns.png'), mem(rgbn, B, nodata=5))
    remove(p('rgb8_trns.png.aux.xml'))
    out.append(facts('rgb8_trns.png'))
    colors_t = [(i * 10 % 256, 255 - i * 7 % 256, i * 3 % 256, 0 if i == 3 else 255 if i % 4 else 128) for i in range(20)]
    png.CreateCopy(p('palette_trns.png'), mem([synth(41, 27, 1, 255, 35)[0] % 20], B, colors=colors_t))
    remove(p('palette_trns.png.aux.xml'))
    out.append(facts('palette_trns.png'))
    # interlaced, by the encoder above: 8-bit grey, grey+alpha, and a 4-bit palette with a tRNS
    g8 = synth(27, 19, 1, 255, 36, noise=60)[0][..., None]
    encode_png(p('grey8_interlaced.png'), g8, 0, 8, 1)
    out.append(facts('grey8_interlaced.png', truth=g8))
    ga8 = np.stack(synth(23, 21, 2, 255, 37, noise=60), axis=-1)
    encode_png(p('greyalpha8_interlaced.png'), ga8, 4, 8, 1)
    out.append(facts('greyalpha8_interlaced.png', truth=ga8))
    pal4 = (synth(25, 17, 1, 255, 38, noise=60)[0] % 16)[..., None]
    encode_png(p('palette4_interlaced.png'), pal4, 3, 4, 1, plte=[(i * 16, 255 - i * 16, i * 5) for i in range(16)],
               trns=bytes([255, 0, 255, 0]))  # two fully transparent entries: no nodata, as GDAL
    out.append(facts('palette4_interlaced.png', truth=pal4))
    # JPEG: grey progressive with a PAM in EPSG:4326 (GDAL's axis mapping makes the geotransform's x a latitude)
    jpeg.CreateCopy(p('grey_progressive_pam4326.jpg'), mem(synth(45, 31, 1, 255, 39, noise=40), B,
                                                           (10.5, 0.0001, 0.0, 45.25, 0.0, -0.0001), 4326),
                    options=['PROGRESSIVE=ON'])
    out.append(facts('grey_progressive_pam4326.jpg'))

    # JPEG: YCbCr 4:2:0 with GDAL's PAM; progressive with .jgw + .prj; grey with .jpgw + .prj
    jpeg.CreateCopy(p('rgb_pam.jpg'), mem(synth(101, 67, 3, 255, 20, noise=40), B, UTM, 32633), options=['QUALITY=90'])
    out.append(facts('rgb_pam.jpg'))
    jpeg.CreateCopy(p('rgb_progressive_jgw.jpg'), mem(synth(83, 59, 3, 255, 21, noise=40), B), options=['PROGRESSIVE=ON', 'QUALITY=85'])
    remove(p('rgb_progressive_jgw.jpg.aux.xml'))
    write_world(p('rgb_progressive_jgw.jgw'), (3900000.0, 10.0, 0.0, 3200000.0, 0.0, -10.0))
    esri_prj(p('rgb_progressive_jgw.prj'), 3035)
    out.append(facts('rgb_progressive_jgw.jpg', 3035))
    jpeg.CreateCopy(p('grey_jpgw.jpg'), mem(synth(77, 51, 1, 255, 22, noise=40), B), options=['QUALITY=75'])
    remove(p('grey_jpgw.jpg.aux.xml'))
    write_world(p('grey_jpgw.jpgw'), (500100.0, 0.48, 0.12, 4649700.0, 0.1, -0.49))
    esri_prj(p('grey_jpgw.prj'), 32633)
    out.append(facts('grey_jpgw.jpg', 32633))
    # both a PAM geotransform and a world file: GDAL's JPEG driver takes the PAM's
    jpeg.CreateCopy(p('rgb_pam_and_wld.jpg'), mem(synth(48, 32, 3, 255, 23, noise=40), B, UTM, 32633))
    write_world(p('rgb_pam_and_wld.wld'), (600000.0, 2.0, 0.0, 4600002.0, 0.0, -2.0))
    out.append(facts('rgb_pam_and_wld.jpg'))
    jpeg.CreateCopy(p('rgb_progressive_odd.jpg'), mem(synth(37, 23, 3, 255, 24, noise=120), B), options=['PROGRESSIVE=ON', 'QUALITY=95'])
    remove(p('rgb_progressive_odd.jpg.aux.xml'))
    out.append(facts('rgb_progressive_odd.jpg'))
    # CMYK (GDAL writes a 4-band JPEG as CMYK): refused by Seamline
    jpeg.CreateCopy(p('cmyk.jpg'), mem(synth(24, 16, 4, 255, 25), B))
    remove(p('cmyk.jpg.aux.xml'))

    with open(os.path.join(HERE, 'images.json'), 'w') as f:
        json.dump({'gdal': gdal.__version__, 'scenes': out}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
