"""How far bf16 autocast (``--precision bf16``) moves rsrefseg2:'s output from fp32: JSON per case.

    .venv/bin/python bench/rsrefseg2_bf16.py

The same code path as on CUDA, but under ``torch.autocast("cpu", bfloat16)`` (no GPU on the machines this
project is built on, so CUDA's own numbers are not measured). Two models: the exactness fixture's small
release (tests/data/rsrefseg2_official, its five views and phrases) and a larger random release (SigLIP
384 wide × 6, SAM 2.1 hiera-t, the released prompter widths; 1024² canvas) on the same views plus real
rasters from ../shared/data when present. Per case: mask IoU bf16 vs fp32, max and mean |Δ| of the chosen
256² low-res logits, pixels that differ; then the minimum / maximum over the cases.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
from rsrefseg2_exactness import fixture_folder, fixture_views  # noqa: E402

from rrsis_qgis.engine.rsrefseg2.random_release import ReleaseSizes, random_parts, standin_tokenizer, write_release  # noqa: E402,E501
from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.engine.specs import Sam2Spec  # noqa: E402
from rrsis_qgis.train.metrics import iou  # noqa: E402

LARGER = ReleaseSizes(384, 6, 1536, 1000, Sam2Spec("configs/sam2.1/sam2.1_hiera_t.yaml", None, 1024), 256, 512, 512)
SHARED = BENCH.parent.parent / "shared" / "data"
REAL = (("rasterio_cogeo.tif", "the road through the forest"), ("webodm_brighton_orthophoto.tif", "the parked car"))


def main() -> None:
    views = fixture_views()
    report = {"autocast": "torch.autocast('cpu', dtype=torch.bfloat16), weights fp32",
              "fixture": compare(f"rsrefseg2:{fixture_folder()}", views)}
    folder = Path(tempfile.mkdtemp())
    write_release(folder / "larger.pth", random_parts(LARGER, seed=0))
    standin_tokenizer(folder)
    report["larger_random"] = compare(f"rsrefseg2:{folder}", views + _real_views())
    report["larger_random"]["sizes"] = "SigLIP 384×6 (MLP 1536), SAM 2.1 hiera-t, prompter 512/512, canvas 1024²"
    print(json.dumps(report, indent=1))


def compare(model: str, views: list) -> dict:
    seg = {p: Segmenter.from_name(model, device="cpu", precision=p) for p in ("fp32", "bf16")}
    rows = []
    for view, phrase in views:
        out = {}
        for precision, s in seg.items():
            emb = s.encode(view)
            s.refiner.restore(emb.sam_state)
            with torch.autocast("cpu", torch.bfloat16, enabled=precision == "bf16"):  # as Segmenter.segment does
                low = s.strategy.forward(emb.clip_patches, phrase, s.refiner)["low_res"].float()
            result = s.segment(view, phrase, embeddings=emb)
            out[precision] = (low, result.masks[0] if result.masks else np.zeros(view.shape[:2], bool))
        delta = (out["bf16"][0] - out["fp32"][0]).abs()
        rows.append({"view": list(view.shape[:2]), "phrase": phrase,
                     "mask_iou": round(float(iou(out["bf16"][1], out["fp32"][1])), 4),
                     "pixels_differing": int((out["bf16"][1] != out["fp32"][1]).sum()),
                     "fp32_mask_pixels": int(out["fp32"][1].sum()),
                     "lowres_max_abs": round(float(delta.max()), 4), "lowres_mean_abs": round(float(delta.mean()), 5),
                     "fp32_lowres_abs_median": round(float(out["fp32"][0].abs().median()), 3)})
    return {"cases": rows, "min_mask_iou": min(r["mask_iou"] for r in rows),
            "max_lowres_abs": max(r["lowres_max_abs"] for r in rows)}


def _real_views() -> list:
    if not SHARED.is_dir():
        return []
    from osgeo import gdal  # noqa: PLC0415

    views = []
    for name, phrase in REAL:
        ds = gdal.Open(str(SHARED / name))
        views.append((np.ascontiguousarray(ds.ReadAsArray()[:3].transpose(1, 2, 0)).astype(np.uint8), phrase))
    return views


if __name__ == "__main__":
    main()
