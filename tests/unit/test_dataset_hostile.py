"""Hostile dataset files: pickles that carry code, wrong types, negative RLE sizes — refused by name, never run."""
import json
import os
import pickle
import subprocess

import pytest

from rrsis_qgis.train.data import DatasetError, open_dataset
from tests.unit.test_datasets import jsonl_index, rrsisd_root  # noqa: F401 (fixtures)


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


# --- wrong types and impossible sizes in the index files: a DatasetError naming the file and the record

def _jsonl_with(jsonl_index, line_no, **changes):
    lines = jsonl_index.read_text().splitlines()
    item = json.loads(lines[line_no - 1])
    item.update(changes)
    lines[line_no - 1] = json.dumps(item)
    jsonl_index.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("changes, words", [
    ({"sent": 5}, "sent"), ({"sent": ["a", "ship"]}, "sent"), ({"file_name": 7}, "file_name"),
    ({"file_name": None}, "file_name"), ({"kind": ["order"]}, "kind"),
    ({"segmentation": {"size": [-3, 4], "counts": "abc"}}, "size"),
    ({"segmentation": {"size": [3, -4], "counts": [12]}}, "size"),
    ({"segmentation": {"size": [3], "counts": "abc"}}, "size"), ({"segmentation": {"size": [3, 4]}}, "counts"),
    ({"segmentation": {"size": [3, 4], "counts": 5}}, "counts"), ({"segmentation": "abc"}, "segmentation"),
    ({"segmentation": [{"size": [3, 4], "counts": [-1, 13]}]}, "counts"),
])
def test_a_wrong_typed_jsonl_field_names_the_file_and_line(jsonl_index, changes, words):  # noqa: F811
    _jsonl_with(jsonl_index, 2, **changes)
    with pytest.raises(DatasetError) as info:
        dataset = open_dataset(f"jsonl:{jsonl_index}")
        [dataset[i] for i in range(len(dataset))]  # decoding must not be where it fails
    assert f"{jsonl_index}:2" in str(info.value) and words in str(info.value), str(info.value)


def _edit_refs(rrsisd_root, edit):
    refs_file = rrsisd_root / "refs(unc).p"
    with open(refs_file, "rb") as f:
        refs = pickle.load(f)
    refs = edit(refs)
    refs_file.write_bytes(pickle.dumps(refs))
    return refs_file


def _set(path, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return data
    return edit


@pytest.mark.parametrize("edit, words", [
    (_set([0, "ann_id"], [200]), "ann_id"), (_set([0, "sentences"], "a ship"), "sentences"),
    (_set([0, "sentences", 0], "a ship"), "sentences"), (_set([0, "sentences", 0, "raw"], 5), "raw"),
    (lambda refs: _set([0, "sentences", 0, "sent"], None)(_set([0, "sentences", 0, "raw"], "")(refs)), "sent"),
    (_set([0, "image_id"], {"id": 100}), "image_id"),
    (_set([0, "split"], 3), "split"), (_set([0], "ref"), "ref"), (lambda refs: {"refs": refs}, "list"),
])
def test_a_wrong_typed_ref_names_the_refs_file_and_the_ref(rrsisd_root, edit, words):  # noqa: F811
    refs_file = _edit_refs(rrsisd_root, edit)
    with pytest.raises(DatasetError) as info:
        open_dataset(f"rrsisd:{rrsisd_root}", split="train")
    message = str(info.value)
    assert str(refs_file) in message and words in message, message


@pytest.mark.parametrize("edit, words", [
    (lambda inst: inst["annotations"], "object"), (_set(["annotations"], {"id": 1}), "annotations"),
    (_set(["annotations", 0, "segmentation"], [{"size": [-24, 32], "counts": "abc"}]), "annotation 200"),
    (_set(["annotations", 0, "id"], [200]), "id"), (_set(["images", 0, "height"], -24), "height"),
    (_set(["images", 0, "file_name"], 5), "file_name"),
])
def test_a_wrong_typed_instance_names_the_instances_file_and_the_record(rrsisd_root, edit, words):  # noqa: F811
    path = rrsisd_root / "instances.json"
    path.write_text(json.dumps(edit(json.loads(path.read_text()))))
    with pytest.raises(DatasetError) as info:
        dataset = open_dataset(f"rrsisd:{rrsisd_root}", split="train")
        [dataset[i] for i in range(len(dataset))]
    message = str(info.value)
    assert str(path) in message and words in message, message
