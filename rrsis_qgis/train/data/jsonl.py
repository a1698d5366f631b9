"""RISBench / RSRefSeg 2 JSONL index reader: one expression per line, mask as COCO RLE.

Follows KyanChen/RSRefSeg2 `refseg/datasets/refdataset.py` (RefSegDataset + LoadSegAnnotations)
and its `datainfo/*.jsonl` files written by `tools_RSRefSeg2/data_tools/*-convert_data_to_jsonl.py`:
each line has `sent`, `file_name` and `segmentation` = COCO compressed RLE
`{"size": [H, W], "counts": str}` (the RRSIS-D conversion stores a list of them; every part is
united); `split`, `image_id` and `kind` (synthref) are optional; unknown fields are ignored.
Images are in `<jsonl dir>/images/` unless `image_root` is given. With `split`, lines carrying a
different `split` field are left out; lines without one belong to every split.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

from .common import CocoMask, DatasetError, Record, checked_segmentation, require_dir, require_file, text_field

REQUIRED_FIELDS = ("sent", "file_name", "segmentation")


def read_index(index: Path, split: Optional[str] = None, image_root: Optional[Path] = None) -> List[Record]:
    require_file(index, "a RISBench-style .jsonl index (one JSON object per line)")
    image_dir = require_dir(image_root or index.parent / "images",
                            "the folder of the images named by `file_name` (pass image_root if elsewhere)")
    records = []
    with open(index, encoding="utf-8") as lines:
        for line_no, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = _parse(line, index, line_no)
            if split is not None and item.get("split", split) != split:
                continue
            where = f"{index}:{line_no}"
            records.append(Record(ref_id=str(item.get("image_id", line_no)),
                                  phrase=text_field(item, "sent", where).strip(),
                                  kind=text_field(item, "kind", where, optional=True),
                                  image_path=image_dir / text_field(item, "file_name", where),
                                  mask=CocoMask(checked_segmentation(item["segmentation"], where))))
    return records


def _parse(line: str, index: Path, line_no: int) -> dict:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{index}:{line_no}: not valid JSON ({exc})") from exc
    if not isinstance(item, dict):
        raise DatasetError(f"{index}:{line_no}: expected a JSON object, got {type(item).__name__}")
    missing = [name for name in REQUIRED_FIELDS if name not in item]
    if missing:
        raise DatasetError(f"{index}:{line_no}: missing field(s) {', '.join(missing)}; "
                           f"expected {', '.join(REQUIRED_FIELDS)}")
    return item
