"""Raster + phrase → polygons on disk: read view, segment, vectorize, write (the CLI's and bench's job)."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from . import __version__
from .geo.raster_window import DEFAULT_MAX_SIDE, read_view
from .geo.result_schema import result_attributes
from .geo.vector_writer import ResultFeature, write_features
from .geo.vectorize import mask_to_geometry

Progress = Callable[[str], None]


@dataclass
class Summary:
    output: str
    features: int
    crs: str  # authority code when known, else the CRS name
    view: str  # "W×H px @ X m/px"
    scores: list
    timings_ms: dict = field(default_factory=dict)


def segment_raster(segmenter, raster: str, phrase: str, out: str, extent: Optional[Sequence[float]] = None,
                   max_side: int = DEFAULT_MAX_SIDE, bands: Optional[Sequence[int]] = None, top_k: int = 1,
                   progress: Optional[Progress] = None, reasoning: bool = True) -> Summary:
    """Run the whole job; every stage's duration lands in ``Summary.timings_ms``."""
    say = progress or (lambda _msg: None)
    timings: dict = {}
    t0 = time.perf_counter()
    say("read")
    view = read_view(raster, extent=extent, max_side=max_side, bands=bands)
    timings["read"] = _ms(t0)
    result = segmenter.segment(view.rgb, phrase, top_k=top_k, valid=view.valid, progress=say, reasoning=reasoning)
    timings.update(result.timings_ms)

    t0 = time.perf_counter()
    say("polygonize")
    request_id = uuid.uuid4().hex[:12]
    features = []
    for mask, score in zip(result.masks, result.scores):
        geom = mask_to_geometry(mask, view.geotransform, view.crs_wkt)
        if geom is None:
            continue
        features.append(ResultFeature(geom, result_attributes(phrase, score, result.model, __version__, view.gsd_m,
                                                              Path(raster).name, request_id)))
    timings["polygonize"] = _ms(t0)

    t0 = time.perf_counter()
    say("write")
    count = write_features(out, features, view.crs_wkt)
    timings["write"] = _ms(t0)
    return Summary(output=str(out), features=count, crs=_crs_label(view.crs_wkt), view=view.describe(),
                   scores=[f.attributes["score"] for f in features], timings_ms=timings)


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


def _crs_label(wkt: str) -> str:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.AutoIdentifyEPSG()
    code, name = srs.GetAuthorityCode(None), srs.GetAuthorityName(None)
    return f"{name}:{code}" if code else (srs.GetName() or "unknown CRS")
