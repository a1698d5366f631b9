"""Stands in for `segment … --cluster …`: records its arguments, prints progress, writes two squares."""
import json
import os
import sys
from pathlib import Path

from osgeo import gdal, ogr

sys.path.insert(0, os.getcwd())  # the algorithm starts the backend's Python in the plugin's parent folder
record, command = Path(sys.argv[1]), sys.argv[2:]  # command: -m rrsis_qgis segment RASTER PHRASE …
record.write_text(json.dumps(command))
out = next(a.split("=", 1)[1] for a in command if a.startswith("--out="))
raster = command[3]

from rrsis_qgis.geo.result_schema import result_attributes  # noqa: E402
from rrsis_qgis.geo.vector_writer import ResultFeature, write_features  # noqa: E402

ds = gdal.Open(raster)
x0, px, _, y0, _, py = ds.GetGeoTransform()
features = []
for i, (col, row) in enumerate([(20, 20), (120, 60)]):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]:
        ring.AddPoint_2D(x0 + (col + dx) * px, y0 + (row + dy) * py)
    square = ogr.Geometry(ogr.wkbPolygon)
    square.AddGeometry(ring)
    features.append(ResultFeature(square, result_attributes(command[4], 0.9 - i / 10, "tiny-random", "0", 0.5,
                                                            Path(raster).name, f"fake-{i}")))
print("  cluster tcp://…: 2 worker(s) now", file=sys.stderr, flush=True)
print("  [###############...............]  50.0 %  tiles 1/2, 1.00 tiles/s, ETA 0:01  1 s", file=sys.stderr,
      flush=True)
print("  failed: scene.tif tile 1,0: RuntimeError: TIFFReadEncodedTile() failed", file=sys.stderr, flush=True)
write_features(out, features, ds.GetProjection())
print(json.dumps({"output": out, "features": 2, "done": 2, "retried": 1, "failed": 1}))
print("error: 1 tile(s) failed (listed above); the output holds everything else", file=sys.stderr, flush=True)
sys.exit(1)
