"""RefSegRS index reader: `output_phrase_{split}.txt` lines "<image id> <phrase>", images/ and masks/<id>.tif.

Layout as read by the public loaders: KyanChen/RSRefSeg2
`tools_RSRefSeg2/data_tools/refsegrs-convert_data_to_jsonl.py` (first space splits id and phrase,
mask `masks/<id>.tif` read as grayscale, image `images/<id>.tif`), and the dataset release linked
from zhu-xlab/rrsis (huggingface.co/datasets/JessicaYuan/RefSegRS):

    RefSegRS/
      images/<id>.tif   masks/<id>.tif   output_phrase_train.txt  output_phrase_val.txt  output_phrase_test.txt

Masks are 0 / 255; any non-zero pixel is the object.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from .common import DatasetError, FileMask, Record, require_dir, require_file

DEFAULT_SPLIT = "train"


def read_index(root: Path, split: Optional[str] = None, image_root: Optional[Path] = None) -> List[Record]:
    split = split or DEFAULT_SPLIT
    require_dir(root, "the RefSegRS root with images/, masks/ and output_phrase_{split}.txt")
    index = require_file(root / f"output_phrase_{split}.txt",
                         f"the RefSegRS phrase list of split {split!r} (lines '<image id> <phrase>')")
    image_dir = image_root or root / "images"
    mask_dir = root / "masks"
    records = []
    for line_no, line in enumerate(index.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        image_id, _, phrase = line.partition(" ")
        if not phrase.strip():
            raise DatasetError(f"{index}:{line_no}: expected '<image id> <phrase>', got {line!r}")
        records.append(Record(ref_id=image_id, phrase=phrase.strip(), kind=None,
                              image_path=image_dir / f"{image_id}.tif",
                              mask=FileMask(mask_dir / f"{image_id}.tif")))
    return records
