"""How often two labellers of the same blind batch agree, by the scores bench/parser_blind.py uses (issue 21).

    .venv/bin/python bench/label_agreement.py bench/parser_blind9_labels.tsv bench/parser_blind9_labels_b.tsv [...]

Pairs of label files (the first labeller's, then the second's, written without seeing each other). For relation +
landmark, a row counts when either labeller gave a relation; agreement = same relation and same landmark head noun(s).
Position counts rows where either gave a position. The parser cannot be expected to agree with a labeller more
often than two labellers agree with each other.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parser_blind import _head, _singular, read_labels  # noqa: E402


def _relation(row: dict) -> tuple:
    return (row["relation"], tuple(_head(x) for x in row["landmark"].split("|"))) if row["relation"] else ("", ())


def agreement(first: dict, second: dict) -> dict:
    ids = sorted(set(first) & set(second))
    relation_rows = [i for i in ids if first[i]["relation"] or second[i]["relation"]]
    position_rows = [i for i in ids if first[i]["position"] or second[i]["position"]]
    same_relation = [i for i in relation_rows if _relation(first[i]) == _relation(second[i])]
    return {
        "rows": len(ids), "rows_of_one_only": len(set(first) ^ set(second)),
        "relation_landmark": {"agree": len(same_relation), "n": len(relation_rows),
                              "rate": round(len(same_relation) / max(1, len(relation_rows)), 4),
                              "disagree": [i for i in relation_rows if i not in same_relation]},
        "position": round(sum(first[i]["position"] == second[i]["position"] for i in position_rows) /
                          max(1, len(position_rows)), 4),
        "superlative": round(sum(first[i]["superlative"] == second[i]["superlative"] for i in ids) / max(1, len(ids)), 4),
        "target": round(sum(_singular(first[i]["target"]) == _singular(second[i]["target"]) for i in ids) /
                        max(1, len(ids)), 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="pairs: first labeller's file, second labeller's file")
    args = ap.parse_args()
    if len(args.files) % 2:
        ap.error("give the label files in pairs")
    pairs = list(zip(args.files[::2], args.files[1::2]))
    results = {first.name: agreement(read_labels(first), read_labels(second)) for first, second in pairs}
    agree = sum(r["relation_landmark"]["agree"] for r in results.values())
    n = sum(r["relation_landmark"]["n"] for r in results.values())
    print(json.dumps({"bench": "label_agreement", "batches": results,
                      "relation_landmark_pooled": {"agree": agree, "n": n, "rate": round(agree / max(1, n), 4)}}))


if __name__ == "__main__":
    main()
