"""bench/label_agreement.py counts two labellers' agreement by the parser benchmark's own scores."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from label_agreement import agreement  # noqa: E402

HEADER = "image_id\ttarget\tposition\tframe\trelation\tlandmark\tsuperlative\n"


def _labels(tmp_path, name, rows):
    from parser_blind import read_labels
    path = tmp_path / name
    path.write_text("# comment\n" + HEADER + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return read_labels(path)


def test_same_landmark_head_agrees_and_another_relation_does_not(tmp_path):
    first = _labels(tmp_path, "a.tsv", [("i1", "ship", "top", "", "near", "harbors", ""),
                                        ("i2", "car", "", "", "on", "road", ""),
                                        ("i3", "tank", "left", "", "", "", "leftmost")])
    second = _labels(tmp_path, "b.tsv", [("i1", "ship", "top", "", "near", "large harbor", ""),
                                         ("i2", "car", "", "", "next_to", "road", ""),
                                         ("i3", "tank", "left", "", "", "", "leftmost")])
    result = agreement(first, second)
    assert result["relation_landmark"] == {"agree": 1, "n": 2, "rate": 0.5, "disagree": ["i2"]}
    assert result["position"] == 1.0 and result["superlative"] == 1.0


def test_a_relation_only_one_labeller_saw_counts_against_agreement(tmp_path):
    first = _labels(tmp_path, "a.tsv", [("i1", "ship", "", "", "near", "pier", "")])
    second = _labels(tmp_path, "b.tsv", [("i1", "ship", "", "", "", "", "")])
    assert agreement(first, second)["relation_landmark"]["rate"] == 0.0
