"""``rs2sam2:FOLDER`` or a release preset → a Segmenter computing the released RS2-SAM 2 model exactly."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import torch

from ..device import resolve_device
from ..load_rules import check_fits
from ..releases import is_family, load_releases, locate_folder, random_base
from ..sam2_adapter import Sam2Refiner
from ..sam2_text import TEXT_DIM, add_text_modules
from ..sam2_variant import sam20_spec
from ..specs import ClipSpec, ModelSpec
from .beit3 import Beit3Sizes
from .checkpoint import ReleaseFolder, RS2SAM2Error, read_folder
from .model import RS2SAM2Heads
from .strategy import RS2SAM2
from .tokenizer import load_tokenizer

PREFIX = "rs2sam2:"
BEIT_PREFIX = "mm_extractor.beit3."


@dataclass(frozen=True)
class Located:
    name: str  # what the backend reports as the loaded model
    folder: Path
    description: str


def is_rs2sam2_model(name: str) -> bool:
    return is_family(name, "rs2sam2")


def locate(name: str, models_dir: Optional[Path] = None) -> Located:
    """The release folder a name means; raises MissingWeightsError / RS2SAM2Error saying what to do."""
    return Located(*locate_folder(name, PREFIX, "RS2-SAM 2 release folder", models_dir))


def build_model(spec, sizes: Beit3Sizes, out_dim: int, device: torch.device) -> tuple:
    """(RS2SAM2Heads, Sam2Refiner) of the given sizes, fp32 on ``device``, module-initialised weights."""
    refiner = Sam2Refiner(spec, device)
    add_text_modules(refiner.model)
    return RS2SAM2Heads(sizes, out_dim=out_dim), refiner


def load_model(release: ReleaseFolder, device: torch.device) -> tuple:
    """(RS2SAM2Heads, Sam2Refiner, tokenizer), every weight on the path from the folder."""
    path = release.path
    try:
        spec = sam20_spec(release.sam)
        sizes = Beit3Sizes.from_state(release.heads, BEIT_PREFIX)
    except KeyError as exc:
        raise RS2SAM2Error(f"{path} is not an RS2-SAM 2 release of the official layout: it has no {exc}") from None
    heads, refiner = build_model(spec, sizes, int(release.config.get("out_dim", TEXT_DIM)), device)
    sam = refiner.model
    expected = {k: v for k, v in sam.state_dict().items() if k.split(".")[0] in Sam2Refiner.IMAGE_PATH}
    check_fits(expected, release.sam, path)
    refiner.load_image_path({k: v.to(device) for k, v in release.sam.items()})
    check_fits(heads.state_dict(), release.heads, path)
    heads.load_state_dict(release.heads)
    return heads, refiner, load_tokenizer(path)


def rs2sam2_segmenter(name: str, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0):
    """A Segmenter whose strategy is the released model (``--model rs2sam2:…`` or a preset)."""
    from ..segmenter import Segmenter  # noqa: PLC0415 (segmenter imports this package lazily too)

    dev = resolve_device(device)
    t0 = time.perf_counter()
    if random_base(name):
        from .random_release import random_model  # noqa: PLC0415

        located = Located(name, Path(name), f"{load_releases()[random_base(name)].description} — random weights and a "
                                            "stand-in tokenizer (benchmarks, tests)")
        torch.manual_seed(seed)
        (heads, refiner, tok), report = random_model(dev, build_model), {"weights_file": None, "unused": []}
    else:
        located = locate(name, models_dir)
        release = read_folder(located.folder)
        (heads, refiner, tok) = load_model(release, dev)
        report = {"weights_file": release.weights_file, "unused": sorted(set(release.unused.values()))}
    for module in (heads, refiner.model):
        module.to(dev).eval()
        for p in module.parameters():
            p.requires_grad_(False)
    spec = ModelSpec(name=located.name, description=located.description,
                     clip=ClipSpec(arch=f"beit3-{heads.sizes.dim}w-{heads.sizes.layers}l", weights=None,
                                   quick_gelu=False, input_size=heads.sizes.img_size),
                     sam2=refiner.spec)
    segmenter = Segmenter.assemble(spec, dev, refiner, RS2SAM2(heads, tok, refiner.model, refiner.mask_side))
    segmenter.load_report = {"seconds": round(time.perf_counter() - t0, 2), **report}
    return segmenter
