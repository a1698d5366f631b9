"""``sam3``, ``sam3:FOLDER`` or ``sam3-random`` → a Segmenter whose strategy is SAM 3 + our reasoner."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import torch

from ..device import resolve_device
from ..releases import is_family, load_releases, locate_folder, random_base
from ..specs import ClipSpec, ModelSpec, Sam2Spec

PREFIX = "sam3:"


def is_sam3_model(name: str) -> bool:
    return is_family(name, "sam3")


def locate(name: str, models_dir: Optional[Path] = None) -> tuple:
    """(the name the backend reports, the folder, a description); MissingWeightsError for a preset's missing file."""
    return locate_folder(name, PREFIX, "SAM 3 + our reasoner, folder", models_dir)


def load_model(folder: Path) -> tuple:
    """(Sam3Model with the folder's weights, Sam3Processor), every file checked first."""
    from transformers import Sam3Config, Sam3Model, Sam3Processor  # noqa: PLC0415
    from transformers.initialization import no_init_weights  # noqa: PLC0415

    from .checkpoint import Sam3Error, check_weights, read_folder  # noqa: PLC0415

    found = read_folder(folder)
    try:
        config = Sam3Config(**{k: v for k, v in found.config.items() if k != "model_type"})
        processor = Sam3Processor.from_pretrained(str(folder), local_files_only=True)
    except Exception as exc:  # noqa: BLE001 (transformers raises many kinds for a broken folder)
        raise Sam3Error(f"{folder}: the config or the processor files do not load ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    with no_init_weights():  # every weight comes from the file (check_weights), none needs a random start
        model = Sam3Model(config)
    check_weights(model, found)
    model.load_state_dict(found.state)
    return model, processor, found


def sam3_segmenter(name: str, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0,
                   full_size: bool = False):
    """A Segmenter running SAM 3 + the reasoner; a preset with files missing raises MissingWeightsError.
    ``full_size``: ``sam3-random`` at Sam3Config()'s sizes (the release's cost, for benchmarks)."""
    from ..segmenter import Segmenter  # noqa: PLC0415
    from .detector import SCORE_THRESHOLD, Sam3Detector  # noqa: PLC0415
    from .strategy import Sam3Strategy  # noqa: PLC0415

    dev = resolve_device(device)
    t0 = time.perf_counter()
    if random_base(name):
        from .random_release import random_model  # noqa: PLC0415

        torch.manual_seed(seed)
        (model, processor), report = random_model(full_size), {"weights_file": None, "unused": []}
        located = (name, f"{load_releases()[random_base(name)].description} — "
                         f"{'the released sizes' if full_size else 'a small config'} with random weights and a "
                         "stand-in tokenizer (benchmarks, tests)")
        threshold = None  # random scores never pass SAM 3's threshold: keep the best instances
    else:
        reported, folder, description = locate(name, models_dir)
        model, processor, found = load_model(folder)
        located, threshold = (reported, description), SCORE_THRESHOLD
        report = {"weights_file": found.weights_file, "unused": sorted(set(found.unused.values()))}
    model.to(dev).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    side = int(model.config.vision_config.backbone_config.image_size)
    spec = ModelSpec(name=located[0], description=located[1],
                     clip=ClipSpec(arch=f"sam3-vit-{model.config.vision_config.backbone_config.hidden_size}w",
                                   weights=None, quick_gelu=False, input_size=side),
                     sam2=Sam2Spec(config="sam3", weights=None, image_size=side))
    segmenter = Segmenter.assemble(spec, dev, None, Sam3Strategy(Sam3Detector(model, processor, threshold)))
    segmenter.load_report = {"seconds": round(time.perf_counter() - t0, 2), **report}
    return segmenter

