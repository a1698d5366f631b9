"""``rsrefseg2:FILE_OR_FOLDER`` or a release preset → a Segmenter computing the released model exactly."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import torch

from ..device import compute_precision, resolve_device
from ..releases import is_family, load_releases, random_base, release_files
from ..sam2_adapter import Sam2Refiner
from ..sam2_variant import sam21_spec
from ..specs import ClipSpec, ModelSpec
from . import PREFIX
from .checkpoint import ReleaseError, ReleaseState, check_complete, read_release, shapes_of, unused_reason
from .model import CANVAS_PER_SIGLIP_INPUT, RSRefSeg2Model
from .prompter import CascadedPrompter, PrompterSizes
from .siglip import build_text, build_vision, vision_config
from .strategy import RSRefSeg2
from .tokenizer import find_tokenizer, has_tokenizer, load_tokenizer


@dataclass(frozen=True)
class Located:
    name: str  # what the backend reports as the loaded model
    checkpoint: Path
    tokenizer: Path
    description: str


def is_rsrefseg2_model(name: str) -> bool:
    return is_family(name, "rsrefseg2")


def locate(name: str, models_dir: Optional[Path] = None) -> Located:
    """The checkpoint and tokenizer a name means; raises MissingWeightsError / ReleaseError with the fix."""
    release = load_releases().get(name)
    if release is not None:
        files = release_files(release, models_dir)
        ckpt = files[release.checkpoint]
        return Located(name, ckpt, files[release.extra[0]].parent, f"{release.description}; trained on {release.trained_on}")
    path = Path(name[len(PREFIX):]).expanduser()
    if path.is_dir():
        found = sorted(path.glob("*.pth"))
        if len(found) != 1:
            raise ReleaseError(f"{path} should hold exactly one RSRefSeg 2 .pth file, it holds {len(found)}")
        tokenizer = path if has_tokenizer(path) else find_tokenizer(found[0], models_dir)
        path = found[0]
    else:
        tokenizer = find_tokenizer(path, models_dir) if path.is_file() else None
    if not path.is_file():
        raise ReleaseError(f"RSRefSeg 2 checkpoint not found: {path}")
    return Located(f"{PREFIX}{path.resolve()}", path, tokenizer, f"RSRefSeg 2 checkpoint {path.name}")


def load_model(located: Located, device: torch.device, state: Optional[ReleaseState] = None,
               refiner: Optional[Sam2Refiner] = None) -> tuple:
    """(RSRefSeg2Model, Sam2Refiner, ReleaseState) on ``device`` in fp32, every weight from the file
    (or from ``state``, weights already read; ``refiner``: a SAM 2.1 of that state's shapes already built)."""
    state = state or read_release(located.checkpoint)
    parts, path = state.parts, located.checkpoint
    side = CANVAS_PER_SIGLIP_INPUT * vision_config(parts["vision"], path).image_size  # 1024 for the releases
    try:
        sam_spec = sam21_spec(parts["sam"], image_size=side)
        sizes = PrompterSizes.from_state(parts["prompter"])
    except KeyError as exc:
        raise ReleaseError(f"{path} is not an RSRefSeg 2 checkpoint of the official layout: it has no {exc}") from None
    refiner = refiner or Sam2Refiner(sam_spec, device, stability_fallback=True)
    check_complete(refiner.image_path_shapes(), parts["sam"], "SAM 2.1 image path", path)
    refiner.load_image_path({k: v.to(device) for k, v in parts["sam"].items()})
    vision, text = build_vision(parts["vision"], path), build_text(parts["text"], path)
    scale = parts["text_scale"]
    if set(scale) != {"logit_scale", "logit_bias"}:
        raise ReleaseError(f"{path} is incomplete: SigLIP's logit_scale and logit_bias are missing")
    prompter = CascadedPrompter(sizes)
    check_complete(shapes_of(prompter), parts["prompter"], "cascaded prompter", path)
    prompter.load_state_dict(parts["prompter"])
    model = RSRefSeg2Model(vision, text, scale["logit_scale"], scale["logit_bias"], prompter,
                           load_tokenizer(located.tokenizer))
    model.to(device).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model, refiner, state


def rsrefseg2_segmenter(name: str, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0,
                        precision: str = "fp32"):
    """A Segmenter whose strategy is the released model (``--model rsrefseg2:…`` or a preset); weights in fp32,
    computed in fp32 (exactly the official model) or under bf16 autocast (``precision="bf16"``)."""
    from ..segmenter import Segmenter  # noqa: PLC0415 (segmenter imports this package lazily too)

    dev = resolve_device(device)
    compute_precision(dev, precision)  # an unknown precision or device fails here, before the long load
    t0 = time.perf_counter()
    if random_base(name):
        located, state, refiner = _random_release(name, seed, dev)
    else:
        located, state, refiner = locate(name, models_dir), None, None
    model, refiner, state = load_model(located, dev, state, refiner)
    vision = model.vision.config
    spec = ModelSpec(name=located.name, description=located.description,
                     clip=ClipSpec(arch=f"siglip2-{vision.hidden_size}w-{vision.patch_size}px", weights=None,
                                   quick_gelu=False, input_size=vision.image_size),
                     sam2=refiner.spec)
    segmenter = Segmenter.assemble(spec, dev, refiner, RSRefSeg2(model, refiner.mask_side))
    segmenter.precision = precision
    segmenter.load_report = {"seconds": round(time.perf_counter() - t0, 2), "lora_layers": state.lora_layers,
                             "lora_rank": state.lora_rank, "file_dtype": state.file_dtype,
                             "unused": sorted(set(state.unused.values()))}
    return segmenter


def _random_release(name: str, seed: int, device: torch.device) -> tuple:
    """The released architecture with random weights (benchmarks): no file, a stand-in tokenizer; its SAM 2.1
    built once."""
    import tempfile  # noqa: PLC0415

    from .random_release import RELEASED, random_release, standin_tokenizer  # noqa: PLC0415

    folder = standin_tokenizer(Path(tempfile.mkdtemp(prefix="rrsis-rsrefseg2-tokenizer-")))
    located = Located(name, Path(name), folder, f"{load_releases()[random_base(name)].description} — random weights "
                                                 "and a stand-in tokenizer (benchmarks, tests)")
    parts, refiner = random_release(RELEASED, seed, device)
    used = {part: {k: v for k, v in state.items() if not unused_reason(part, k, "")} for part, state in parts.items()}
    return located, ReleaseState(Path(name), used), refiner
