"""Which trained family earns its place? Ours (`trained:`) vs the official RSRefSeg 2 architecture, tiny, on synthref.

    .venv/bin/python bench/learning_families.py --out build/families [--minutes 12]

Both train from random weights on synthref `train` (every weight, CPU) for the same data budget (``--epochs``
passes over the train split's expressions, each capped at ``--minutes``), with the same batch size and
learning rate, and are scored on the same `val` split; the CPU seconds each spent are reported beside (a
shared machine's wall clock says little):
(a) ours, `train fit --base tiny-random --train-all --prompter tiny-similarity` (the setting of
bench/learning.py), both rankings (`direct` = the network alone, `reasoned` = the product default);
(b) the official architecture at tiny sizes (random_release.TINY on a 256² canvas: SigLIP at 128²,
SAM 2.1 at 256², as synthref's 256² scenes), `train fit --init rsrefseg2:… --train-all`, the authors'
losses; its tokenizer is word-level over the train split's words (SigLIP 2's cannot be downloaded here).
Prints JSON: per family mIoU / oIoU / Pr@0.5 and per kind, trainable parameters, epochs, phrase–mask pairs
seen, CPU seconds and wall minutes.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from rrsis_qgis.engine.rsrefseg2.random_release import TINY, random_parts, standin_tokenizer, write_release  # noqa: E402
from rrsis_qgis.engine.trained import build_trained  # noqa: E402
from rrsis_qgis.train.data import open_dataset  # noqa: E402
from rrsis_qgis.train.evaluate import evaluate  # noqa: E402
from rrsis_qgis.train.fit import FitOptions, fit  # noqa: E402
from rrsis_qgis.train.fit_release import ReleaseFitOptions, fit_release  # noqa: E402

SYNTHREF = REPO.parent / "shared" / "data" / "synthref"
# The official layout at tiny sizes; prompter width 64 like ours (tiny-similarity), canvas 256² (synthref's size).
TINY_SYNTHREF = replace(TINY, siglip_image=128, internal_dim=64, mlp_dim=128)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "build" / "families")
    ap.add_argument("--data", type=Path, default=SYNTHREF)
    ap.add_argument("--epochs", type=int, default=3, help="passes over the train split, the same for both")
    ap.add_argument("--minutes", type=float, default=15.0, help="a family stops after this long even if short of them")
    ap.add_argument("--warmup", type=int, default=10, help="ours: linear warm-up steps (its trainer's schedule)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--only", choices=("trained", "rsrefseg2"), help="run one family (the other's report is kept)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train, val = f"jsonl:{args.data / 'train.jsonl'}", f"jsonl:{args.data / 'val.jsonl'}"
    report_path = args.out / "report.json"
    report = json.loads(report_path.read_text()) if report_path.is_file() else {}
    report["budget"] = {"epochs": args.epochs, "cap_minutes": args.minutes, "batch_size": args.batch_size, "lr": args.lr, "device": "cpu",
                        "threads": torch.get_num_threads()}
    if args.only in (None, "trained"):
        report["trained"] = _ours(args, train, val)
        report_path.write_text(json.dumps(report, indent=2))
    if args.only in (None, "rsrefseg2"):
        report["rsrefseg2"] = _official(args, train, val)
        report_path.write_text(json.dumps(report, indent=2))
    print(json.dumps(_headline(report), indent=1))


def _ours(args, train: str, val: str) -> dict:
    out = args.out / "trained"
    opts = FitOptions(data=train, val=val, out=out, base="tiny-random", prompter="tiny-similarity", train_all=True,
                      epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, warmup_steps=args.warmup,
                      ranking="reasoned", device="cpu", max_minutes=args.minutes)
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    result = fit(opts)
    wall, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    history = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    history = [h for h in history if "epoch" in h]
    _, model, config = build_trained(f"trained:{out / 'checkpoint.pt'}", device="cpu")
    scores = evaluate(model, open_dataset(val), ("direct", "reasoned"), reason_about=tuple(config.get("reason_about", [])))
    return {"family": "trained: (ours; tiny-random, prompter tiny-similarity, --train-all)",
            "trainable_parameters": result["trainable"], "epochs": len(history),
            "train_minutes": round(sum(h["epoch_s"] for h in history) / 60, 2),
            "fit_wall_minutes": round(wall / 60, 2), "fit_cpu_seconds": round(cpu),
            "pairs_seen": round(sum(h["samples_per_s"] * h["epoch_s"] for h in history)),
            "pairs_note": "with the category phrases its trainer adds ('the <class>' → all of them)",
            "selected_on_val": "best epoch (fit keeps it) and reason_about", "reason_about": config.get("reason_about", []),
            "direct": scores["direct"], "reasoned": scores["reasoned"]}


def _official(args, train: str, val: str) -> dict:
    from rrsis_qgis.engine.rsrefseg2.build import load_model, locate  # noqa: PLC0415

    init = args.out / "rsrefseg2_init"
    init.mkdir(exist_ok=True)
    write_release(init / "tiny.pth", random_parts(TINY_SYNTHREF, seed=0))
    standin_tokenizer(init, _words(args.data / "train.jsonl"))
    model, refiner, _ = load_model(locate(f"rsrefseg2:{init}"), torch.device("cpu"))
    count = sum(p.numel() for p in model.parameters()) + sum(p.numel() for p in refiner.model.parameters())
    del model, refiner
    opts = ReleaseFitOptions(init=f"rsrefseg2:{init}", data=train, out=args.out / "rsrefseg2", val=val,
                             epochs=args.epochs,
                             batch_size=args.batch_size, lr=args.lr, device="cpu", max_minutes=args.minutes,
                             train_all=True)
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    result = fit_release(opts, say=lambda line: print(line, file=sys.stderr, flush=True))
    wall, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    last = result["history"][-1]
    return {"family": "rsrefseg2: (the official architecture, sizes bench/learning_families.TINY_SYNTHREF, --train-all)",
            "trainable_parameters_upper_bound": count, "epochs": len(result["history"]), "steps": last["steps"],
            "train_minutes": round(last["train_s"] / 60, 2), "fit_wall_minutes": round(wall / 60, 2),
            "fit_cpu_seconds": round(cpu),
            "pairs_seen": last["steps"] * args.batch_size, "selected_on_val": "nothing (the last step is scored)",
            "direct": result["val"]}


def _cpu_seconds() -> float:
    """This process's threads and its finished children (data loaders): user + system."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _words(jsonl: Path) -> tuple:
    words = set()
    for line in jsonl.read_text().splitlines():
        words.update(re.findall(r"\w+|[^\w\s]+", json.loads(line)["sent"].lower()))
    return tuple(sorted(words))


def _headline(report: dict) -> dict:
    def short(s):
        return {"miou": s["miou"], "oiou": s["oiou"], "pr@0.5": s["pr@0.5"],
                "per_kind": {k: v["miou"] for k, v in s.get("per_kind", {}).items()}}
    out = {"budget": report["budget"]}
    for family in ("trained", "rsrefseg2"):
        if family in report:
            r = report[family]
            out[family] = {k: r[k] for k in r if k not in ("direct", "reasoned")}
            out[family].update({ranking: short(r[ranking]) for ranking in ("direct", "reasoned") if ranking in r})
    return out


if __name__ == "__main__":
    main()
