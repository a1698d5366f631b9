"""The one module that reaches into the `sam2` package: build, encode images, decode prompts (points, boxes, embeddings)."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch

from .prompts import Prompts
from .specs import Sam2Spec


@dataclass
class Refined:
    mask: np.ndarray  # H×W bool, view size
    iou: float  # SAM's predicted IoU of the chosen mask
    low_res_logits: np.ndarray  # 1×S×S


def sam_features(model, backbone_out: dict) -> dict:
    """SAM2Base's ``forward_image`` output → the decoder's features, as the image predictor prepares them
    (``no_mem_embed`` added): {"image_embed": B×C×g×g, "high_res_feats": [B×C/8×4g×4g, B×C/4×2g×2g]}."""
    _, vision_feats, _, sizes = model._prepare_backbone_features(backbone_out)
    if model.directly_add_no_mem_embed:
        vision_feats[-1] = vision_feats[-1] + model.no_mem_embed
    b = backbone_out["vision_features"].shape[0]
    feats = [f.permute(1, 2, 0).reshape(b, -1, *hw) for f, hw in zip(vision_feats, sizes)]
    return {"image_embed": feats[-1], "high_res_feats": feats[:-1]}


class Sam2Refiner:
    """SAM2ImagePredictor around a model built from a :class:`Sam2Spec` (random or checkpoint weights)."""

    # SAM2Base's parts on the image referring path, by attribute name (the video memory modules are not)
    ENCODER = "image_encoder"
    ENCODER_EXTRA = "no_mem_embed"  # added to every image embedding
    DECODER_PARTS = ("sam_mask_decoder", "sam_prompt_encoder")

    IMAGE_PATH = (ENCODER, ENCODER_EXTRA, *DECODER_PARTS)

    def __init__(self, spec: Sam2Spec, device: torch.device, checkpoint: Optional[Path] = None,
                 stability_fallback: bool = False):
        """``stability_fallback``: sam2's ``apply_postprocessing`` (a single-mask decode whose token 0 is
        unstable falls back to the best of tokens 1–3, δ 0.05, threshold 0.98), as RSRefSeg 2 builds it."""
        from sam2.build_sam import build_sam2  # noqa: PLC0415 (importing sam2 initialises Hydra)
        from sam2.sam2_image_predictor import SAM2ImagePredictor  # noqa: PLC0415

        model = build_sam2(spec.config, str(checkpoint) if checkpoint else None, device=str(device),
                           hydra_overrides_extra=list(spec.overrides), apply_postprocessing=stability_fallback)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # sam2 scripts its transforms with torch.jit
            self.predictor = SAM2ImagePredictor(model)
        side = spec.image_size
        # The predictor hard-codes the feature sizes of a 1024-px model.
        self.predictor._bb_feat_sizes = [(side // 4, side // 4), (side // 8, side // 8), (side // 16, side // 16)]
        self.mask_side = side // 4
        self.spec = spec
        self.model = model
        self.image_size = side

    # ---- the trained path: batched, differentiable, prompt *embeddings* instead of points/boxes
    def preprocess(self, images: torch.Tensor) -> torch.Tensor:
        """B×3×H×W float in [0, 1] → the encoder's input (resize + normalise, exactly as ``set_image``)."""
        return self.predictor._transforms.transforms(images)

    def encode_batch(self, images: torch.Tensor) -> dict:
        """Preprocessed B×3×S×S → {"image_embed": B×C×g×g, "high_res_feats": [B×C/8×4g×4g, B×C/4×2g×2g]}."""
        return sam_features(self.model, self.model.forward_image(images))

    def features(self) -> dict:
        """The current view's encoder output (after ``set_image`` or ``restore``), batch of one."""
        return self.predictor._features

    @property
    def prompt_dim(self) -> int:
        return self.model.sam_prompt_embed_dim

    def single_mask_decoding(self) -> None:
        """Always the first mask token, in training and inference alike (no stability-based switching)."""
        self.model.sam_mask_decoder.dynamic_multimask_via_stability = False

    def user_prompts(self, points: Optional[np.ndarray], boxes: Optional[np.ndarray], hw: tuple, n: int):
        """View-pixel points (N×3: x, y, label) and boxes (M×4) → SAM 2 point prompts for ``n`` decodes, or None.

        Boxes become corner points with SAM's box labels (2, 3), as the predictor does.
        """
        coords, labels = [], []
        if points is not None and len(points):
            pts = np.asarray(points, np.float32).reshape(-1, 3)
            coords.append(pts[:, :2])
            labels.append(pts[:, 2].astype(np.int64))
        if boxes is not None and len(boxes):
            corners = np.asarray(boxes, np.float32).reshape(-1, 2, 2)[:1]  # one box: the user's
            coords.append(corners.reshape(-1, 2))
            labels.append(np.array([2, 3], np.int64))
        if not coords:
            return None
        t = torch.as_tensor(np.concatenate(coords), device=self.model.device)
        t = self.predictor._transforms.transform_coords(t, normalize=True, orig_hw=tuple(hw))
        lab = torch.as_tensor(np.concatenate(labels), device=self.model.device)
        return t[None].expand(n, -1, -1), lab[None].expand(n, -1)

    def decode_embeddings(self, features: dict, sparse: torch.Tensor, dense_logits: Optional[torch.Tensor],
                          user: Optional[tuple] = None) -> tuple:
        """Learned sparse tokens B×T×C + dense mask logits B×1×M×M → (low-res logits B×1×4g×4g, iou B×1).

        One image per prompt set (features and prompts share the batch dimension); single-mask
        output, no stability switching, so training and inference decode the same way. ``user``
        point prompts (from :meth:`user_prompts`) join the learned tokens.
        """
        model = self.model
        b = sparse.shape[0]
        empty, dense = model.sam_prompt_encoder(points=user, boxes=None, masks=dense_logits)
        if dense_logits is None:
            dense = dense.expand(b, -1, -1, -1)
        tokens = torch.cat([empty.expand(b, -1, -1), sparse], dim=1)
        decoder = model.sam_mask_decoder
        masks, iou, _, _ = decoder.predict_masks(
            image_embeddings=features["image_embed"], image_pe=model.sam_prompt_encoder.get_dense_pe(),
            sparse_prompt_embeddings=tokens, dense_prompt_embeddings=dense, repeat_image=False,
            high_res_features=features["high_res_feats"])
        return masks[:, 0:1], iou[:, 0:1]

    # ---- a model that brings its own preprocessing (RSRefSeg 2: letterboxed 1024² canvas, 9 learned tokens)
    def image_path_shapes(self) -> dict:
        """State-dict key → shape of the modules on the image referring path (the video memory is not)."""
        return {k: v.shape for k, v in self.model.state_dict().items() if k.split(".")[0] in self.IMAGE_PATH}

    def load_image_path(self, state: dict) -> None:
        """Take ``state`` (exactly the keys of :meth:`image_path_shapes`) as the image path's weights."""
        result = self.model.load_state_dict(state, strict=False)
        if result.unexpected_keys:
            raise KeyError(f"not SAM 2 weights: {result.unexpected_keys[:3]}")

    def set_canvas(self, normalized: torch.Tensor, view_hw: tuple) -> None:
        """Encode an already preprocessed 1×3×S×S canvas as the current view (instead of ``set_image``)."""
        with torch.inference_mode():
            features = self.encode_batch(normalized.to(self.model.device))
        p = self.predictor
        p._features, p._orig_hw = features, [tuple(view_hw)]
        p._is_image_set, p._is_batch = True, False

    @torch.inference_mode()
    def decode_single(self, sparse: torch.Tensor, dense_logits: torch.Tensor, points: Optional[tuple] = None) -> tuple:
        """The mask decoder's own single-mask forward (with the stability fallback when built with it, in eval
        mode) on the current view: learned tokens B×T×C (after any ``points`` = (B×N×2 canvas px, B×N labels))
        and dense logits B×1×M×M → (low-res logits B×1×M×M, predicted IoU B×1)."""
        return self.decode_tokens(self.predictor._features, sparse, dense_logits, points)

    def decode_tokens(self, feats: dict, sparse: torch.Tensor, dense_logits: torch.Tensor,
                      points: Optional[tuple] = None) -> tuple:
        """:meth:`decode_single` on given features (batch of one view, or one per prompt set); differentiable."""
        model = self.model
        b = sparse.shape[0]
        first, dense = model.sam_prompt_encoder(points=points, boxes=None, masks=dense_logits)
        tokens = torch.cat([first.expand(b, -1, -1), sparse], dim=1)
        low, iou, _, _ = model.sam_mask_decoder(
            image_embeddings=feats["image_embed"].expand(b, -1, -1, -1),
            image_pe=model.sam_prompt_encoder.get_dense_pe(), sparse_prompt_embeddings=tokens,
            dense_prompt_embeddings=dense, multimask_output=False, repeat_image=False,
            high_res_features=[f.expand(b, -1, -1, -1) for f in feats["high_res_feats"]])
        return low, iou

    def upsample(self, low_res: torch.Tensor, hw: tuple) -> torch.Tensor:
        """Low-res logits → logits at the view's size (the predictor's postprocessing)."""
        return self.predictor._transforms.postprocess_masks(low_res, tuple(hw))

    def set_image(self, rgb: np.ndarray) -> None:
        """Run the image encoder (the expensive part) once for a view."""
        with torch.inference_mode():
            self.predictor.set_image(rgb)

    def image_state(self) -> tuple:
        """The encoder's output for the current view, to cache and hand back with ``restore``."""
        return self.predictor._features, list(self.predictor._orig_hw)

    def restore(self, state: tuple) -> None:
        """Make a cached view current without running the encoder (sam2 1.1.0 predictor state)."""
        p = self.predictor
        p._features, p._orig_hw = state[0], list(state[1])
        p._is_image_set, p._is_batch = True, False

    def refine(self, prompts: Prompts, use_mask_prompt: bool = False, second_pass: bool = True) -> Refined:
        """Best of SAM's multimask outputs by predicted IoU; optionally re-decoded with itself as dense prompt.

        With ``use_mask_prompt`` the prompts' ``mask_logits`` go in as the dense prompt and SAM gives one
        mask (its refinement convention).
        """
        dense = prompts.mask_logits if use_mask_prompt else None
        mask, iou, logits = self._best(prompts, dense)
        if second_pass:
            mask, iou, logits = self._best(prompts, logits)
        return Refined(mask=mask > 0, iou=iou, low_res_logits=logits)

    def _best(self, prompts: Prompts, dense: Optional[np.ndarray]) -> tuple:
        has_points = prompts.points is not None and len(prompts.points) > 0
        mask, iou, low = self._decode_best(prompts.points if has_points else None,
                                           prompts.labels if has_points else None,
                                           prompts.box, dense, multimask=dense is None)
        return mask[0], float(iou[0]), low[0]

    def refine_batch(self, batch: List[Prompts]) -> List[Refined]:
        """One decoder call for many candidates (same number of points each): best of 3 by predicted IoU."""
        if not batch:
            return []
        has_points = batch[0].points is not None and len(batch[0].points) > 0
        points = np.stack([p.points for p in batch]) if has_points else None
        labels = np.stack([p.labels for p in batch]) if has_points else None
        boxes = np.stack([p.box for p in batch]) if all(p.box is not None for p in batch) else None
        masks, ious, low = self._decode_best(points, labels, boxes, None, multimask=True)
        return [Refined(m > 0, float(i), lo) for m, i, lo in zip(masks, ious, low)]

    @torch.inference_mode()
    def _decode_best(self, points, labels, boxes, dense, multimask: bool) -> tuple:
        """``SAM2ImagePredictor.predict`` for a batch of prompt sets, keeping each set's mask of best predicted
        IoU: only that one is upsampled to the view (the predictor upsamples all three, ~10 ms each at 1024²).

        → (N×H×W logits, N ious, N×1×S×S low-res logits clamped as the predictor does), numpy.
        """
        p = self.predictor
        mask_input, coords, point_labels, box = p._prep_prompts(points, labels, boxes, dense, normalize_coords=True)
        if box is not None:  # a box is two corner points with labels 2, 3, before the clicks (as ``_predict``)
            corners = box.reshape(-1, 2, 2)
            corner_labels = torch.tensor([[2, 3]], dtype=torch.int, device=box.device).repeat(corners.shape[0], 1)
            coords = corners if coords is None else torch.cat([corners, coords], dim=1)
            point_labels = corner_labels if point_labels is None else torch.cat([corner_labels, point_labels], dim=1)
        prompts = (coords, point_labels) if coords is not None else None
        sparse, dense_embedding = self.model.sam_prompt_encoder(points=prompts, boxes=None, masks=mask_input)
        feats = p._features
        low, iou, _, _ = self.model.sam_mask_decoder(
            image_embeddings=feats["image_embed"][-1:], image_pe=self.model.sam_prompt_encoder.get_dense_pe(),
            sparse_prompt_embeddings=sparse, dense_prompt_embeddings=dense_embedding, multimask_output=multimask,
            repeat_image=prompts is not None and prompts[0].shape[0] > 1,
            high_res_features=[f[-1:] for f in feats["high_res_feats"]])
        best = iou.argmax(dim=1)
        rows = torch.arange(low.shape[0])
        low, iou = low[rows, best][:, None], iou[rows, best]
        masks = self.upsample(low, p._orig_hw[-1])[:, 0]
        return masks.float().numpy(), iou.float().numpy(), torch.clamp(low, -32.0, 32.0).float().numpy()
