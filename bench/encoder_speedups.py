"""CPU speed-ups tried on the two image encoders (SAM 2 Hiera at 1024², CLIP's dense tower): time per encoder
before/after, measured alternately in one process, and how far the features move.

    .venv/bin/python bench/encoder_speedups.py [--model full-random] [--rounds 3] [--only channels_last,...]

Variants: channels_last memory format, bf16 autocast, torch.compile (inductor), int8 dynamic quantization of
the Linear layers (SAM 2's image encoder and, separately, its mask decoder; with the final masks' IoU against
fp32) and — when onnxruntime is installed — the SAM 2 image encoder exported to ONNX. Prints one JSON object;
a variant is worth keeping only if its median ratio is clearly below 1 *and* its features stay close (cosine ≥
0.999) *and* the masks it leads to stay within the issue's tolerance (IoU ≥ 0.99 on full-random).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.train.metrics import iou  # noqa: E402
from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: E402


def sam_features(seg, x):
    with torch.inference_mode():
        return seg.refiner.predictor.model.image_encoder(x)["vision_features"]


def clip_features(seg, image):
    with torch.inference_mode():
        return seg.clip.image_features(image)


def cosine(a: torch.Tensor, b: torch.Tensor) -> float:
    return float(F.cosine_similarity(a.float().flatten(), b.float().flatten(), dim=0))


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def variants(seg):
    """name → (context manager factory or None, setup(), teardown()) for each encoder."""
    sam_encoder = seg.refiner.predictor.model.image_encoder
    clip_visual = seg.clip.model.visual
    out = {}

    def channels_last():
        sam_encoder.to(memory_format=torch.channels_last)
        clip_visual.to(memory_format=torch.channels_last)

    def contiguous():
        sam_encoder.to(memory_format=torch.contiguous_format)
        clip_visual.to(memory_format=torch.contiguous_format)

    out["channels_last"] = (contextlib.nullcontext, channels_last, contiguous, True)
    out["bf16_autocast"] = (lambda: torch.autocast("cpu", dtype=torch.bfloat16), None, None, False)
    return out


def onnxruntime_sam2(seg, x, reference, rounds: int) -> dict:
    """The SAM 2 image encoder exported to ONNX (opset 17) and run by ONNX Runtime's CPU provider."""
    try:
        import onnxruntime as ort
    except ImportError:
        return {"skipped": "onnxruntime is not installed (pip install onnxruntime onnx)"}
    import tempfile

    encoder = seg.refiner.predictor.model.image_encoder.eval()

    class Outputs(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, image):
            out = self.inner(image)
            return (out["vision_features"], *out["backbone_fpn"])

    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/sam2_image_encoder.onnx"
        t_export, _ = timed(lambda: torch.onnx.export(Outputs(encoder), (x,), path, opset_version=17, dynamo=False))
        options = ort.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()
        session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        feed = {session.get_inputs()[0].name: x.numpy()}
        session.run(None, feed)  # warm-up
        before, after = [], []
        for _ in range(rounds):
            before.append(timed(lambda: sam_features(seg, x))[0])
            t, out = timed(lambda: session.run(None, feed))
            after.append(t)
    return {"export_s": round(t_export, 1), "sam2": {
        "before_ms": round(statistics.median(before) * 1000), "after_ms": round(statistics.median(after) * 1000),
        "ratio": round(statistics.median(a / b for a, b in zip(after, before)), 3),
        "cosine_to_reference": round(cosine(torch.from_numpy(out[0]), reference), 6)}}


