"""RS2-SAM 2 at the released size (random weights): load, first query, second phrase on the view, peak RSS.

    .venv/bin/python bench/rs2sam2_release.py [--runs 3] [--folder /tmp/rs2] [--skip-quality]

With ``--folder`` a release folder of random weights is written there first (BEiT-3 large + SAM 2.0
hiera-L with the adapters, fp32 safetensors: the released shapes and size) and loaded as
``rs2sam2:FOLDER``, so the load time of a real folder is measured; without it the ``rs2sam2-rrsisd-random``
preset is built in memory. Each model runs in its own process (its own peak RSS), then ``quality-random``
on the same 1024² view. Prints one JSON object: medians and the ratios of the same run. The second phrase
on an encoded view reuses only the patch embeddings (the phrase conditions both encoders), so its ratio to
the first query says how little a cache can do for this family.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rsrefseg2_release import run_child  # noqa: E402 (the per-model child process is the same)


def write_random_folder(folder: Path) -> float:
    """A release folder at the released sizes with random weights; returns its size in GB."""
    import torch  # noqa: PLC0415
    from safetensors.torch import save_file  # noqa: PLC0415

    from rrsis_qgis.engine.rs2sam2.build import build_model  # noqa: PLC0415
    from rrsis_qgis.engine.rs2sam2.random_release import RELEASED_SAM, standin_tokenizer  # noqa: PLC0415
    from rrsis_qgis.engine.rs2sam2.beit3 import Beit3Sizes  # noqa: PLC0415

    heads, refiner = build_model(RELEASED_SAM, Beit3Sizes(), 256, torch.device("cpu"))
    state = {**{f"visual_model.{k}": v for k, v in refiner.model.state_dict().items()}, **heads.state_dict()}
    folder.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in state.items()}, str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps({"model_type": "evf", "hidden_size": 1024, "out_dim": 256}))
    standin_tokenizer(folder)
    return (folder / "model.safetensors").stat().st_size / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--folder", type=Path, help="write a random release folder here and load it from disk")
    ap.add_argument("--skip-quality", action="store_true")
    args = ap.parse_args()
    out = {"bench": "rs2sam2_release", "view": "1024x1024"}
    model = "rs2sam2-rrsisd-random"
    if args.folder:
        t = time.perf_counter()
        if not (args.folder / "model.safetensors").is_file():
            out["folder_gb"] = round(write_random_folder(args.folder), 3)
        out["folder_written_s"] = round(time.perf_counter() - t, 1)
        model = f"rs2sam2:{args.folder}"
    release = run_child(model, args.runs)
    out["rs2sam2"] = release
    if not args.skip_quality:
        quality = run_child("quality-random", args.runs)
        out["quality"] = quality
        out["first_query_rs2sam2_over_quality"] = round(release["first_query_ms"] / quality["first_query_ms"], 3)
        out["second_phrase_rs2sam2_over_quality"] = round(release["cache_hit_ms"] / quality["cache_hit_ms"], 3)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
