"""`python -m rrsis_qgis.train eval` on awkward data: nothing usable fails, skipped expressions are counted and shown."""
import json

import pytest

from rrsis_qgis.train.__main__ import main
from tests.unit.referring_fixture import save_tiny_checkpoint, write_jsonl_dataset
from tests.unit.test_datasets import rrsisd_root  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("ckpt") / "tiny.pt"
    save_tiny_checkpoint(path)
    return path


def run_eval(index, checkpoint, *extra):
    return main(["eval", "--data", f"jsonl:{index}", "--model", f"trained:{checkpoint}", "--device", "cpu",
                 *extra])


@pytest.mark.parametrize("damage", ["missing", "unreadable"])
def test_no_usable_sample_fails_with_a_message(tmp_path, checkpoint, capsys, damage):
    index = write_jsonl_dataset(tmp_path, n=3, size=32)
    for image in (tmp_path / "images").iterdir():
        image.unlink() if damage == "missing" else image.write_bytes(b"not an image")
    assert run_eval(index, checkpoint, "--json") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(index) in captured.err and "no expression could be scored" in captured.err, captured.err
    assert ("image_missing: 3" if damage == "missing" else "image_unreadable: 3") in captured.err


def test_missing_and_unreadable_images_are_both_counted_as_skipped(tmp_path, checkpoint, capsys):
    index = write_jsonl_dataset(tmp_path, n=4, size=32)
    (tmp_path / "images" / "scene_1.png").unlink()
    (tmp_path / "images" / "scene_2.png").write_bytes(b"not an image")
    assert run_eval(index, checkpoint, "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["n"] == 2 and summary["skipped"] == 2
    assert summary["skipped_reasons"] == {"image_missing": 1, "image_unreadable": 1}
    assert run_eval(index, checkpoint) == 0
    assert "skipped 2 expression(s): image_missing: 1, image_unreadable: 1" in capsys.readouterr().out


class _Touch:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os

        return os.system, (f"touch {self.marker}",)


def test_a_refs_pickle_carrying_code_exits_2_without_running_it(rrsisd_root, tmp_path, checkpoint, capsys):  # noqa: F811
    import pickle

    marker = tmp_path / "pwned"
    (rrsisd_root / "refs(unc).p").write_bytes(pickle.dumps([_Touch(marker)]))
    assert main(["eval", "--data", f"rrsisd:{rrsisd_root}", "--model", f"trained:{checkpoint}",
                 "--device", "cpu"]) == 2
    assert "refused" in capsys.readouterr().err and not marker.exists()


def test_a_release_model_is_scored_with_the_same_accounting(tmp_path, tiny_segmenter):
    """`train eval --model rsrefseg2…` goes through evaluate_segmenter: the same skipped count and refusal."""
    from rrsis_qgis.train.data import DatasetError, open_dataset
    from rrsis_qgis.train.evaluate_segmenter import evaluate_segmenter

    index = write_jsonl_dataset(tmp_path, n=3, size=32)
    (tmp_path / "images" / "scene_0.png").unlink()
    (tmp_path / "images" / "scene_1.png").write_bytes(b"not an image")
    summary = evaluate_segmenter(tiny_segmenter, open_dataset(f"jsonl:{index}"))
    assert summary["n"] == 1 and summary["skipped"] == 2
    assert summary["skipped_reasons"] == {"image_missing": 1, "image_unreadable": 1}
    (tmp_path / "images" / "scene_2.png").unlink()
    with pytest.raises(DatasetError, match="no expression could be scored .*image_missing: 2, image_unreadable: 1"):
        evaluate_segmenter(tiny_segmenter, open_dataset(f"jsonl:{index}"))
