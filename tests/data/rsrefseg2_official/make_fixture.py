#!/usr/bin/env python
"""Reference harness: run the OFFICIAL RSRefSeg 2 code (KyanChen/RSRefSeg2 @7cda8cd) offline with
random weights and write the fixture in this folder.

This file contains no official code.  It imports the official modules from a scratch folder
outside the repository (default /work/scratch/rsrefseg2_official/src, override with
RSREFSEG2_OFFICIAL_SRC) and only patches the hub loaders:

  * refseg.models.models.AutoModel.from_pretrained   -> SiglipModel(<tiny or full config>)
  * refseg.models.models.AutoProcessor.from_pretrained -> object(.image_processor, .tokenizer)
  * sam2.build_sam._hf_download                       -> (<yaml>, None)   (no checkpoint)
  * mmcv.ops                                          -> import-time stub (mmcv-lite has no ops)

Sub-commands (see README.md):
  make    build tokenizer + tiny model, randomise, write rsrefseg2_tiny.pth.xz, cases.npz, full_size_keys.json.xz
  run     run the official model on cases (views+phrases from a cases.npz) with any state-dict file
  keys    only write full_size_keys.json (released-size model built on the meta device)
"""
import argparse
import collections
import json
import lzma
import os
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
OFFICIAL_SRC = os.environ.get('RSREFSEG2_OFFICIAL_SRC', '/work/scratch/rsrefseg2_official/src')
if OFFICIAL_SRC not in sys.path:
    sys.path.insert(0, OFFICIAL_SRC)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402


# ----------------------------------------------------------------------------------------------
# offline stubs
# ----------------------------------------------------------------------------------------------
def _install_mmcv_ops_stub():
    """mmcv-lite has no compiled ops; mmseg.models imports some `mmcv.ops` names at import time."""
    if 'mmcv.ops' in sys.modules:
        return
    import mmcv
    mod = types.ModuleType('mmcv.ops')

    class _Dummy:
        def __init__(self, *a, **k):
            raise RuntimeError('mmcv.ops stub: not available in this harness')

    def __getattr__(name):
        if name.startswith('__'):
            raise AttributeError(name)
        return type(name, (_Dummy,), {})

    mod.__getattr__ = __getattr__
    mod.__path__ = []
    sys.modules['mmcv.ops'] = mod
    mmcv.ops = mod


_install_mmcv_ops_stub()

import warnings  # noqa: E402
warnings.filterwarnings('ignore')

SIGLIP_NAME = 'google/siglip2-so400m-patch16-512'
SAM_TINY_NAME = 'facebook/sam2.1-hiera-tiny'
SAM_LARGE_NAME = 'facebook/sam2.1-hiera-large'
SAM_TINY_YAML = 'configs/sam2.1/sam2.1_hiera_t.yaml'
SAM_LARGE_YAML = 'configs/sam2.1/sam2.1_hiera_l.yaml'

SAM_TINY_OVERRIDES = [
    '++model.image_encoder.trunk.embed_dim=16',
    '++model.image_encoder.trunk.num_heads=1',
    '++model.image_encoder.trunk.stages=[1,1,2,1]',
    '++model.image_encoder.trunk.global_att_blocks=[3]',
    '++model.image_encoder.trunk.window_spec=[8,4,14,7]',
    '++model.image_encoder.trunk.window_pos_embed_bkg_spatial_size=[7,7]',
    '++model.image_encoder.neck.d_model=64',
    '++model.image_encoder.neck.backbone_channel_list=[128,64,32,16]',
    '++model.image_encoder.neck.position_encoding.num_pos_feats=64',
    '++model.memory_attention.num_layers=1',
]

TINY_SIGLIP = dict(
    text_config=dict(hidden_size=128, intermediate_size=256, num_hidden_layers=2, num_attention_heads=2,
                     max_position_embeddings=64, hidden_act='gelu_pytorch_tanh', layer_norm_eps=1e-6),
    vision_config=dict(hidden_size=128, intermediate_size=256, num_hidden_layers=2, num_attention_heads=2,
                       patch_size=16, image_size=512, hidden_act='gelu_pytorch_tanh', layer_norm_eps=1e-6))
