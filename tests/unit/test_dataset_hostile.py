"""Hostile dataset files: pickles that carry code, wrong types, negative RLE sizes — refused by name, never run."""
import json
import os
import pickle
import subprocess

import pytest

from rrsis_qgis.train.data import DatasetError, open_dataset
from tests.unit.test_datasets import rrsisd_root  # noqa: F401 (fixture)


class _System:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


class _Eval:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return eval, (f"open({str(self.marker)!r}, 'w').close()",)


class _Popen:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return subprocess.Popen, (["touch", str(self.marker)],)


@pytest.mark.parametrize("payload, forbidden", [(_System, ".system"), (_Eval, ".eval"),
                                                (_Popen, ".Popen")])
@pytest.mark.parametrize("where", ["top", "inside a ref"])
def test_a_refs_pickle_carrying_code_is_refused_and_not_run(rrsisd_root, tmp_path, payload, forbidden, where):  # noqa: F811
    marker = tmp_path / "pwned"
    refs_file = rrsisd_root / "refs(unc).p"
    with open(refs_file, "rb") as f:
        refs = pickle.load(f)
    if where == "top":
        crafted = payload(marker)
    else:
        refs[0]["sentences"][0]["raw"] = payload(marker)
        crafted = refs
    for protocol in (0, 2, pickle.HIGHEST_PROTOCOL):
        refs_file.write_bytes(pickle.dumps(crafted, protocol=protocol))
        with pytest.raises(DatasetError) as info:
            open_dataset(f"rrsisd:{rrsisd_root}", split="train")
        message = str(info.value)
        assert str(refs_file) in message and forbidden in message and "refused" in message, message
        assert not marker.exists()


def test_the_fixture_refs_still_load_with_every_protocol(rrsisd_root):  # noqa: F811
    refs_file = rrsisd_root / "refs(unc).p"
    with open(refs_file, "rb") as f:
        refs = pickle.load(f)
    for protocol in range(0, pickle.HIGHEST_PROTOCOL + 1):
        refs_file.write_bytes(pickle.dumps(refs, protocol=protocol))
        assert len(open_dataset(f"rrsisd:{rrsisd_root}", split="train")) == 2


def test_a_python2_style_refs_pickle_loads(rrsisd_root):  # noqa: F811
    """REFER's own refs were pickled by Python 2: protocol 2, `__builtin__` names (here a set of tokens too)."""
    refs_file = rrsisd_root / "refs(unc).p"
    with open(refs_file, "rb") as f:
        refs = pickle.load(f)
    refs[0]["att_wds"] = {"left", "ship"}
    data = pickle.dumps(refs, protocol=2, fix_imports=True)
    assert b"__builtin__" in data
    refs_file.write_bytes(data)
    assert len(open_dataset(f"rrsisd:{rrsisd_root}", split="train")) == 2


def test_numpy_ids_in_a_refs_pickle_load(rrsisd_root):  # noqa: F811
    import numpy as np

    refs_file = rrsisd_root / "refs(unc).p"
    with open(refs_file, "rb") as f:
        refs = pickle.load(f)
    refs[0]["ref_id"], refs[0]["bbox"] = np.int64(400), [np.float32(1.5), np.float64(2.0)]
    refs_file.write_bytes(pickle.dumps(refs, protocol=2))
    dataset = open_dataset(f"rrsisd:{rrsisd_root}", split="train")
    assert dataset.records[0].ref_id == "400:300"
