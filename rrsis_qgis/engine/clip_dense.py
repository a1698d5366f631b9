"""open_clip encoders made dense: text-aligned patch features (ClearCLIP last block) and token features.

Towers are told apart by their structure, never by a model name. Vision: open_clip's own ViT (OpenAI
CLIP, RemoteCLIP: class token, patch 14/16/32) or a timm ViT inside open_clip (SigLIP / SigLIP 2: no
class token, attention-pooling head). Text: CLIP's causal tower (pooled at end-of-text) or SigLIP's
bidirectional one (fixed length, pooled at the last position).
"""
from __future__ import annotations

import logging
import zipfile
from importlib import resources
from pathlib import Path
from typing import Optional

import numpy as np
import open_clip
import torch
import torch.nn.functional as F
from open_clip.tokenizer import HFTokenizer
from open_clip.transformer import text_global_pool

from .clip_towers import TextTower, vision_tower
from .gemma_bos_eos import restore_bos_eos
from .load_rules import LoadError, load_state_into, loading, was_verified
from .specs import CONFIG_PACKAGE, ClipSpec, custom_clip_config

# Remote-sensing prompt templates averaged into the global text embedding (CLIP prompt ensembling).
TEMPLATES = ("a satellite image of {}.", "an aerial photo of {}.", "{}")
log = logging.getLogger(__name__)


class TokenizerUnavailable(ValueError):
    """The model's tokenizer cannot be loaded here (SigLIP's comes from Hugging Face); the message says what to do."""


