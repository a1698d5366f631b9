"""`train fit` run again with the same --out continues after its last finished epoch (last.pt), not from scratch."""
import json

import pytest
import torch

from rrsis_qgis.engine.trained_checkpoint import load_checkpoint
from rrsis_qgis.train.fit import RESUME, fit
from tests.unit.referring_fixture import tiny_options, write_jsonl_dataset

pytestmark = pytest.mark.slow


def test_a_second_run_resumes_where_the_first_stopped(tmp_path, capsys):
    index = write_jsonl_dataset(tmp_path / "data", n=4, size=64)
    out = tmp_path / "run"
    first = fit(tiny_options(f"jsonl:{index}", out, epochs=1, batch_size=2, lr=1e-3, warmup_steps=1))
    assert [h["epoch"] for h in first["history"]] == [1]
    after_one = load_checkpoint(out / RESUME)
    assert after_one["epoch"] == 1 and "optimizer" in after_one

    second = fit(tiny_options(f"jsonl:{index}", out, epochs=3, batch_size=2, lr=1e-3, warmup_steps=1))

    assert "resuming from" in capsys.readouterr().err
    assert [h["epoch"] for h in second["history"]] == [2, 3]  # epoch 1 is not trained again
    records = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in records if "epoch" in r] == [1, 2, 3]
    resumed = load_checkpoint(out / RESUME)
    assert resumed["epoch"] == 3
    changed = [k for k, v in resumed["state"].items()
               if v.is_floating_point() and not torch.equal(v, after_one["state"][k])]
    assert changed, "the resumed epochs trained nothing"
