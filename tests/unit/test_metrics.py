"""Referring metrics on hand-computed cases, merging across processes, and properties with hypothesis."""
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rrsis_qgis.train.metrics import THRESHOLDS, ReferringMetrics, iou, markdown

PR_KEYS = [f"pr@{t}" for t in THRESHOLDS]


def mask(shape=(10, 10), rows=slice(0, 0), cols=slice(0, 0)):
    m = np.zeros(shape, dtype=bool)
    m[rows, cols] = True
    return m


def test_empty_prediction_of_empty_ground_truth_counts_one():
    metrics = ReferringMetrics()
    assert metrics.add(mask(), mask()) == 1.0
    summary = metrics.summary()
    assert summary["miou"] == summary["oiou"] == 1.0  # ΣU == 0 with n > 0: every answer was right
    assert all(summary[k] == 1.0 for k in PR_KEYS) and summary["n"] == 1
    assert "per_kind" not in summary


def test_all_correct():
    gt = mask(rows=slice(2, 5), cols=slice(1, 9))
    metrics = ReferringMetrics()
    metrics.add(gt.copy(), gt)
    metrics.add(mask(), mask())
    assert metrics.summary() == {"miou": 1.0, "oiou": 1.0, **{k: 1.0 for k in PR_KEYS}, "n": 2}


def test_half_overlap_is_exactly_one_half():
    gt = mask(rows=slice(0, 2), cols=slice(0, 2))  # 4 px
    pred = mask(rows=slice(0, 2), cols=slice(0, 4))  # 8 px containing gt: I = 4, U = 8
    assert iou(pred, gt) == 0.5
    metrics = ReferringMetrics()
    metrics.add(pred, gt)
    summary = metrics.summary()
    assert summary["miou"] == summary["oiou"] == 0.5
    assert summary["pr@0.5"] == 1.0  # IoU >= t, equality included
    assert [summary[k] for k in PR_KEYS[1:]] == [0.0] * 4


def test_empty_prediction_of_an_object_is_zero():
    metrics = ReferringMetrics()
    assert metrics.add(mask(), mask(rows=slice(0, 3), cols=slice(0, 3))) == 0.0
    summary = metrics.summary()
    assert summary["miou"] == summary["oiou"] == 0.0 and all(summary[k] == 0.0 for k in PR_KEYS)


def test_oiou_weighs_large_objects_more_than_miou():
    small_gt = mask(rows=slice(0, 1), cols=slice(0, 10))  # 10 px, predicted exactly: I = U = 10
    large_gt = mask(rows=slice(1, 10), cols=slice(0, 10))  # 90 px
    large_pred = mask(rows=slice(1, 4), cols=slice(0, 10))  # 30 px inside: I = 30, U = 90
    metrics = ReferringMetrics()
    metrics.add(small_gt.copy(), small_gt)
    metrics.add(large_pred, large_gt)
    summary = metrics.summary()
    assert summary["miou"] == round((1 + 30 / 90) / 2, 4) == 0.6667
    assert summary["oiou"] == (10 + 30) / (10 + 90) == 0.4
    assert summary["pr@0.5"] == 0.5 and summary["pr@0.9"] == 0.5


def test_per_kind_split():
    full = mask(rows=slice(0, 10), cols=slice(0, 10))
    half = mask(rows=slice(0, 5), cols=slice(0, 10))
    metrics = ReferringMetrics()
    metrics.add(full, full, kind="colour")
    metrics.add(half, full, kind="position")  # 50 / 100
    metrics.add(mask(), full, kind="position")  # 0 / 100
    metrics.add(full, full)  # no kind: overall only
    summary = metrics.summary()
    assert summary["n"] == 4
    assert summary["per_kind"] == {"colour": {"miou": 1.0, "oiou": 1.0, "n": 1},
                                   "position": {"miou": 0.25, "oiou": 0.25, "n": 2}}
    assert summary["miou"] == (1 + 0.5 + 0 + 1) / 4 and summary["oiou"] == 250 / 400


def test_no_samples_reports_zero():
    assert ReferringMetrics().summary() == {"miou": 0.0, "oiou": 0.0, **{k: 0.0 for k in PR_KEYS}, "n": 0}


def test_shapes_must_match():
    with pytest.raises(ValueError, match="shape"):
        ReferringMetrics().add(np.zeros((4, 4), bool), np.zeros((4, 5), bool))


def random_samples(seed, count=30):
    rng = np.random.default_rng(seed)
    kinds = ["colour", "size", None]
    return [(rng.random((8, 8)) < rng.random(), rng.random((8, 8)) < rng.random(), kinds[i % 3])
            for i in range(count)]


def one_and_ranks(samples, n_ranks):
    """The samples added to one accumulator, and dealt round-robin over n_ranks others."""
    single = ReferringMetrics()
    ranks = [ReferringMetrics() for _ in range(n_ranks)]
    for i, (pred, gt, kind) in enumerate(samples):
        single.add(pred, gt, kind)
        ranks[i % n_ranks].add(pred, gt, kind)
    return single, ranks


def test_merged_states_equal_adding_everything_to_one():
    single, ranks = one_and_ranks(random_samples(0), n_ranks=3)

    merged = ReferringMetrics()
    for rank in ranks:  # as after all_gather_object of the states, through JSON to be sure they are plain
        merged.merge(ReferringMetrics.from_state(json.loads(json.dumps(rank.state()))))
    assert merged.summary() == single.summary()
    assert merged.state()["overall"] == pytest.approx(single.state()["overall"])


def test_array_sum_equals_adding_everything_to_one():
    single, ranks = one_and_ranks(random_samples(1), n_ranks=2)
    kinds = sorted(set().union(*(r.kinds() for r in ranks)) | {"never-seen"})
    reduced = sum(r.as_array(kinds) for r in ranks)  # what all_reduce(SUM) computes
    assert ReferringMetrics.from_array(reduced, kinds).summary() == single.summary()


def test_markdown_has_overall_and_kind_rows():
    metrics = ReferringMetrics()
    metrics.add(mask(rows=slice(0, 2), cols=slice(0, 4)), mask(rows=slice(0, 2), cols=slice(0, 2)), "order")
    metrics.add(mask(), mask(), "colour")
    table = ReferringMetrics.markdown(metrics.summary())
    assert table == markdown(metrics.summary())
    lines = table.strip().splitlines()
    assert lines[0] == "|  | n | mIoU | oIoU | Pr@0.5 | Pr@0.6 | Pr@0.7 | Pr@0.8 | Pr@0.9 |"
    assert lines[2].startswith("| all | 2 | 0.7500 | 0.5000 | 1.0000 | 0.5000 |")  # oIoU = 4 / 8
    assert [line.split(" | ")[0] for line in lines[3:]] == ["| colour", "| order"]


masks_4x4 = arrays(np.bool_, (4, 4))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(masks_4x4, masks_4x4, st.sampled_from(["a", "b", None])), min_size=1, max_size=12))
def test_metrics_are_bounded_and_precision_does_not_increase_with_t(samples):
    metrics = ReferringMetrics()
    for pred, gt, kind in samples:
        metrics.add(pred, gt, kind)
    summary = metrics.summary()
    assert 0.0 <= summary["miou"] <= 1.0 and 0.0 <= summary["oiou"] <= 1.0
    precisions = [summary[k] for k in PR_KEYS]
    assert all(0.0 <= p <= 1.0 for p in precisions)
    assert all(a >= b for a, b in zip(precisions, precisions[1:]))
    for row in summary.get("per_kind", {}).values():
        assert 0.0 <= row["miou"] <= 1.0 and 0.0 <= row["oiou"] <= 1.0
