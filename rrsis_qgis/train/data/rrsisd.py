"""RRSIS-D index reader: refer-style `refs(unc).p` (pickled refs) + COCO `instances.json` + JPEGImages/.

Follows the REFER API as vendored by Lsan2401/RMSIN (`refer/refer.py`, `data/dataset_refer_bert.py`)
and KyanChen/RSRefSeg2 `tools_RSRefSeg2/data_tools/rrsisd-convert_data_to_jsonl.py`:

- `refs(unc).p`: a pickled list of refs `{"ref_id", "ann_id", "image_id", "split", "file_name",
  "category_id", "sentences": [{"sent_id", "raw", "sent", "tokens"}], ...}`; RRSIS-D has one
  sentence per ref, but every sentence becomes its own expression here.
- `instances.json`: COCO `images` (`id`, `file_name`, `height`, `width`) and `annotations`
  (`id`, `segmentation` as a list of compressed RLEs in RRSIS-D, polygons in RefCOCO); the
  parts of one annotation are united (REFER.getMask sums them).
- Images: `<root>/JPEGImages/`, or the refer layout `<root>/../images/<root name>/JPEGImages/`
  (RMSIN: `refer/data/rrsisd/` next to `refer/data/images/rrsisd/JPEGImages/`), or `image_root`.
- Splits as REFER.getRefIds: "test" selects every split containing "test"; others match exactly.

The refs file is a pickle, read by `RefsUnpickler`: it builds only lists, dicts, strings, numbers (and
sets, tuples, numpy scalars); a pickle that names any other global (os.system, eval, …) is refused
before anything runs.
"""
from __future__ import annotations

import builtins
import importlib
import importlib.util
import json
import pickle
from pathlib import Path
from typing import Dict, List, Optional

from .common import (CocoMask, DatasetError, Record, checked_segmentation, id_field, positive_int,
                     require_dir, require_file, text_field)

REFS_FILE = "refs(unc).p"
INSTANCES_FILE = "instances.json"


def read_index(root: Path, split: Optional[str] = None, image_root: Optional[Path] = None) -> List[Record]:
    require_dir(root, f"the RRSIS-D folder holding {REFS_FILE} and {INSTANCES_FILE}")
    refs_path = require_file(root / REFS_FILE, "RRSIS-D's pickled refer-style refs")
    refs = _load_refs(refs_path)
    instances_path = require_file(root / INSTANCES_FILE, "RRSIS-D's COCO instances")
    instances = _load_instances(instances_path)
    image_dir = _image_dir(root, image_root)
    images = _by_id(instances, "images", instances_path)
    annotations = _by_id(instances, "annotations", instances_path)
    records = []
    for n, ref in enumerate(refs):
        if not isinstance(ref, dict):
            raise DatasetError(f"{refs_path}: ref #{n} must be a dict, got {type(ref).__name__}")
        where = f"{refs_path}: ref #{n}" + (f" (ref_id {ref['ref_id']!r})" if "ref_id" in ref else "")
        if split is not None and not _in_split(text_field(ref, "split", where, optional=True) or "", split):
            continue
        ann_id = id_field(ref, "ann_id", where)
        ann = annotations.get(ann_id)
        if ann is None:
            raise DatasetError(f"{instances_path}: no annotation {ann_id!r} for {where}")
        image = images.get(id_field(ref, "image_id", where), {})
        records.extend(_records_of(ref, where, ann, image, image_dir, instances_path))
    return records


# The only globals a refer-style refs file may name. Plain containers and numbers need none; Python 2
# (REFER's own files) and protocols 0-1 name the builtin types, numpy-built ids name numpy's scalar
# (and `_codecs.encode` for its bytes). Each builds data and runs nothing; any other global (os.system,
# eval, …) is refused.
_BUILTIN_TYPES = ("dict", "list", "tuple", "set", "frozenset", "str", "bytes", "int", "float", "bool", "complex")
_ALLOWED_GLOBALS = {(module, name): name for module in ("builtins", "__builtin__") for name in _BUILTIN_TYPES}
_ALLOWED_GLOBALS.update({("__builtin__", "unicode"): "str", ("__builtin__", "long"): "int"})
_OTHER_GLOBALS = {("_codecs", "encode"), ("numpy", "dtype"), ("numpy.core.multiarray", "scalar"),
                  ("numpy._core.multiarray", "scalar")}