class DenseClip:
    """Dense CLIP features for a view and global + per-token embeddings for a phrase."""

    def __init__(self, spec: ClipSpec, device: torch.device, checkpoint: Optional[Path] = None, tokenizer=None):
        if custom_clip_config(spec.arch) is not None:
            with resources.as_file(resources.files(CONFIG_PACKAGE).joinpath(f"{spec.arch}.json")) as cfg:
                open_clip.add_model_config(cfg)
        self.tokenizer = tokenizer or load_tokenizer(spec)  # before the (slow) model build: fail fast
        logging.disable(logging.WARNING)  # open_clip warns "initialized randomly" before we load weights
        try:
            model = open_clip.create_model(spec.arch, pretrained=None, force_quick_gelu=spec.quick_gelu)
        finally:
            logging.disable(logging.NOTSET)
        if checkpoint is not None:
            load_state_into(model, load_clip_state_dict(checkpoint), checkpoint)  # LoadError names what is wrong
        self.vision = vision_tower(model.visual)  # ValueError for towers we cannot make dense
        self.text = TextTower(model)
        self.model = model.to(device).eval()
        self.device = device
        self.spec = spec
        pre = model.visual.preprocess_cfg
        self.mean = torch.tensor(spec.mean or pre["mean"], device=device).view(1, 3, 1, 1)
        self.std = torch.tensor(spec.std or pre["std"], device=device).view(1, 3, 1, 1)
        self.patch = self.vision.patch
        self.special_ids = torch.tensor(sorted(_special_ids(self.tokenizer) | {self.text.pad_id}), device=device)

    @torch.inference_mode()
    def image_features(self, rgb: np.ndarray) -> torch.Tensor:
        """H×W×3 uint8 → D×gh×gw L2-normalised patch features aligned with the text space.

        The grid covers the whole view; positional embeddings are interpolated to it.
        """
        x, (gh, gw) = self.prepare(rgb)
        dense = F.normalize(self.vision.dense(x, (gh, gw)), dim=-1)[0]  # N×D
        return dense.transpose(0, 1).reshape(-1, gh, gw)

    @torch.inference_mode()
    def text_features(self, phrase: str) -> tuple:
        """(global D, tokens T×D): the template-averaged embedding and the phrase's content tokens."""
        return self.text_features_many([phrase])[0]

    @torch.inference_mode()
    def text_features_many(self, phrases: list) -> list:
        """``text_features`` of each phrase from one pass of the text tower (a query's target, plain target
        and landmarks together: ~half the time of one pass each on a CPU)."""
        n = len(TEMPLATES)
        ids = self.tokenize([t.format(p) for p in phrases for t in TEMPLATES])
        x, pooled, _ = self.text_tokens(ids)
        pooled = F.normalize(pooled, dim=-1)
        out = []
        for i in range(len(phrases)):
            glob = F.normalize(pooled[i * n:(i + 1) * n].mean(0), dim=-1)
            raw = i * n + n - 1  # the bare "{}" template: its tokens are the phrase's own
            if self.text.pool_type == "argmax":  # CLIP: start token, the phrase, end-of-text (the largest id)
                content = x[raw, 1:ids[raw].argmax()]
            else:  # every token that is not a special one (start, end, padding)
                content = x[raw][~torch.isin(ids[raw], self.special_ids)]
            if content.shape[0] == 0:
                content = pooled[raw:raw + 1]
            out.append((glob, F.normalize(content, dim=-1)))
        return out

    def prepare(self, rgb: np.ndarray, input_size: Optional[int] = None) -> tuple:
        """H×W×3 uint8 view → normalised 1×3×H'×W' input and its patch grid (see ``prepare_batch``)."""
        return self.prepare_batch(rgb_tensor(rgb, self.device), input_size)

    def prepare_batch(self, x: torch.Tensor, input_size: Optional[int] = None) -> tuple:
        """B×3×H×W in [0, 1] → normalised input of whole patches, long side near ``input_size``."""
        h, w = x.shape[-2:]
        scale = (input_size or self.spec.input_size) / max(h, w)
        gh = max(1, round(h * scale / self.patch))
        gw = max(1, round(w * scale / self.patch))
        x = F.interpolate(x, size=(gh * self.patch, gw * self.patch), mode="bilinear",
                          align_corners=False, antialias=True)
        return (x - self.mean) / self.std, (gh, gw)

    def image_tokens(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Prepared B×3×H×W → B×N×D patch tokens of the unmodified tower (the trained path; differentiable)."""
        return self.vision.tokens(x, grid)

    def tokenize(self, phrases: list) -> torch.Tensor:
        """Token ids B×L; for a causal tower cut after the longest phrase's end-of-text token.

        Causal attention changes nothing up to the end-of-text token when the padding after it is
        cut off (77 → ~15 tokens, ~5× less text compute). A bidirectional tower pooled at its last
        position (SigLIP) needs the full, fixed length.
        """
        ids = self.tokenizer(phrases).to(self.device)
        if self.text.cut_after_eot:
            ids = ids[:, : int(ids.argmax(dim=-1).max()) + 1]
        return ids

    def text_tokens(self, ids: torch.Tensor) -> tuple:
        """Token ids → (B×L×D token features, B×D pooled embedding, B×L bool padding mask); differentiable."""
        x = self.text(ids)
        pooled = text_global_pool(x, ids, self.text.pool_type, eos_token_id=self.text.eos_id)
        if self.text.pool_type == "argmax":
            padding = torch.arange(ids.shape[1], device=ids.device)[None] > ids.argmax(dim=-1)[:, None]
        else:
            padding = ids == self.text.pad_id
        return x, pooled, padding

    @property
    def embed_dim(self) -> int:
        """Width of the joint image–text space (CLIP: the text projection's output; SigLIP: its tower width)."""
        proj = self.text.projection
        if proj is None:
            return self.text.t.ln_final.normalized_shape[0]
        return proj.out_features if isinstance(proj, torch.nn.Linear) else int(proj.shape[1])


def load_tokenizer(spec: ClipSpec):
    """open_clip's tokenizer for ``spec.arch``; a clear error when a Hugging Face tokenizer cannot be loaded.

    CLIP's BPE ships with open_clip. SigLIP's tokenizers come from the Hugging Face hub (the
    ``transformers`` package and files fetched on first use into the Hugging Face cache). With random
    weights (benchmarks) a stand-in with the same sequence layout is used instead: the text tower's
    compute depends on the sequence length only, and random weights make the ids meaningless anyway.
    """
    text_cfg = (open_clip.get_model_config(spec.arch) or {}).get("text_cfg", {})
    hub_name = text_cfg.get("hf_tokenizer_name")
    try:
        tokenizer = open_clip.get_tokenizer(spec.arch)
        if isinstance(tokenizer, HFTokenizer):
            _bos_eos_as_in_4_53_1(tokenizer.tokenizer)
        return tokenizer
    except Exception as exc:  # ImportError (no transformers), OSError (offline, not cached), hub errors
        if not hub_name:
            raise
        if spec.weights is None:
            log.warning("%s: tokenizer %s unavailable (%s); random weights, so a stand-in tokenizer is used",
                        spec.arch, hub_name, exc)
            return StandInTokenizer(text_cfg.get("context_length", 64))
        raise TokenizerUnavailable(
            f"{spec.arch} needs the tokenizer '{hub_name}' from Hugging Face, which cannot be loaded here "
            f"({type(exc).__name__}: {exc}). It needs the 'transformers' package (pip install -c constraints.txt "
            f"transformers) and, once, a network connection: the tokenizer files (~35 MB) are then kept in the "
            f"Hugging Face cache (~/.cache/huggingface, or $HF_HOME). On an offline machine copy that cache "
            f"folder from a machine where it was filled, and set HF_HUB_OFFLINE=1."
        ) from exc


def _bos_eos_as_in_4_53_1(hf_tokenizer):
    """A Gemma tokenizer (SigLIP 2's) adds BOS/EOS as its tokenizer_config.json's flags say, as transformers 4.53.1
    did; transformers 5 would use tokenizer.json's template instead."""
    from transformers.models.auto.tokenization_auto import get_tokenizer_config  # noqa: PLC0415

    restore_bos_eos(hf_tokenizer, get_tokenizer_config(hf_tokenizer.name_or_path))


class StandInTokenizer:
    """For random weights only: CLIP's BPE ids laid out like SigLIP's (ids, end token 1, padding 0 up to a length)."""

    PAD, EOS = 0, 1

    def __init__(self, context_length: int):
        self.context_length = context_length
        self.bpe = open_clip.SimpleTokenizer()
        self.all_special_ids = [self.PAD, self.EOS]

    def __call__(self, texts) -> torch.Tensor:
        texts = [texts] if isinstance(texts, str) else list(texts)
        out = torch.full((len(texts), self.context_length), self.PAD, dtype=torch.long)
        for i, text in enumerate(texts):
            ids = [t + 2 for t in self.bpe.encode(text)][: self.context_length - 1] + [self.EOS]
            out[i, : len(ids)] = torch.tensor(ids)
        return out


def _special_ids(tokenizer) -> set:
    ids = getattr(tokenizer, "all_special_ids", None)
    if ids is None:  # open_clip's HFTokenizer wraps a transformers tokenizer
        ids = getattr(getattr(tokenizer, "tokenizer", None), "all_special_ids", [])
    return {int(i) for i in ids}


def rgb_tensor(rgb: np.ndarray, device=None) -> torch.Tensor:
    """H×W×3 uint8 → 1×3×H×W float in [0, 1]."""
    x = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1)[None].float() / 255.0
    return x.to(device) if device is not None else x


def load_clip_state_dict(path: Path) -> dict:
    """A CLIP state dict from an open_clip checkpoint (.pt/.bin/.safetensors) or an OpenAI TorchScript archive.

    Loading a TorchScript archive runs the code inside it: only a file that matched its pinned sha256
    (load_rules.verify_pinned, done by weights.resolve_weights) is loaded that way.
    """
    path = Path(path)
    with loading(path):
        if path.stat().st_size == 0:
            raise LoadError("the file is empty (0 bytes)", path)
        if path.suffix == ".safetensors":
            from safetensors.torch import load_file  # noqa: PLC0415 (only SigLIP's hub files are safetensors)

            return load_file(str(path), device="cpu")
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                scripted = any(name.endswith("constants.pkl") for name in z.namelist())
            if scripted:
                if not was_verified(path):
                    raise LoadError(f"{path} is a TorchScript archive, which runs code when it is loaded; only a file "
                                    "whose sha256 the weights manifest pins (OpenAI's CLIP files) is loaded that way",
                                    path, "save its state dict instead: torch.save(model.state_dict(), PATH)")
                state = torch.jit.load(str(path), map_location="cpu").state_dict()
                return {k: v for k, v in state.items() if k not in ("input_resolution", "context_length", "vocab_size")}
        state = torch.load(str(path), map_location="cpu", weights_only=True)
        if isinstance(state, dict) and "state_dict" in state:
            state = state["state_dict"]
        if not isinstance(state, dict):
            raise LoadError(f"{path} holds a {type(state).__name__}, not a CLIP state dict", path)
        return {k.removeprefix("module.") if isinstance(k, str) else k: v for k, v in state.items()}
