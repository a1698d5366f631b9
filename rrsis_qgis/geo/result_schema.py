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


def result_attributes(phrase: str, score: float, model: str, version: str, gsd_m: float, src_layer: str,
                      req_id: str) -> dict:
    """A new result's attribute values (a candidate, created now), as the CLI and the tiled runs write them."""
    return {"prompt": " ".join(phrase.split()), "score": round(score, 4), "model": model, "model_ver": version,
            "gsd_m": round(gsd_m, 4), "src_layer": src_layer, "req_id": req_id, "created": now_iso(),
            "status": "candidate"}


def now_iso() -> str:
    """UTC timestamp as stored in ``created`` (a string: Shapefiles have no datetime type)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