class ForbiddenGlobal(pickle.UnpicklingError):
    """The pickle names a global that is not plain data."""


class RefsUnpickler(pickle.Unpickler):
    """A pickle reader that admits only the data types of a refs file: no global that could run code."""

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED_GLOBALS:
            return getattr(builtins, _ALLOWED_GLOBALS[(module, name)])
        if (module, name) in _OTHER_GLOBALS:
            if module.startswith("numpy.") and importlib.util.find_spec("numpy._core") is not None:
                module = "numpy._core.multiarray"  # numpy 2 (numpy.core warns there)
            return getattr(importlib.import_module(module), name)
        raise ForbiddenGlobal(f"{module}.{name}")


def _load_refs(path: Path) -> list:
    try:
        with open(path, "rb") as f:
            refs = RefsUnpickler(f, encoding="latin1").load()  # latin1: refs pickled by Python 2 (refer's own)
    except ForbiddenGlobal as exc:
        raise DatasetError(f"{path}: refused: the pickle names {exc}, which is not plain data (a refs file "
                           "holds only lists, dicts, strings and numbers); it may carry code and was not "
                           "read. Use a refs file from a source you trust.") from None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError, MemoryError) as exc:
        raise DatasetError(f"{path}: not a readable refs pickle ({type(exc).__name__}: {exc})") from None
    if not isinstance(refs, list):
        raise DatasetError(f"{path}: expected a pickled list of refs, got {type(refs).__name__}")
    return refs


def _load_instances(path: Path) -> dict:
    try:
        instances = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(instances, dict):
        raise DatasetError(f"{path}: expected a COCO object with `images` and `annotations`, "
                           f"got {type(instances).__name__}")
    return instances


def _by_id(instances: dict, name: str, path: Path) -> Dict:
    """The COCO `images` or `annotations` list as id → record, each checked to be an object with an id."""
    items = instances.get(name, [])
    if not isinstance(items, list):
        raise DatasetError(f"{path}: `{name}` must be a list, got {type(items).__name__}")
    out = {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise DatasetError(f"{path}: {name}[{n}] must be an object, got {type(item).__name__}")
        out[id_field(item, "id", f"{path}: {name}[{n}]")] = item
    return out


def _image_dir(root: Path, image_root: Optional[Path]) -> Path:
    refer_layout = root.parent / "images" / root.name / "JPEGImages"
    candidates = [image_root] if image_root else [root / "JPEGImages", refer_layout]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise DatasetError(f"no RRSIS-D image folder: looked for {', '.join(map(str, candidates))}")


def _in_split(ref_split: str, wanted: str) -> bool:
    return wanted in ref_split if wanted == "test" else ref_split == wanted


def _records_of(ref: dict, where: str, ann: dict, image: Dict, image_dir: Path, instances_path: Path) -> List[Record]:
    image_where = f"{instances_path}: image {image.get('id')!r}"
    file_name = (text_field(image, "file_name", image_where, optional=True)
                 or text_field(ref, "file_name", where))
    mask = CocoMask(checked_segmentation(ann.get("segmentation"), f"{instances_path}: annotation {ann['id']!r}"),
                    positive_int(image.get("height"), "height", image_where),
                    positive_int(image.get("width"), "width", image_where))
    sentences = ref.get("sentences")
    if not isinstance(sentences, list):
        raise DatasetError(f"{where}: `sentences` must be a list, got {type(sentences).__name__}")
    records = []
    for i, sent in enumerate(sentences):
        if not isinstance(sent, dict):
            raise DatasetError(f"{where}: sentences[{i}] must be a dict, got {type(sent).__name__}")
        sent_where = f"{where}, sentences[{i}]"
        phrase = text_field(sent, "raw", sent_where, optional=True) or text_field(sent, "sent", sent_where)
        records.append(Record(ref_id=f"{ref.get('ref_id')}:{sent.get('sent_id', i)}", phrase=phrase.strip(),
                              kind=None, image_path=image_dir / file_name, mask=mask))
    return records