FULL_SIGLIP = dict(
    text_config=dict(vocab_size=256000, hidden_size=1152, intermediate_size=4304, num_hidden_layers=27,
                     num_attention_heads=16, max_position_embeddings=64, hidden_act='gelu_pytorch_tanh',
                     layer_norm_eps=1e-6),
    vision_config=dict(hidden_size=1152, intermediate_size=4304, num_hidden_layers=27, num_attention_heads=16,
                       patch_size=16, image_size=512, hidden_act='gelu_pytorch_tanh', layer_norm_eps=1e-6))

# prompter as configs_RSRefSeg2/rrsisd_infer.py; sizes are filled in by prompter_cfg()
TWO_Q_ORDER = [
    'self_attn_query_query1', 'norm_query1_1',
    'self_attn_query_query2', 'norm_query2_1',
    'cross_attn_query_text_query1_text', 'norm_query1_2', 'mlp_query1_2', 'norm_query1_3',
    'cross_attn_query_text_query2_text', 'norm_query2_2', 'mlp_query2_2', 'norm_query2_3',
    'cross_attn_query_query_query1_query2', 'norm_query1_4', 'mlp_query1_3', 'norm_query1_5',
    'cross_attn_query_query_query2_query1', 'norm_query2_4', 'mlp_query2_3', 'norm_query2_5',
]
Q1_IMG_ORDER = [
    'self_attn_text_text_1', 'norm_text_1',
    'cross_attn_img_text_1', 'norm_img_1', 'mlp_img_1', 'norm_img_2',
]
P_Q2_IMG_ORDER = [
    'self_attn_text_1', 'norm_text_1',
    'cross_attn_img_text_1', 'norm_img_1', 'mlp_img_1', 'norm_img_2',
    'self_attn_prompt_1', 'norm_prompt_1',
    'cross_attn_prompt_text_1', 'norm_prompt_2', 'mlp_prompt_2', 'norm_prompt_3',
    'cross_attn_prompt_img_1', 'norm_prompt_4', 'mlp_prompt_3', 'norm_prompt_5',
]

LORA_CFG = {
    'backbone.model.image_encoder': dict(
        r=16, lora_alpha=16, lora_dropout=0.,
        target_modules=r'^(trunk\.blocks\.\d+\.attn\.(qkv|proj)|neck\.convs\.\d+\.conv)$'),
    'backbone.model.vision_encoder': dict(
        r=16, lora_alpha=16, lora_dropout=0.,
        target_modules=r'^(layers\.\d+\.attn\.(qkv|proj)|neck\.conv[12])$'),
    'clip_vision_encoder': dict(
        r=16, lora_alpha=16, lora_dropout=0.,
        target_modules=r'^(model\.head\.(attention\.out_proj|mlp\.fc[12])|model\.encoder\.layers\.\d+\.self_attn\.(k_proj|v_proj|q_proj|out_proj))$'),
    'clip_text_encoder': dict(
        r=16, lora_alpha=16, lora_dropout=0.,
        target_modules=r'^(model\.head|model\.encoder\.layers\.\d+\.self_attn\.(k_proj|v_proj|q_proj|out_proj))$'),
}

VIEW_SIZES = [(512, 512), (1024, 1024), (300, 420), (900, 640), (77, 1000)]
PHRASES = ['the white storage tank left of the road', 'red building', 'a small Car near the top-left corner.',
           'großes Gebäude', 'the  road']


# ----------------------------------------------------------------------------------------------
# tokenizer
# ----------------------------------------------------------------------------------------------
SPECIALS = ['<pad>', '<eos>', '<bos>', '<unk>']  # ids 0..3 as in Gemma (pad 0, eos 1, bos 2, unk 3)