def int8_dynamic(seg, x, image, reference_features, rounds: int) -> dict:
    """``torch.ao.quantization.quantize_dynamic`` (int8 weights, activations quantized on the fly) on the Linear
    layers of SAM 2's image encoder, and separately of its mask decoder; the decoder's cost is the hit path's."""
    import copy

    model = seg.refiner.predictor.model
    phrase = "the white storage tank left of the road"
    reference = seg.segment(image, phrase)
    out = {}
    for part in ("image_encoder", "sam_mask_decoder"):
        fp32 = getattr(model, part)
        q = torch.ao.quantization.quantize_dynamic(copy.deepcopy(fp32), {torch.nn.Linear}, dtype=torch.qint8)
        if part == "image_encoder":
            before, after = [], []
            for _ in range(rounds):
                before.append(timed(lambda: sam_features(seg, x))[0])
                setattr(model, part, q)
                t, features = timed(lambda: sam_features(seg, x))
                after.append(t)
                setattr(model, part, fp32)
            entry = {"before_ms": round(statistics.median(before) * 1000),
                     "after_ms": round(statistics.median(after) * 1000),
                     "ratio": round(statistics.median(a / b for a, b in zip(after, before)), 3),
                     "cosine_to_reference": round(cosine(features, reference_features), 6)}
        else:
            embeddings = seg.encode(image)
            before, after = [], []
            for _ in range(rounds):
                before.append(timed(lambda: seg.segment(image, phrase, embeddings=embeddings))[0])
                setattr(model, part, q)
                after.append(timed(lambda: seg.segment(image, phrase, embeddings=embeddings))[0])
                setattr(model, part, fp32)
            entry = {"hit_before_ms": round(statistics.median(before) * 1000),
                     "hit_after_ms": round(statistics.median(after) * 1000),
                     "ratio": round(statistics.median(a / b for a, b in zip(after, before)), 3)}
        setattr(model, part, q)
        result = seg.segment(image, phrase)
        setattr(model, part, fp32)
        entry["mask_iou_to_fp32"] = round(min(iou(a, b) for a, b in zip(reference.masks, result.masks)), 4) \
            if reference.masks and len(reference.masks) == len(result.masks) else 0.0
        out[part] = entry
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full-random")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated variant names")
    args = ap.parse_args()
    seg = Segmenter.from_name(args.model, device="cpu")
    image = demo_scene(size=1024, seed=3).image
    seg.refiner.predictor.set_image(image)  # builds the transforms; the input tensor below is the same
    x = seg.refiner.predictor._transforms(image)[None]
    results = {"bench": "encoder_speedups", "model": args.model, "torch": torch.__version__,
               "threads": torch.get_num_threads(), "variants": {}}
    base_sam, base_clip = sam_features(seg, x), clip_features(seg, image)  # warm-up and reference
    chosen = [v for v in args.only.split(",") if v]
    if not chosen or "onnxruntime" in chosen:
        results["variants"]["onnxruntime"] = onnxruntime_sam2(seg, x, base_sam, args.rounds)
        print(json.dumps({"onnxruntime": results["variants"]["onnxruntime"]}), file=sys.stderr, flush=True)
    if not chosen or "int8_dynamic" in chosen:
        results["variants"]["int8_dynamic"] = int8_dynamic(seg, x, image, base_sam, args.rounds)
        print(json.dumps({"int8_dynamic": results["variants"]["int8_dynamic"]}), file=sys.stderr, flush=True)
    table = variants(seg)
    table["torch_compile"] = ("compile", None, None, False)
    for name, (ctx, setup, teardown, _) in table.items():
        if chosen and name not in chosen:
            continue
        times = {"sam2_before": [], "sam2_after": [], "clip_before": [], "clip_after": []}
        try:
            if ctx == "compile":
                encoder = seg.refiner.predictor.model.image_encoder
                compiled = torch.compile(encoder, dynamic=False)
                t_compile, _ = timed(lambda: compiled(x))
                run_sam = lambda: compiled(x)["vision_features"]  # noqa: E731
                run_clip = None
            else:
                t_compile = 0.0

                def run_sam():
                    with ctx():
                        return sam_features(seg, x.contiguous(memory_format=torch.channels_last)
                                            if name == "channels_last" else x)

                def run_clip():
                    with ctx():
                        return clip_features(seg, image)
            for _ in range(args.rounds):
                if setup is None:
                    times["sam2_before"].append(timed(lambda: sam_features(seg, x))[0])
                else:
                    teardown()
                    times["sam2_before"].append(timed(lambda: sam_features(seg, x))[0])
                    setup()
                with torch.inference_mode():
                    t, sam_out = timed(run_sam)
                times["sam2_after"].append(t)
                if run_clip is not None:
                    if setup is not None:
                        teardown()
                    times["clip_before"].append(timed(lambda: clip_features(seg, image))[0])
                    if setup is not None:
                        setup()
                    t, clip_out = timed(run_clip)
                    times["clip_after"].append(t)
            if teardown is not None:
                teardown()
            entry = {"compile_s": round(t_compile, 1)} if t_compile else {}
            for enc in ("sam2", "clip"):
                if times[f"{enc}_after"]:
                    ratio = statistics.median(a / b for a, b in zip(times[f"{enc}_after"], times[f"{enc}_before"]))
                    entry[enc] = {"before_ms": round(statistics.median(times[f"{enc}_before"]) * 1000),
                                  "after_ms": round(statistics.median(times[f"{enc}_after"]) * 1000),
                                  "ratio": round(ratio, 3)}
            entry["sam2"]["cosine_to_reference"] = round(cosine(sam_out, base_sam), 6)
            if run_clip is not None:
                entry["clip"]["cosine_to_reference"] = round(cosine(clip_out, base_clip), 6)
        except Exception as exc:  # noqa: BLE001 — a variant that does not work here is a result too
            entry = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
        results["variants"][name] = entry
        print(json.dumps({name: entry}), file=sys.stderr, flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
