"""Does the trained model learn? Train on synthref `train` (tiny architectures, CPU), score on `val`; JSON + PNG.

    .venv/bin/python bench/learning.py --out build/learning [--epochs 24] [--max-minutes 28]

Leaves `OUT/checkpoint.pt` (the best epoch on val; `train eval --model trained:OUT/checkpoint.pt`
scores any split with it), `OUT/log.jsonl`, `OUT/report.json` and `OUT/learning_curve.png`.
Reported on val, mIoU / oIoU / Pr@0.5 overall and per kind, for (a) the trained model (both
rankings: the network alone, and its instances ranked by the phrase's geometry), (b) the same
architecture untrained, (c) the training-free zero-shot path on the trained checkpoint's encoders
and on the untrained ones. Then training samples/s, and the latency of trained vs zero-shot on a
1024² view with full-size random weights (same run, medians).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from rrsis_qgis.engine.prompter import load_prompter_config  # noqa: E402
from rrsis_qgis.engine.referring_model import ReferringModel  # noqa: E402
from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.engine.specs import get_spec  # noqa: E402
from rrsis_qgis.engine.trained import Trained, build_trained  # noqa: E402
from rrsis_qgis.train.data import open_dataset  # noqa: E402
from rrsis_qgis.train.evaluate import evaluate  # noqa: E402
from rrsis_qgis.train.fit import FitOptions, build, checkpoint_config, fit  # noqa: E402
from rrsis_qgis.engine.trained_checkpoint import save_checkpoint  # noqa: E402
from rrsis_qgis.train.metrics import ReferringMetrics  # noqa: E402

SYNTHREF = REPO.parent / "shared" / "data" / "synthref"
RANKINGS = ("direct", "reasoned")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "build" / "learning")
    ap.add_argument("--data", type=Path, default=SYNTHREF)
    ap.add_argument("--epochs", type=int, default=24)
    ap.add_argument("--max-minutes", type=float, default=28.0, help="training stops (and keeps its best) after this")
    ap.add_argument("--prompter", default="tiny-similarity", help="prompter variant (engine/configs/prompters.json)")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--skip-train", action="store_true", help="only score an existing OUT/checkpoint.pt")
    ap.add_argument("--latency-runs", type=int, default=3)
    args = ap.parse_args()
    torch.manual_seed(0)
    args.out.mkdir(parents=True, exist_ok=True)
    opts = FitOptions(data=f"jsonl:{args.data / 'train.jsonl'}", val=f"jsonl:{args.data / 'val.jsonl'}", out=args.out,
                      base="tiny-random", prompter=args.prompter, train_all=True, epochs=args.epochs,
                      batch_size=args.batch_size, lr=args.lr, ranking="reasoned", device="cpu",
                      max_minutes=args.max_minutes)
    t0 = time.perf_counter()
    if not args.skip_train:
        fit(opts)
    wall_minutes = (time.perf_counter() - t0) / 60
    records = [json.loads(line) for line in (args.out / "log.jsonl").read_text().splitlines()]
    history = [r for r in records if "epoch" in r]
    val = open_dataset(opts.val)
    report = {"data": str(args.data), "base": "tiny-random (--train-all: no pretrained encoders exist here)",
              "prompter": args.prompter, "epochs_run": len(history),
              "train_minutes": round(sum(h["epoch_s"] for h in history) / 60, 1),  # optimisation steps only
              "fit_wall_minutes": None if args.skip_train else round(wall_minutes, 1),  # with per-epoch val
              "train_samples_per_s": statistics.median(h["samples_per_s"] for h in history),
              "metric_note": "miou = gIoU, oiou = cIoU, on synthref val"}
    trained_seg, trained_model, config = build_trained(f"trained:{args.out / 'checkpoint.pt'}", device="cpu")
    report["reason_about"] = config.get("reason_about", [])
    report["trained"] = evaluate(trained_model, val, RANKINGS, reason_about=tuple(report["reason_about"]))
    untrained_model = _untrained(opts)
    report["untrained"] = evaluate(untrained_model, val, RANKINGS)
    report["zero_shot_trained_encoders"] = _zero_shot(trained_seg, val)
    report["zero_shot_untrained_encoders"] = _zero_shot(Segmenter(get_spec("tiny-random"), device="cpu"), val)
    report["latency_1024_full_random"] = _latency(args.latency_runs)
    (args.out / "report.json").write_text(json.dumps(report, indent=2))
    _plot(history, report, args.out / "learning_curve.png")
    print(json.dumps(_headline(report), indent=1))


def _untrained(opts: FitOptions) -> ReferringModel:
    model, trainable = build(opts, torch.device("cpu"))
    path = opts.out / "untrained.pt"
    save_checkpoint(path, model.trained_state(), checkpoint_config(opts, model, trainable))
    return build_trained(f"trained:{path}", device="cpu")[1]


def _zero_shot(segmenter: Segmenter, dataset) -> dict:
    """The training-free strategy (activation → SAM 2 candidates → reasoner) on every val expression."""
    from rrsis_qgis.engine.zero_shot import ZeroShot  # noqa: PLC0415

    segmenter.strategy = ZeroShot(segmenter.clip)
    metrics = ReferringMetrics()
    for i in range(len(dataset)):
        sample = dataset[i]
        if sample is None:
            continue
        result = segmenter.segment(sample.image, sample.phrase)
        pred = result.masks[0] if result.masks else np.zeros_like(sample.mask)
        metrics.add(pred, sample.mask, sample.kind)
    return metrics.summary()


def _latency(runs: int) -> dict:
    """First query (both encoders + referring) on a 1024² view, full-size random weights, same process."""
    from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: PLC0415

    rgb = demo_scene(1024).image
    segmenter = Segmenter(get_spec("full-random"), device="cpu")
    model = ReferringModel(segmenter.clip, segmenter.refiner, load_prompter_config("rsrefseg2")).eval()
    zero_shot, trained = segmenter.strategy, Trained(model, "reasoned")  # reasoning on: the slower variant
    phrase = "the white storage tank left of the road"
    times = {"zero_shot": [], "trained": []}
    for i in range(runs + 1):  # the first round warms up
        for name, strategy in (("zero_shot", zero_shot), ("trained", trained)):
            segmenter.strategy = strategy
            t = time.perf_counter()
            with torch.inference_mode():
                segmenter.segment(rgb, phrase)
            if i:
                times[name].append(time.perf_counter() - t)
    med = {k: round(statistics.median(v), 3) for k, v in times.items()}
    ratios = [t / z for t, z in zip(times["trained"], times["zero_shot"])]
    return {"first_query_s": med, "trained_over_zero_shot": round(statistics.median(ratios), 3), "runs": runs}


def _headline(report: dict) -> dict:
    def short(s):
        return {"miou": s["miou"], "oiou": s["oiou"], "pr@0.5": s["pr@0.5"],
                "per_kind": {k: v["miou"] for k, v in s.get("per_kind", {}).items()}}
    out = {k: report[k] for k in ("epochs_run", "train_minutes", "train_samples_per_s", "reason_about")}
    for key in ("trained", "untrained"):
        out.update({f"{key}_{r}": short(report[key][r]) for r in RANKINGS})
    out["zero_shot_trained_encoders"] = short(report["zero_shot_trained_encoders"])
    out["zero_shot_untrained_encoders"] = short(report["zero_shot_untrained_encoders"])
    out["latency_1024_full_random"] = report["latency_1024_full_random"]
    return out


def _plot(history: list, report: dict, path: Path) -> None:
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    epochs = [h["epoch"] for h in history]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    ax1.plot(epochs, [h["loss"] for h in history], "k-o", ms=3)
    ax1.set(xlabel="epoch", ylabel="training loss", title="loss (BCE·5 + Dice·5 + …)")
    for r, style in zip(RANKINGS, ("b-o", "g-o")):
        ax2.plot(epochs, [h["val"][r]["miou"] for h in history], style, ms=3, label=f"trained, {r}")
    ax2.axhline(report["untrained"]["reasoned"]["miou"], color="gray", ls="--", label="untrained")
    ax2.axhline(report["zero_shot_trained_encoders"]["miou"], color="orange", ls=":", label="zero-shot")
    ax2.set(xlabel="epoch", ylabel="val mIoU (gIoU)", title="synthref val", ylim=(0, 1))
    ax2.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


if __name__ == "__main__":
    main()
