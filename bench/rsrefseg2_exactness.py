"""How close rsrefseg2: is to the official RSRefSeg 2 code on its fixture (tests/data/rsrefseg2_official): JSON."""
import json
import lzma
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.train.metrics import iou  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "data" / "rsrefseg2_official"


def fixture_folder() -> Path:
    """The fixture's checkpoint and tokenizer, unpacked into a new temporary folder (``rsrefseg2:FOLDER``)."""
    folder = Path(tempfile.mkdtemp())
    with lzma.open(FIXTURE / "rsrefseg2_tiny.pth.xz") as src, open(folder / "rsrefseg2_tiny.pth", "wb") as dst:
        shutil.copyfileobj(src, dst)
    for f in (FIXTURE / "tokenizer").iterdir():
        shutil.copy(f, folder / f.name)
    return folder


def fixture_views() -> list:
    """[(view, phrase)] of the fixture's cases."""
    cases = np.load(FIXTURE / "cases.npz")
    n = len([k for k in cases.files if k.startswith("view_")])
    return [(cases[f"view_{i}"], str(cases[f"phrase_{i}"])) for i in range(n)]


def main() -> None:
    segmenter = Segmenter.from_name(f"rsrefseg2:{fixture_folder()}", device="cpu")
    cases = np.load(FIXTURE / "cases.npz")
    rows = []
    for i, (view, phrase) in enumerate(fixture_views()):
        emb = segmenter.encode(view)
        segmenter.refiner.restore(emb.sam_state)
        out = segmenter.strategy.forward(emb.clip_patches, phrase, segmenter.refiner)
        result = segmenter.segment(view, phrase, embeddings=emb)
        mask = result.masks[0] if result.masks else np.zeros(view.shape[:2], bool)
        gt = cases[f"mask_{i}"].astype(bool)
        rows.append({"view": list(view.shape[:2]), "phrase": phrase, "branch": int(cases[f"branch_{i}"]),
                     "mask_iou": round(float(iou(mask, gt)), 6), "pixels_differing": int((mask != gt).sum()),
                     "lowres_max_abs": float(np.abs(out["low_res"][0].numpy() - cases[f"lowres_{i}"].reshape(1, 256, 256)).max()),
                     "dense_max_abs": float(np.abs(out["dense"][0].numpy() - cases[f"dense_{i}"].reshape(out["dense"][0].shape)).max()),
                     "sparse_max_abs": float(np.abs(out["sparse"][0].numpy() - cases[f"sparse_{i}"].reshape(out["sparse"][0].shape)).max())})
    print(json.dumps({"cases": rows, "min_mask_iou": min(r["mask_iou"] for r in rows),
                      "max_lowres_abs": max(r["lowres_max_abs"] for r in rows)}, indent=1))


if __name__ == "__main__":
    main()
