"""Which SAM 2 a state dict is, read from its tensor shapes: the Hydra config (and overrides) that builds it."""
from __future__ import annotations

import re

from .specs import Sam2Spec

# (hiera embed_dim, blocks per stage) → sam2's config of that variant
SAM21_VARIANTS = {
    (96, (1, 2, 7, 2)): "configs/sam2.1/sam2.1_hiera_t.yaml",
    (96, (1, 2, 11, 2)): "configs/sam2.1/sam2.1_hiera_s.yaml",
    (112, (2, 3, 16, 3)): "configs/sam2.1/sam2.1_hiera_b+.yaml",
    (144, (2, 6, 36, 4)): "configs/sam2.1/sam2.1_hiera_l.yaml",
}
# SAM 2.0 (RS2-SAM 2 builds on it): the same shapes, the configs of the first release
SAM20_VARIANTS = {shape: cfg.replace("sam2.1/sam2.1_", "sam2/sam2_") for shape, cfg in SAM21_VARIANTS.items()}
SAM_D_MODEL = 256
TRUNK = "image_encoder.trunk."


def sam21_spec(state: dict, image_size: int = 1024) -> Sam2Spec:
    """The Sam2Spec that builds the SAM 2.1 of ``state`` (keys ``image_encoder.…``, ``sam_mask_decoder.…``)."""
    return _spec(state, SAM21_VARIANTS, SAM21_VARIANTS[(96, (1, 2, 7, 2))], (4, 14, 7), image_size)


def sam20_spec(state: dict, image_size: int = 1024) -> Sam2Spec:
    """:func:`sam21_spec` for SAM 2.0 (sam2's ``configs/sam2/`` configs). RS2-SAM 2 always builds hiera-L's
    config, so a small model of its layout is hiera-L's config with the sizes overridden."""
    return _spec(state, SAM20_VARIANTS, SAM20_VARIANTS[(144, (2, 6, 36, 4))], (4, 16, 8), image_size)


def _spec(state: dict, variants: dict, base: str, windows: tuple, image_size: int) -> Sam2Spec:
    """The Sam2Spec of ``state`` among ``variants`` ((embed_dim, stages) → config).

    The four released variants are recognised by their shapes. Any other shape is a small model of the
    same layout (tests): ``base``'s config with its sizes overridden, one head per block in the first
    stage, the last block of the third stage global, window sizes (w, *windows) with w read from the file.
    Raises KeyError when the shapes are not those of a SAM 2 image encoder.
    """
    embed = state[TRUNK + "patch_embed.proj.weight"].shape[0]
    stages = stage_lengths(state)
    d_model = state["image_encoder.neck.convs.0.conv.weight"].shape[0]
    known = variants.get((embed, stages))
    size = (f"++model.image_size={image_size}",) if image_size != 1024 else ()
    if known and d_model == SAM_D_MODEL:
        return Sam2Spec(config=known, weights=None, image_size=image_size, overrides=size)
    bkg = list(state[TRUNK + "pos_embed"].shape[2:])
    window = state[TRUNK + "pos_embed_window"].shape[2]
    prefix = "++model.image_encoder."
    overrides = (
        f"{prefix}trunk.embed_dim={embed}", f"{prefix}trunk.num_heads=1",
        f"{prefix}trunk.stages=[{','.join(map(str, stages))}]",
        f"{prefix}trunk.global_att_blocks=[{sum(stages[:3]) - 1}]",
        f"{prefix}trunk.window_pos_embed_bkg_spatial_size=[{bkg[0]},{bkg[1]}]",
        f"{prefix}trunk.window_spec=[{','.join(map(str, (window, *windows)))}]",
        f"{prefix}neck.d_model={d_model}",
        f"{prefix}neck.backbone_channel_list=[{','.join(str(embed * 2 ** i) for i in (3, 2, 1, 0))}]",
        f"{prefix}neck.position_encoding.num_pos_feats={d_model}",
        "++model.memory_attention.num_layers=1",
    )
    return Sam2Spec(config=base, weights=None, image_size=image_size, overrides=(*size, *overrides))


def stage_lengths(state: dict) -> tuple:
    """Blocks per Hiera stage: runs of equal output width (qkv is dim_in → 3·dim_out)."""
    widths = {}
    for key, t in state.items():
        m = re.fullmatch(re.escape(TRUNK) + r"blocks\.(\d+)\.attn\.qkv\.weight", key)
        if m:
            widths[int(m[1])] = t.shape[0] // 3
    if not widths or sorted(widths) != list(range(len(widths))):
        raise KeyError(TRUNK + "blocks.N.attn.qkv.weight")
    runs = []
    for i in range(len(widths)):
        if i and widths[i] == widths[i - 1]:
            runs[-1] += 1
        else:
            runs.append(1)
    return tuple(runs)