def build_tokenizer(out_dir):
    """A small case-sensitive WordLevel tokenizer (appends <eos>, adds no <bos>, right padding)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, normalizers
    from transformers import PreTrainedTokenizerFast
    words = []
    for p in PHRASES:
        for w in pre_tokenizers.Whitespace().pre_tokenize_str(p):
            words.append(w[0])
    extra = ('a an the of in on at near to from with and or is are left right top bottom middle center '
             'upper lower corner side edge road roads street bridge river lake pond sea water harbor ship '
             'ships boat boats car cars vehicle vehicles truck bus plane airplane airplanes airport runway '
             'building buildings house houses roof tank tanks storage white red blue green yellow black gray '
             'grey brown orange dark light large big small tiny long short round square circular rectangular '
             'field fields tree trees forest park parking lot court tennis basketball baseball ground track '
             'stadium stadiums chimney dam golf course train station overpass expressway toll service area '
             'windmill crossing one two three four five first second third leftmost rightmost topmost '
             'bottommost closest farthest nearest next beside between above below behind under over along '
             'Car Road Building Tank The A großes Gebäude straße Fluss rot weiß groß klein links rechts . , - '
             '\' " ( ) 1 2 3 4 5 6 7 8 9 0').split()
    # deterministic filler words so that V is a few hundred
    filler = ['w%03d' % i for i in range(200)]
    vocab = collections.OrderedDict()
    for t in SPECIALS + words + extra + filler:
        if t not in vocab:
            vocab[t] = len(vocab)
    tok = Tokenizer(models.WordLevel(vocab=dict(vocab), unk_token='<unk>'))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single='$A <eos>', pair='$A <eos> $B <eos>', special_tokens=[('<eos>', vocab['<eos>'])])
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token='<pad>', eos_token='<eos>', bos_token='<bos>', unk_token='<unk>',
        padding_side='right', truncation_side='right', model_input_names=['input_ids', 'attention_mask'],
        model_max_length=64)
    os.makedirs(out_dir, exist_ok=True)
    fast.save_pretrained(out_dir)
    return len(vocab)


def load_tokenizer(tok_dir):
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(tok_dir)


# ----------------------------------------------------------------------------------------------
# patches of the hub loaders
# ----------------------------------------------------------------------------------------------
def install_hub_patches(siglip_cfg, tokenizer, sam_yaml):
    import refseg.models.models as M
    import sam2.build_sam as B
    from transformers import SiglipConfig, SiglipModel, SiglipImageProcessor

    class _AutoModel:
        @staticmethod
        def from_pretrained(name, cache_dir=None, **kw):
            assert name == SIGLIP_NAME, name
            return SiglipModel(SiglipConfig(**siglip_cfg))

    class _AutoProcessor:
        @staticmethod
        def from_pretrained(name, cache_dir=None, **kw):
            assert name == SIGLIP_NAME, name
            return types.SimpleNamespace(
                image_processor=SiglipImageProcessor(size={'height': 512, 'width': 512},
                                                     image_mean=[.5] * 3, image_std=[.5] * 3),
                tokenizer=tokenizer)

    M.AutoModel = _AutoModel
    M.AutoProcessor = _AutoProcessor
    B._hf_download = lambda model_id, cache_dir=None: (sam_yaml, None)


def model_cfg(tiny=True):
    from mmengine.config import ConfigDict
    from mmseg.models.data_preprocessor import SegDataPreProcessor
    import refseg.models.models as M
    crop_size = (1024, 1024)
    if tiny:
        tf = imf = 128
        pf, mlp, internal = 64, 64, 64
        backbone = dict(type=M.RefSegSam, model_name_or_path=SAM_TINY_NAME, cache_dir=None, with_dense_prompt=True,
                        hydra_overrides_extra=list(SAM_TINY_OVERRIDES))
    else:
        tf = imf = 1152
        pf, mlp, internal = 256, 512, 512
        backbone = dict(type=M.RefSegSam, model_name_or_path=SAM_LARGE_NAME, cache_dir=None, with_dense_prompt=True)
    dst_size = 512 // 16
    cfg = dict(
        type=M.RefSegEncoderDecoder,
        data_preprocessor=dict(type=SegDataPreProcessor, mean=[0, 0, 0], std=[255., 255., 255.], bgr_to_rgb=True,
                               pad_val=0, seg_pad_val=255, size=crop_size, test_cfg=dict(size=crop_size)),
        init_cfg=None,
        lora_cfg={k: dict(v) for k, v in LORA_CFG.items()},
        backbone=backbone,
        prompter=dict(
            type=M.CascadedPrompter,
            num_text_queries=3,
            text_query_config=dict(has_pe=True, init_type='textpool'),
            prompt_config=dict(has_pe=True, init_type='learnable'),
            text_feat_dim=tf,
            two_queries_text_attn_depth=2,
            two_queries_text_attn_operation_order=list(TWO_Q_ORDER),
            imgpe_config=dict(type='learnable', size=dst_size),
            queries1_to_img_attn_depth=2,
            queries1_to_img_attn_operation_order=list(Q1_IMG_ORDER),
            prompt_queries2_img_attn_depth=2,
            prompt_feat_dim=pf,
            prompt_queries2_img_attn_operation_order=list(P_Q2_IMG_ORDER),
            num_prompts=9,
            dense_prompt_config=dict(proj_from='text_pool', has_internal_proj=False, featmap_from='refined_clipfeat',
                                     has_internal_conv=True, up_strategy='preup'),
            img_feat_dim=imf, num_heads=8, mlp_dim=mlp, internal_dim=internal, is_residual=True),
        clip_vision_encoder=dict(type=M.RefSegSiglipVisionModel, model_name_or_path=SIGLIP_NAME, cache_dir=None,
                                 input_size=None),
        clip_text_encoder=dict(type=M.RefSegSiglipTextModel, model_name_or_path=SIGLIP_NAME, cache_dir=None),
        decode_head=dict(
            type=M.PseudoSegHead, num_classes=2, out_channels=1, threshold=0.5, align_corners=False,
            loss_decode=[dict(type='mmseg.CrossEntropyLoss', use_sigmoid=True, loss_weight=5.0),
                         dict(type='mmseg.DiceLoss', use_sigmoid=True, loss_weight=5.0)],
            dst_size=dst_size,
            extra_loss=dict(text_queries1_queries2=0.5, clip_visual_feat_map_perbatch=0.5, use_text_queries2=True,
                            refined_img_feat_map_perimg_ce=False, refined_img_feat_map_perimg_mil=False)),
        train_cfg=dict(),
        test_cfg=dict(mode='whole'))
    return ConfigDict(cfg)


def build_model(tiny, tokenizer):
    from mmengine.registry import init_default_scope
    from mmseg.registry import MODELS
    init_default_scope('mmseg')
    install_hub_patches(TINY_SIGLIP_WITH_VOCAB if tiny else FULL_SIGLIP, tokenizer,
                        SAM_TINY_YAML if tiny else SAM_LARGE_YAML)
    return MODELS.build(model_cfg(tiny))


TINY_SIGLIP_WITH_VOCAB = None  # set once the vocab size is known


def set_tiny_vocab(v):
    global TINY_SIGLIP_WITH_VOCAB
    cfg = json.loads(json.dumps(TINY_SIGLIP))
    cfg['text_config']['vocab_size'] = v
    TINY_SIGLIP_WITH_VOCAB = cfg


# ----------------------------------------------------------------------------------------------
# random weights
# ----------------------------------------------------------------------------------------------
TOKEN0_MLP = 'backbone.model.sam_mask_decoder.output_hypernetworks_mlps.0.layers.2'


def randomize_(model, seed):
    """Give every state-dict entry random values (see README: 'random-weight scheme')."""
    g = torch.Generator().manual_seed(seed)
    mods = dict(model.named_modules())
    sd = model.state_dict()
    new = collections.OrderedDict()
    for i, (k, v) in enumerate(sd.items()):
        mname, attr = k.rsplit('.', 1)
        mod = mods.get(mname)
        shape = v.shape
        randn = lambda: torch.randn(shape, generator=g)  # noqa: E731
        if attr == 'num_batches_tracked':
            t = torch.tensor(1000 + i, dtype=torch.int64)
        elif attr == 'running_mean':
            t = 0.2 * randn()
        elif attr == 'running_var':
            t = 0.5 + 1.5 * torch.rand(shape, generator=g)
        elif mod is not None and ('Norm' in type(mod).__name__):
            t = (1.0 + 0.1 * randn()) if attr == 'weight' else 0.1 * randn()
        elif mod is not None and isinstance(mod, (nn.Linear, nn.Conv1d, nn.Conv2d, nn.ConvTranspose2d)):
            if attr == 'weight':
                fan_in = shape[0] if isinstance(mod, nn.ConvTranspose2d) else int(np.prod(shape[1:]))
                gain = 0.5 if '.lora_B.' in k + '.' else 1.0
                t = gain * randn() / np.sqrt(fan_in)
            else:
                t = 0.1 * randn()
        elif attr == 'in_proj_weight':
            t = randn() / np.sqrt(shape[1])
        elif attr == 'in_proj_bias':
            t = 0.1 * randn()
        elif k.endswith('logit_scale'):
            t = torch.full(shape, 1.6) + 0.05 * randn()
        elif k.endswith('logit_bias'):
            t = torch.full(shape, -0.7) + 0.05 * randn()
        elif attr == 'positional_encoding_gaussian_matrix':
            t = randn()
        elif k.startswith('decode_head.'):
            t = torch.full(shape, 2.0) + 0.1 * randn()
        else:  # embeddings, learned queries / PEs / tokens, probes, no_mem_embed ...
            t = 0.5 * randn()
        assert t.shape == v.shape, k
        new[k] = t.to(v.dtype)
    model.load_state_dict(new, strict=True)


def bf16_state_dict(model):
    out = collections.OrderedDict()
    for k, v in model.state_dict().items():
        out[k] = v.to(torch.bfloat16) if v.is_floating_point() else v.clone()
    return out


def load_bf16_into(model, sd):
    model.load_state_dict({k: (v.float() if v.is_floating_point() else v) for k, v in sd.items()}, strict=True)


# ----------------------------------------------------------------------------------------------
# views
# ----------------------------------------------------------------------------------------------
def make_view(h, w, idx):
    import cv2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xn, yn = xx / max(w - 1, 1), yy / max(h - 1, 1)
    r = 40 + 150 * xn + 20 * idx
    gch = 70 + 120 * yn
    b = 90 + 60 * (xn + yn) / 2 + 10 * idx
    img = np.clip(np.stack([r, gch, b], -1), 0, 255).astype(np.uint8)
    img = np.ascontiguousarray(img)
    s = min(h, w)
    # a few flat coloured shapes (RGB colours)
    cv2.rectangle(img, (int(0.10 * w), int(0.15 * h)), (int(0.35 * w), int(0.45 * h)), (200, 30, 30), -1)
    cv2.circle(img, (int(0.65 * w), int(0.35 * h)), max(2, int(0.15 * s)), (245, 245, 245), -1)
    cv2.ellipse(img, (int(0.45 * w), int(0.75 * h)), (max(2, int(0.2 * w)), max(1, int(0.08 * h))), 15, 0, 360,
                (30, 160, 40), -1)
    cv2.line(img, (0, int(0.6 * h)), (w - 1, int(0.55 * h)), (90, 90, 90), max(1, int(0.04 * s)))
    return img


# ----------------------------------------------------------------------------------------------
# official inference path with recording hooks
# ----------------------------------------------------------------------------------------------
class Recorder:
    def __init__(self, model):
        self.model = model
        self.rec = {}
        self.handles = []
        dec = model.backbone.model.sam_mask_decoder
        self.dec = dec
        self.handles.append(model.prompter.register_forward_hook(self._prompter_hook))
        self.handles.append(model.backbone.register_forward_hook(self._backbone_hook))
        self.handles.append(model.clip_text_encoder.register_forward_pre_hook(self._text_hook, with_kwargs=True))
        orig = dec._dynamic_multimask_via_stability  # bound method; wrap on the instance (recording only)

        def wrapped(all_mask_logits, all_iou_scores):
            self.rec['all_logits'] = all_mask_logits.detach().clone()
            self.rec['all_iou'] = all_iou_scores.detach().clone()
            st = dec._get_stability_scores(all_mask_logits[:, 0:1])
            self.rec['stability0'] = st.detach().clone()
            self.rec['is_stable'] = bool((st >= dec.dynamic_multimask_stability_thresh).all())
            return orig(all_mask_logits, all_iou_scores)

        dec._dynamic_multimask_via_stability = wrapped

    def _prompter_hook(self, mod, args, out):
        self.rec['sparse'] = out['sparse_prompts'].detach().clone()
        self.rec['dense'] = out['dense_prompts'].detach().clone()

    def _backbone_hook(self, mod, args, out):
        self.rec['seg_mask'] = out['seg_mask'].detach().clone()

    def _text_hook(self, mod, args, kwargs):
        self.rec['input_ids'] = kwargs['input_ids'].detach().clone()
        self.rec['text_keys'] = sorted(kwargs.keys())


def official_test_pipeline():
    from mmcv.transforms.loading import LoadImageFromFile
    from mmcv.transforms.processing import Resize
    from mmseg.datasets.transforms.formatting import PackSegInputs
    crop_size = (1024, 1024)
    return [LoadImageFromFile(), Resize(scale=crop_size, keep_ratio=True),
            PackSegInputs(meta_keys=('text', 'category_name', 'img_path', 'seg_map_path', 'ori_shape', 'img_shape',
                                     'pad_shape', 'scale_factor', 'flip', 'flip_direction', 'reduce_zero_label'))]


def run_case(model, rec, view_rgb, phrase, tmpdir, idx):
    import cv2
    from mmengine.dataset import pseudo_collate
    path = os.path.join(tmpdir, 'view_%d.png' % idx)
    cv2.imwrite(path, np.ascontiguousarray(view_rgb[:, :, ::-1]))  # stored as a normal RGB picture; cv2 reads it back as BGR
    results = dict(img_path=path, text=phrase)
    for t in official_test_pipeline():
        results = t(results)
    data = pseudo_collate([results])
    rec.rec.clear()
    with torch.no_grad():
        out = model.test_step(data)
    ds = out[0]
    pred = ds.pred_sem_seg.data[0].cpu().numpy() > 0.5
    meta = {k: (list(v) if isinstance(v, (tuple, list, torch.Size)) else v) for k, v in ds.metainfo.items()
            if k in ('ori_shape', 'img_shape', 'pad_shape', 'scale_factor', 'img_padding_size', 'padding_size')}
    meta = json.loads(json.dumps(meta, default=lambda o: o.tolist() if hasattr(o, 'tolist') else str(o)))
    r = dict(rec.rec)
    r['mask'] = pred
    r['meta'] = meta
    return r


def load_state_dict_file(path):
    import io
    if path.endswith('.xz'):
        with lzma.open(path, 'rb') as f:
            buf = io.BytesIO(f.read())
        sd = torch.load(buf, map_location='cpu', weights_only=True)
    else:
        sd = torch.load(path, map_location='cpu', weights_only=True)
    return sd.get('state_dict', sd)


def prepare_model_from_sd(sd_path, tok_dir):
    tok = load_tokenizer(tok_dir)
    set_tiny_vocab(len(tok))
    model = build_model(True, tok)
    sd = load_state_dict_file(sd_path)
    load_bf16_into(model, sd)
    model.eval()
    return model


# ----------------------------------------------------------------------------------------------
# full-size key list (meta device)
# ----------------------------------------------------------------------------------------------
def full_size_keys(tok, out_path):
    """Released-size model: SigLIP 2 towers and the prompter are built on the meta device (shapes only);
    SAM 2.1-L is built for real on the CPU (Hiera calls .item() at construction, which meta tensors refuse)."""
    import refseg.models.models as M

    def on_meta(cls):
        def make(*a, **k):
            with torch.device('meta'):
                return cls(*a, **k)
        return make

    model_cfg_orig = model_cfg

    def cfg_meta(tiny):
        c = model_cfg_orig(tiny)
        c.prompter.type = on_meta(M.CascadedPrompter)
        return c

    g = globals()
    g['model_cfg'] = cfg_meta
    try:
        install_hub_patches(FULL_SIGLIP, tok, SAM_LARGE_YAML)
        from transformers import SiglipConfig, SiglipModel
        M.AutoModel.from_pretrained = staticmethod(
            lambda name, cache_dir=None, **kw: on_meta(SiglipModel)(SiglipConfig(**FULL_SIGLIP)))
        from mmengine.registry import init_default_scope
        from mmseg.registry import MODELS
        init_default_scope('mmseg')
        model = MODELS.build(cfg_meta(False))
    finally:
        g['model_cfg'] = model_cfg_orig
    sd = model.state_dict()
    keys = collections.OrderedDict()
    total = 0
    for k, v in sd.items():
        dt = 'torch.bfloat16' if v.is_floating_point() else str(v.dtype)
        keys[k] = [list(v.shape), dt]
        total += v.numel() * (2 if v.is_floating_point() else v.element_size())
    n_lora = sum(1 for k in sd if k.endswith('lora_A.default.weight'))
    info = dict(n_keys=len(keys), total_bytes_bf16=int(total), n_lora_layers=n_lora,
                n_params=int(sum(v.numel() for v in sd.values())))
    with lzma.open(out_path, 'wt') as f:
        json.dump(dict(info=info, keys=keys), f, indent=0)
    return info


# ----------------------------------------------------------------------------------------------
def cmd_make(args):
    out = args.out
    os.makedirs(out, exist_ok=True)
    tok_dir = os.path.join(out, 'tokenizer')
    V = build_tokenizer(tok_dir)
    tok = load_tokenizer(tok_dir)
    assert len(tok) == V
    set_tiny_vocab(V)
    torch.manual_seed(args.seed)
    model = build_model(True, tok)
    model.eval()
    randomize_(model, args.seed)
    views = [make_view(h, w, i) for i, (h, w) in enumerate(VIEW_SIZES)]

    def run_all(m):
        r = []
        with tempfile.TemporaryDirectory() as td:
            rec = Recorder(m)
            for i, (v, p) in enumerate(zip(views, PHRASES)):
                r.append(run_case(m, rec, v, p, td, i))
        return r

    # pass 1 (token-0 scale 1): find the stability thresholds of token 0 per case
    sd = bf16_state_dict(model)
    load_bf16_into(model, sd)
    res = run_all(model)
    delta, thr = 0.05, 0.98
    crit = []
    for i, r in enumerate(res):
        x = r['all_logits'][0, 0].flatten().double()
        # stability(s) = #(s x > d)/#(s x > -d); find the smallest power-of-two s with stability >= thr
        ss = [2.0 ** e for e in range(-4, 16)]
        st = [float((x * s > delta).sum() / max(int((x * s > -delta).sum()), 1)) for s in ss]
        crit.append((ss, st))
        print('case', i, 'token0 stability at s=2^e:', ['%g:%.4f' % (s, t) for s, t in zip(ss, st)][:14])
    # choose s (power of two: the bf16 rounding of s*W is exact) splitting the cases in both branches,
    # with every case's stability as far from the threshold as possible
    best = None
    for j, s in enumerate(crit[0][0]):
        sts = [c[1][j] for c in crit]
        n_st = sum(t >= thr for t in sts)
        if 1 <= n_st <= len(sts) - 1:
            margin = min(abs(t - thr) for t in sts)
            if best is None or margin > best[1]:
                best = (s, margin, sts)
    if args.token0_scale:
        s = args.token0_scale
    else:
        assert best is not None, 'no power-of-two scale splits the cases'
        s = best[0]
    print('token-0 scale', s, best)
    with torch.no_grad():
        W = dict(model.named_parameters())
        W[TOKEN0_MLP + '.weight'].mul_(s)
        W[TOKEN0_MLP + '.bias'].mul_(s)
    sd = bf16_state_dict(model)
    load_bf16_into(model, sd)
    res = run_all(model)

    # write weights
    wpath = os.path.join(out, 'rsrefseg2_tiny.pth')
    torch.save({'state_dict': sd}, wpath)
    chk = torch.load(wpath, map_location='cpu', weights_only=True)['state_dict']
    assert list(chk.keys()) == list(sd.keys())
    assert all(v.dtype == torch.bfloat16 for k, v in chk.items() if not k.endswith('num_batches_tracked'))

    # released-style pickle, xz-compressed to keep the fixture small
    with open(wpath, 'rb') as f, lzma.open(wpath + '.xz', 'wb', preset=9 | lzma.PRESET_EXTREME) as g:
        g.write(f.read())
    os.remove(wpath)
    wpath = wpath + '.xz'
    # re-run from the saved file through a freshly built model (what `run` does) and compare
    model2 = prepare_model_from_sd(wpath, tok_dir)
    res2 = run_all(model2)
    for a, b in zip(res, res2):
        assert torch.equal(a['seg_mask'], b['seg_mask']) and np.array_equal(a['mask'], b['mask'])

    arrays = {}
    summary = []
    for i, r in enumerate(res):
        branch = 0 if r['is_stable'] else 1
        arrays['view_%d' % i] = views[i]
        arrays['phrase_%d' % i] = np.array(PHRASES[i])
        arrays['input_ids_%d' % i] = r['input_ids'][0].numpy().astype(np.int64)
        arrays['sparse_%d' % i] = r['sparse'][0].numpy().astype(np.float32)
        arrays['dense_%d' % i] = r['dense'][0].numpy().astype(np.float32)
        arrays['lowres_%d' % i] = r['seg_mask'][0].numpy().astype(np.float32)
        arrays['mask_%d' % i] = r['mask'].astype(bool)
        arrays['branch_%d' % i] = np.array(branch, dtype=np.int64)
        arrays['iou_%d' % i] = r['all_iou'][0].numpy().astype(np.float32)
        arrays['stability0_%d' % i] = np.array(float(r['stability0'].flatten()[0]), dtype=np.float32)
        arrays['meta_%d' % i] = np.array(json.dumps(r['meta']))
        iou = r['all_iou'][0].numpy()
        chosen = 0 if branch == 0 else 1 + int(np.argmax(iou[1:]))
        summary.append(dict(case=i, view_hw=list(views[i].shape[:2]), phrase=PHRASES[i],
                            input_ids=r['input_ids'][0].tolist(), text_kwargs=r['text_keys'],
                            branch=branch, chosen_token=chosen,
                            stability0=float(r['stability0'].flatten()[0]), iou=[float(x) for x in iou],
                            iou_margin_1to3=float(np.sort(iou[1:])[-1] - np.sort(iou[1:])[-2]),
                            mask_area_fraction=float(r['mask'].mean()), meta=r['meta'],
                            lowres_min=float(r['seg_mask'].min()), lowres_max=float(r['seg_mask'].max())))
    arrays['token0_scale'] = np.array(s, dtype=np.float64)
    np.savez_compressed(os.path.join(out, 'cases.npz'), **arrays)
    n_params = sum(v.numel() for v in sd.values())
    info = dict(seed=args.seed, token0_scale=s, vocab_size=V, n_keys=len(sd), n_params=int(n_params), cases=summary)
    if not args.skip_full_keys:
        del model, model2
        info['full_size'] = full_size_keys(tok, os.path.join(out, 'full_size_keys.json.xz'))
    with open(os.path.join(out, 'summary.json'), 'w') as f:
        json.dump(info, f, indent=1, ensure_ascii=False)
    print(json.dumps(info, indent=1, ensure_ascii=False))


def cmd_run(args):
    """Run the official model with an arbitrary state dict (same layout) on cases from a cases.npz."""
    model = prepare_model_from_sd(args.weights, args.tokenizer)
    z = np.load(args.cases)
    n = len([k for k in z.files if k.startswith('view_')])
    rec = Recorder(model)
    outs = {}
    with tempfile.TemporaryDirectory() as td:
        for i in range(n):
            r = run_case(model, rec, z['view_%d' % i], str(z['phrase_%d' % i]), td, i)
            outs['input_ids_%d' % i] = r['input_ids'][0].numpy()
            outs['sparse_%d' % i] = r['sparse'][0].numpy()
            outs['dense_%d' % i] = r['dense'][0].numpy()
            outs['lowres_%d' % i] = r['seg_mask'][0].numpy()
            outs['mask_%d' % i] = r['mask']
            outs['branch_%d' % i] = np.array(0 if r['is_stable'] else 1)
            outs['iou_%d' % i] = r['all_iou'][0].numpy()
            line = dict(case=i, branch=int(outs['branch_%d' % i]), area=float(r['mask'].mean()))
            if 'lowres_%d' % i in z.files:
                line['max_abs_lowres_diff_vs_cases'] = float(np.abs(outs['lowres_%d' % i] - z['lowres_%d' % i]).max())
                line['mask_equal_vs_cases'] = bool(np.array_equal(outs['mask_%d' % i], z['mask_%d' % i]))
            print(json.dumps(line))
    if args.out:
        np.savez_compressed(args.out, **outs)


def cmd_keys(args):
    tok = load_tokenizer(os.path.join(args.out, 'tokenizer'))
    print(full_size_keys(tok, os.path.join(args.out, 'full_size_keys.json.xz')))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    a = sub.add_parser('make')
    a.add_argument('--out', default=HERE)
    a.add_argument('--seed', type=int, default=20260712)
    a.add_argument('--token0-scale', type=float, default=None)
    a.add_argument('--skip-full-keys', action='store_true')
    b = sub.add_parser('run')
    b.add_argument('--weights', default=os.path.join(HERE, 'rsrefseg2_tiny.pth.xz'))
    b.add_argument('--tokenizer', default=os.path.join(HERE, 'tokenizer'))
    b.add_argument('--cases', default=os.path.join(HERE, 'cases.npz'))
    b.add_argument('--out', default=None)
    c = sub.add_parser('keys')
    c.add_argument('--out', default=HERE)
    args = ap.parse_args()
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    {'make': cmd_make, 'run': cmd_run, 'keys': cmd_keys}[args.cmd](args)


if __name__ == '__main__':
    main()
