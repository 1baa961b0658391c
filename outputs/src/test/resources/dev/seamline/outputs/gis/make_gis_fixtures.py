#!/usr/bin/python3
"""Makes the GIS fixtures of OutputGisTest: five tiny georeferenced GeoTIFFs and, for the corners of
the detections in detections.json, what GDAL's own gdaltransform says they are in the scene CRS and in
WGS84 (longitude, latitude). Run with Debian's python3-gdal and gdal-bin (GDAL 3.6.2 here):

    cd outputs/src/test/resources/dev/seamline/outputs/gis && /usr/bin/python3 make_gis_fixtures.py

Writes <name>.tif and gdal_points.json. Pixel coordinates are continuous, (0,0) the top-left CORNER
of the top-left pixel: gdaltransform's pixel/line convention. Oriented-box corners follow
OrientedBox.corners(): (-w/2,-h/2), (w/2,-h/2), (w/2,h/2), (-w/2,h/2) rotated by angle (clockwise on
screen) about the centre.
"""
import json
import math
import subprocess

from osgeo import gdal, osr

# The solaris sample's custom Albers CRS (sample_geotiff_custom_proj.tif), which has no EPSG code.
ALBERS = ('PROJCS["unnamed",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
          'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433,'
          'AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Albers_Conic_Equal_Area"],'
          'PARAMETER["latitude_of_center",23],PARAMETER["longitude_of_center",-96],PARAMETER["standard_parallel_1",29.5],'
          'PARAMETER["standard_parallel_2",45.5],PARAMETER["false_easting",0],PARAMETER["false_northing",0],'
          'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH]]')

SCENES = [
    # name, size, CRS, geotransform
    ("utm_32633", (1000, 800), "EPSG:32633", (500000.0, 0.3, 0.0, 5000000.0, 0.0, -0.3)),
    ("laea_3035", (600, 400), "EPSG:3035", (4321000.0, 10.0, 0.0, 3210000.0, 0.0, -10.0)),
    ("rotated_32611", (400, 400), "EPSG:32611", (252645.951, 0.1, 0.02, 4107315.949, 0.03, -0.1)),
    ("albers_custom", (512, 512), ALBERS, (-673425.0, 30.0, 0.0, 2130165.0, 0.0, -30.0)),
    ("geographic_4326", (500, 300), "EPSG:4326", (12.5, 0.0001, 0.0, 41.9, 0.0, -0.0001)),
]


def corners(d):
    if "box" in d:
        x0, y0, x1, y1 = d["box"]
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    cx, cy, w, h, a = d["oriented"]
    c, s = math.cos(a), math.sin(a)
    out = []
    for lx, ly in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        out.append((cx + lx * c - ly * s, cy + lx * s + ly * c))
    return out


def gdaltransform(tif, points, *args):
    text = "".join("%r %r\n" % p for p in points)
    res = subprocess.run(["gdaltransform", *args, tif], input=text, capture_output=True, text=True, check=True)
    return [[float(v) for v in line.split()[:2]] for line in res.stdout.strip().splitlines()]


def main():
    detections = json.load(open("detections.json"))
    out = {"gdal": gdal.__version__, "scenes": []}
    for name, (w, h), crs, gt in SCENES:
        tif = name + ".tif"
        ds = gdal.GetDriverByName("GTiff").Create(tif, w, h, 1, gdal.GDT_Byte, ["TILED=YES", "COMPRESS=DEFLATE"])
        srs = osr.SpatialReference()
        srs.SetFromUserInput(crs)
        ds.SetProjection(srs.ExportToWkt())
        ds.SetGeoTransform(gt)
        ds = None
        pts = [p for d in detections for p in corners(d)]
        pts += [((d["box"][0] + d["box"][2]) / 2, (d["box"][1] + d["box"][3]) / 2) if "box" in d
                else (d["oriented"][0], d["oriented"][1]) for d in detections]
        out["scenes"].append({
            "file": tif, "crs": crs if crs.startswith("EPSG") else "custom Albers (solaris)",
            "pixels": [list(p) for p in pts],
            "crs_xy": gdaltransform(tif, pts),
            "lon_lat": gdaltransform(tif, pts, "-t_srs", "EPSG:4326"),
            "proj4": subprocess.run(["gdalsrsinfo", "-o", "proj4", tif], capture_output=True, text=True,
                                    check=True).stdout.strip().strip("'"),
        })
    with open("gdal_points.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
