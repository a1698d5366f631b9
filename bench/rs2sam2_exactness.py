"""How close rs2sam2: is to the official RS2-SAM 2 code on its fixture (tests/data/rs2sam2_official): JSON."""
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "unit"))
from rs2sam2_fixture import N, case, release_folder  # noqa: E402
from rrsis_qgis.engine.rs2sam2.preprocess import foreground, logits_at  # noqa: E402
from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.train.metrics import iou  # noqa: E402


def _max_abs(ours, theirs) -> float:
    return float(np.abs(ours.numpy().reshape(theirs.shape) - theirs).max())


def main() -> None:
    segmenter = Segmenter.from_name(f"rs2sam2:{release_folder(Path(tempfile.mkdtemp()) / 'release')}", device="cpu")
    rows = []
    for i in range(N):
        c = case(i)
        out = segmenter.strategy.forward(segmenter.encode(c["view"]).clip_patches, str(c["phrase"]))
        mask = foreground(logits_at(out["low_res"], (1024, 1024)))[0, 0].numpy()
        gt = np.unpackbits(c["mask1024"]).astype(bool).reshape(1024, 1024)
        rows.append({"view": list(c["view"].shape[:2]), "phrase": str(c["phrase"]),
                     "ids_equal": out["input_ids"][0].tolist() == c["input_ids"].tolist(),
                     "mask1024_iou": round(float(iou(mask, gt)), 6), "pixels_differing": int((mask != gt).sum()),
                     "foreground": round(float(gt.mean()), 4),
                     "cls_max_abs": _max_abs(out["cls"][0, 0], c["cls"]),
                     "pseudo_max_abs": _max_abs(out["pseudo"][0, 0], c["pseudo14"]),
                     "mask_prompt_max_abs": _max_abs(out["mask_prompt"][0, 0], c["mask_prompt"]),
                     "sparse_max_abs": _max_abs(out["sparse"][0], c["sparse"]),
                     "lowres_max_abs": _max_abs(out["low_res"][0, 0], c["lowres"])})
    print(json.dumps({"cases": rows, "min_mask_iou": min(r["mask1024_iou"] for r in rows),
                      "pixels_differing": sum(r["pixels_differing"] for r in rows),
                      **{f"max_{k}": max(r[k] for r in rows) for k in ("lowres_max_abs", "sparse_max_abs",
                                                                       "mask_prompt_max_abs", "cls_max_abs")}},
                     indent=1))


if __name__ == "__main__":
    main()
