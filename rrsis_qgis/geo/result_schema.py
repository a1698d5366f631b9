"""The attribute table of a result polygon: names ≤ 10 characters so Shapefiles keep them."""
from __future__ import annotations

from datetime import datetime, timezone

from osgeo import ogr

# (name, OGR type, width) — the one definition shared by the CLI writer and the QGIS results layer.
RESULT_FIELDS = (
    ("prompt", ogr.OFTString, 254),
    ("score", ogr.OFTReal, 0),
    ("model", ogr.OFTString, 80),
    ("model_ver", ogr.OFTString, 40),
    ("gsd_m", ogr.OFTReal, 0),
    ("src_layer", ogr.OFTString, 254),
    ("req_id", ogr.OFTString, 40),
    ("created", ogr.OFTString, 25),
    ("status", ogr.OFTString, 10),
)
FIELD_NAMES = tuple(name for name, _, _ in RESULT_FIELDS)
STATUSES = ("candidate", "accepted", "rejected")


def now_iso() -> str:
    """UTC timestamp as stored in ``created`` (a string: Shapefiles have no datetime type)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
