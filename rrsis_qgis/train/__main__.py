"""`python -m rrsis_qgis.train fit|eval`: train the RSRefSeg 2 model and score a checkpoint (also under torchrun)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..engine.trained_ranking import ASPECTS, RANKINGS

EXIT_BAD_INPUT, EXIT_MISSING_WEIGHTS = 2, 3


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    from ..engine.load_rules import LoadError  # noqa: PLC0415 (torch after argparse: fast --help)
    from ..engine.trained_checkpoint import CheckpointError  # noqa: PLC0415
    from ..engine.weights import MissingWeightsError  # noqa: PLC0415
    from .data import DatasetError  # noqa: PLC0415

    try:
        return args.run(args)
    except MissingWeightsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_MISSING_WEIGHTS
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)  # the checkpoint's own problems: bad input; the base weights': 3
        return EXIT_BAD_INPUT if exc.users_file else EXIT_MISSING_WEIGHTS
    except (DatasetError, CheckpointError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _fit(args) -> int:
    if args.init:
        return _fit_release(args)
    from .fit import FitOptions, fit  # noqa: PLC0415
    from .losses import LossWeights  # noqa: PLC0415

    losses = LossWeights(boundary=args.boundary_loss)
    opts = FitOptions(data=args.data, val=args.val, split=args.split, val_split=args.val_split, out=args.out, base=args.base, image_root=args.image_root,
                      prompter=args.prompter, train_all=args.train_all, lora_rank=args.lora_rank,
                      epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, warmup_steps=args.warmup,
                      ranking=args.ranking, device=args.device, models_dir=args.models_dir, seed=args.seed,
                      augment=not args.no_augment, category_phrases=not args.no_category_phrases, max_minutes=args.max_minutes, workers=args.workers,
                      losses=losses)
    result = fit(opts)
    if int(os.environ.get("RANK", "0")) != 0:
        return 0  # under torchrun, rank 0 speaks for all
    print(json.dumps({"checkpoint": result["checkpoint"], "trainable": result["trainable"],
                      "epochs": len(result["history"])}))
    return 0


def _fit_release(args) -> int:
    """`fit --init rsrefseg2:FILE`: continue a released model; the result is a release-layout .pth."""
    from ..engine.rsrefseg2.build import is_rsrefseg2_model  # noqa: PLC0415
    from .fit_release import ReleaseFitOptions, fit_release  # noqa: PLC0415

    if not is_rsrefseg2_model(args.init):
        raise ValueError(f"--init takes an RSRefSeg 2 release (rsrefseg2:FILE or rsrefseg2-rrsisd …), got {args.init!r}")
    opts = ReleaseFitOptions(init=args.init, data=args.data, out=args.out, val=args.val, split=args.split,
                             val_split=args.val_split, image_root=args.image_root, epochs=args.epochs,
                             batch_size=args.batch_size, lr=args.lr, lora_rank=args.lora_rank, device=args.device,
                             models_dir=args.models_dir, seed=args.seed, max_minutes=args.max_minutes,
                             train_all=args.train_all)
    result = fit_release(opts, say=lambda line: print(line, file=sys.stderr))
    print(json.dumps({"checkpoint": result["checkpoint"], "epochs": len(result["history"]),
                      **({"val": result["val"]} if "val" in result else {})}))
    return 0


def _eval(args) -> int:
    from ..engine.rs2sam2.build import is_rs2sam2_model  # noqa: PLC0415
    from ..engine.rsrefseg2.build import is_rsrefseg2_model  # noqa: PLC0415
    from ..engine.sam3.build import is_sam3_model  # noqa: PLC0415
    from ..engine.trained import load_trained_model  # noqa: PLC0415
    from .data import default_split, open_dataset  # noqa: PLC0415
    from .evaluate import evaluate  # noqa: PLC0415
    from .metrics import ReferringMetrics  # noqa: PLC0415

    dataset = open_dataset(args.data, default_split(args.data, args.split, "test"), args.image_root)
    if is_rsrefseg2_model(args.model) or is_rs2sam2_model(args.model) or is_sam3_model(args.model):
        return _eval_release(args, dataset)
    if args.precision != "fp32":
        raise ValueError(f"--precision {args.precision} is an option of the rsrefseg2 models only; "
                         f"{args.model} runs in fp32")
    model, config, device = load_trained_model(args.model, device=args.device, models_dir=args.models_dir)
    ranking = args.ranking or config.get("ranking", "reasoned")
    reason_about = tuple(config.get("reason_about", ASPECTS))
    summary = evaluate(model, dataset, (ranking,), device, batch_size=args.batch_size,
                       reason_about=reason_about)[ranking]
    summary["ranking"] = ranking
    if ranking == "reasoned":
        summary["reason_about"] = list(reason_about)
    print(json.dumps(summary) if args.json else ReferringMetrics.markdown(summary))
    return 0


def _eval_release(args, dataset) -> int:
    """A released model (rsrefseg2:FILE, rs2sam2:FOLDER, sam3:FOLDER or a preset) through its own Segmenter (SAM 3:
    its instances ranked by our reasoner, as in `segment`)."""
    from ..engine.segmenter import Segmenter  # noqa: PLC0415
    from .evaluate_segmenter import evaluate_segmenter  # noqa: PLC0415
    from .metrics import ReferringMetrics  # noqa: PLC0415

    segmenter = Segmenter.from_name(args.model, device=args.device, models_dir=args.models_dir,
                                   precision=args.precision)
    summary = evaluate_segmenter(segmenter, dataset)
    summary["model"] = segmenter.spec.name
    print(json.dumps(summary) if args.json else ReferringMetrics.markdown(summary))
    return 0


def _parser() -> argparse.ArgumentParser:
    from ..engine.device import PRECISIONS  # noqa: PLC0415 (torch-free)

    p = argparse.ArgumentParser(prog="python -m rrsis_qgis.train", description=__doc__)
    sub = p.add_subparsers(required=True)
    f = sub.add_parser("fit", help="train prompter + SAM 2 decoder (+ LoRA or every weight) on a dataset")
    f.add_argument("--data", required=True, help="FORMAT:PATH, FORMAT = refsegrs | rrsisd | jsonl (RISBench)")
    f.add_argument("--val", help="FORMAT:PATH scored after every epoch; the best mIoU is kept as checkpoint.pt")
    f.add_argument("--split", help="training split: default train (RefSegRS/RRSIS-D), every line of a JSONL file")
    f.add_argument("--val-split", help="default val (RefSegRS/RRSIS-D), every line of a JSONL file")
    f.add_argument("--out", type=Path, required=True, help="folder for checkpoint.pt, last.pt (resume), log.jsonl")
    f.add_argument("--init", help="continue a released model: rsrefseg2:FILE or rsrefseg2-rrsisd|-refsegrs|-risbench "
                   "(the authors' losses and LoRA layout; writes OUT/checkpoint.pth, loadable as rsrefseg2:OUT)")
    f.add_argument("--base", default="default", help="model the encoders come from: default | full-random | tiny-random")
    f.add_argument("--prompter", default="rsrefseg2", help="variant in engine/configs/prompters.json")
    f.add_argument("--train-all", action="store_true", help="train every weight (no LoRA): for random encoders")
    f.add_argument("--lora-rank", type=int, default=16)
    f.add_argument("--epochs", type=int, default=20)
    f.add_argument("--batch-size", type=int, default=8, help="images per step and process (all of an image's expressions come with it)")
    f.add_argument("--lr", type=float, default=1e-4)
    f.add_argument("--warmup", type=int, default=100, help="linear warm-up steps before the cosine decay")
    f.add_argument("--ranking", choices=RANKINGS, default="reasoned",
                   help="how the checkpoint picks the referred instance at inference (stored in it)")
    f.add_argument("--boundary-loss", type=float, default=0.0, help="weight of RS2-SAM 2's boundary loss")
    f.add_argument("--no-augment", action="store_true")
    f.add_argument("--no-category-phrases", action="store_true",
                   help="do not add 'the <target>' → union of the image's referred objects of that class")
    f.add_argument("--max-minutes", type=float, help="stop and save after this long (resume later)")
    f.add_argument("--workers", type=int, default=2, help="data-loading processes")
    f.add_argument("--seed", type=int, default=0)
    _common(f)
    f.set_defaults(run=_fit)
    e = sub.add_parser("eval", help="score a checkpoint: mIoU (= gIoU), oIoU (= cIoU), Pr@0.5…0.9")
    e.add_argument("--data", required=True, help="FORMAT:PATH")
    e.add_argument("--split", help="split to score: default test (RefSegRS/RRSIS-D), every line of a JSONL file")
    e.add_argument("--model", required=True,
                   help="trained:CHECKPOINT, rsrefseg2:FILE (a released RSRefSeg 2 .pth), rsrefseg2-rrsisd|-refsegrs|-risbench, "
                   "rs2sam2:FOLDER (a released RS2-SAM 2 folder), rs2sam2-rrsisd|-refsegrs, "
                   "sam3 (SAM 3 + our reasoner), sam3:FOLDER or sam3-random")
    e.add_argument("--ranking", choices=RANKINGS, help="override the checkpoint's ranking")
    e.add_argument("--batch-size", type=int, default=16)
    e.add_argument("--json", action="store_true", help="one JSON object instead of the Markdown table")
    e.add_argument("--precision", default="fp32", choices=PRECISIONS,
                   help="fp32 (default; exactly the official model) | bf16: autocast, rsrefseg2 models only (for CUDA; its deviation is in the README)")
    _common(e)
    e.set_defaults(run=_eval)
    return p


def _common(p) -> None:
    p.add_argument("--image-root", type=Path, help="images folder when it is not where the format expects it")
    p.add_argument("--device", default="auto", help="auto | cpu | cuda | mps")
    p.add_argument("--models-dir", type=Path, help="pretrained base weights (default ~/.cache/rrsis_qgis/models)")


if __name__ == "__main__":
    sys.exit(main())
