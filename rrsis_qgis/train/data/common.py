"""What every referring-segmentation format shares: Sample, the lazy index records, reading, skipping, collate.

A format module only turns its index files into `Record`s (phrase, kind, image path, where the mask
is), checking each field's type with `text_field` / `id_field` / `checked_segmentation` so a malformed
record is a DatasetError naming the file and the record, not a traceback later; `build_dataset`
drops records whose image (or mask file) is absent, and `ReferringDataset` decodes the image and
mask of one record when asked. Nothing is decoded at construction.
"""
from __future__ import annotations

import logging
import math
import numbers
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple, Union

import numpy as np
from PIL import Image
from pycocotools import mask as coco_mask
from torch.utils.data import Dataset

log = logging.getLogger(__name__)
# What a corrupt or truncated file makes PIL, GDAL or pycocotools raise.
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, KeyError, TypeError, OverflowError, Image.DecompressionBombError)


class DatasetError(ValueError):
    """A dataset root, index or annotation file is missing or malformed."""


@dataclass
class Sample:
    image: np.ndarray  # H×W×3 uint8 RGB
    mask: np.ndarray  # H×W bool, the referred object
    phrase: str
    kind: Optional[str]  # how the expression refers (synthref / RISBench "kind"), None when unknown
    ref_id: str


@dataclass(frozen=True)
class FileMask:
    """A mask stored as an image file; any non-zero pixel is the object."""

    path: Path

    def load(self) -> np.ndarray:
        with Image.open(self.path) as img:
            values = np.asarray(img)
        return values.any(axis=2) if values.ndim == 3 else values.astype(bool)


@dataclass(frozen=True)
class CocoMask:
    """A COCO segmentation (compressed / uncompressed RLE, a list of them, or polygons) of an H×W image."""

    segmentation: Union[dict, list]
    height: Optional[int] = None
    width: Optional[int] = None

    def load(self) -> np.ndarray:
        return decode_segmentation(self.segmentation, self.height, self.width)


@dataclass(frozen=True)
class Record:
    """One expression, indexed but not loaded."""

    ref_id: str
    phrase: str
    kind: Optional[str]
    image_path: Path
    mask: Union[FileMask, CocoMask]


def decode_segmentation(segmentation: Union[dict, list], height: Optional[int] = None,
                        width: Optional[int] = None) -> np.ndarray:
    """H×W bool union of every part of a COCO segmentation (polygons need height and width)."""
    parts = segmentation if isinstance(segmentation, list) else [segmentation]
    if parts and not isinstance(parts[0], (dict, list, tuple)):
        parts = [parts]  # a single flat polygon [x1, y1, x2, y2, ...]
    rles = []
    for part in parts:
        if isinstance(part, dict):
            if isinstance(part["counts"], list):  # uncompressed RLE
                part = coco_mask.frPyObjects(part, *part["size"])
            rles.append(part)
        else:
            if height is None or width is None:
                raise ValueError("a polygon segmentation needs the image height and width")
            rles.extend(coco_mask.frPyObjects([list(part)], height, width))
    if not rles:
        if height is None or width is None:
            raise ValueError("an empty segmentation needs the image height and width")
        return np.zeros((height, width), dtype=bool)
    return coco_mask.decode(rles).any(axis=2)


def read_rgb(path: Path) -> np.ndarray:
    """H×W×3 uint8 RGB from an image file; multi-band or odd TIFFs that PIL refuses go through GDAL."""
    try:
        with Image.open(path) as img:
            if img.mode in ("RGB", "RGBA", "L", "P", "LA", "1", "CMYK", "YCbCr"):
                return np.array(img.convert("RGB"))  # np.array: writable, unlike asarray's view
    except OSError:  # includes PIL.UnidentifiedImageError and truncated files
        if Path(path).suffix.lower() not in (".tif", ".tiff"):
            raise
    return _read_rgb_with_gdal(path)


def _read_rgb_with_gdal(path: Path) -> np.ndarray:
    from osgeo import gdal

    gdal.UseExceptions()
    try:
        ds = gdal.Open(str(path))
        bands = ds.ReadAsArray()
    except RuntimeError as exc:
        raise OSError(f"GDAL cannot read {path}: {exc}") from exc
    bands = bands[None] if bands.ndim == 2 else bands
    if bands.dtype != np.uint8:
        raise OSError(f"{path}: {bands.dtype} pixels; the loaders expect 8-bit RGB imagery")
    rgb = np.repeat(bands[:1], 3, axis=0) if bands.shape[0] < 3 else bands[:3]
    return np.ascontiguousarray(rgb.transpose(1, 2, 0))


class ReferringDataset(Dataset):
    """`Sample`s of one split; None for a sample whose image or mask cannot be decoded (logged, counted)."""

    def __init__(self, records: List[Record], skipped: Optional[Dict[str, int]] = None, name: str = ""):
        self.records = records
        self.name = name
        self._skipped_at_construction = Counter(skipped or {})
        # Counted in the process that loads; with DataLoader workers these stay in the workers'
        # copies, which is why collate_samples reports the dropped Nones of every batch too.
        self._skipped_at_load: Counter = Counter()

    def __len__(self) -> int:
        return len(self.records)

    @property
    def skipped(self) -> Dict[str, int]:
        """Reason → number of expressions skipped, at construction and (in this process) at load."""
        return dict(self._skipped_at_construction + self._skipped_at_load)

    @property
    def skipped_at_construction(self) -> Dict[str, int]:
        """Reason → expressions left out before any was read (image or mask file absent)."""
        return dict(self._skipped_at_construction)

    @property
    def skipped_at_load(self) -> Dict[str, int]:
        """Reason → expressions whose image or mask could not be decoded, so far, in this process."""
        return dict(self._skipped_at_load)

    def __getitem__(self, index: int) -> Optional[Sample]:
        record = self.records[index]
        image = self._load(record, "image_unreadable", str(record.image_path), lambda: read_rgb(record.image_path))
        if image is None:
            return None
        mask = self._load(record, "mask_unreadable", _mask_location(record), record.mask.load)
        if mask is None:
            return None
        if mask.shape != image.shape[:2]:
            return self._skip(record, "mask_shape_mismatch", _mask_location(record),
                              f"mask {mask.shape} vs image {image.shape[:2]}")
        return Sample(image=image, mask=mask, phrase=record.phrase, kind=record.kind, ref_id=record.ref_id)

    def _load(self, record: Record, reason: str, location: str, load: Callable[[], np.ndarray]):
        try:
            return load()
        except _DECODE_ERRORS as exc:
            return self._skip(record, reason, location, str(exc))

    def _skip(self, record: Record, reason: str, location: str, detail: str) -> None:
        self._skipped_at_load[reason] += 1
        log.warning("skipping expression %s (%s): %s: %s", record.ref_id, reason, location, detail)
        return None


def _mask_location(record: Record) -> str:
    mask = record.mask
    return str(mask.path) if isinstance(mask, FileMask) else f"the COCO segmentation of {record.image_path}"


def skipped_reasons(dataset, at_load: Dict[str, int]) -> Dict[str, int]:
    """Reason → expressions skipped in one evaluation: those left out at indexing (absent files) and
    ``at_load``, those that failed to decode during it."""
    return dict(sorted((Counter(getattr(dataset, "skipped_at_construction", {})) + Counter(at_load)).items()))


def nothing_scored(dataset, reasons: Dict[str, int]) -> DatasetError:
    """The error of an evaluation in which no expression could be scored, saying why."""
    name = getattr(dataset, "name", "") or "the dataset"
    why = ", ".join(f"{k}: {v}" for k, v in reasons.items()) or "it holds no expression"
    return DatasetError(f"{name}: no expression could be scored ({why}); check that the images are where "
                        "the format expects them (or pass --image-root) and that they are readable")


def build_dataset(records: Iterable[Record], name: str) -> ReferringDataset:
    """Drop records whose image or mask file is absent (counted by reason); stat each image once."""
    exists: Dict[Path, bool] = {}
    kept: List[Record] = []
    skipped: Counter = Counter()
    for record in records:
        if not exists.setdefault(record.image_path, record.image_path.is_file()):
            skipped["image_missing"] += 1
        elif isinstance(record.mask, FileMask) and not record.mask.path.is_file():
            skipped["mask_missing"] += 1
        else:
            kept.append(record)
    if skipped:
        log.warning("%s: skipped %s", name, dict(skipped))
    return ReferringDataset(kept, dict(skipped), name)


def text_field(item: dict, name: str, where: str, optional: bool = False) -> Optional[str]:
    """``item[name]`` as a string; DatasetError (naming ``where``) if it is absent or not text."""
    value = item.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise DatasetError(f"{where}: `{name}` must be text, got {_shown(value)}")
    return value


def id_field(item: dict, name: str, where: str):
    """``item[name]`` as an id (an integer or a string); DatasetError (naming ``where``) otherwise."""
    value = item.get(name)
    if isinstance(value, str) or (isinstance(value, numbers.Integral) and not isinstance(value, bool)):
        return value
    raise DatasetError(f"{where}: `{name}` must be an integer or a string id, got {_shown(value)}")


def positive_int(value, name: str, where: str) -> Optional[int]:
    """An image side: None (unknown) or a positive integer."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise DatasetError(f"{where}: `{name}` must be a positive integer, got {_shown(value)}")
    return int(value)


def checked_segmentation(segmentation, where: str):
    """``segmentation`` if it is a COCO RLE (size [H, W] > 0, counts text or run lengths ≥ 0), a list of
    them, or polygons of numbers; DatasetError (naming ``where``) otherwise, before pycocotools sees it."""
    parts = segmentation if isinstance(segmentation, list) else [segmentation]
    if parts and not isinstance(parts[0], (dict, list, tuple)):
        parts = [parts]
    for part in parts:
        if isinstance(part, dict):
            size, counts = part.get("size"), part.get("counts")
            if not (isinstance(size, (list, tuple)) and len(size) == 2
                    and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) and v > 0 for v in size)):
                raise DatasetError(f"{where}: the RLE `size` must be [height, width], two positive integers, "
                                   f"got {_shown(size)}")
            if isinstance(counts, list):
                if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) and v >= 0 for v in counts):
                    raise DatasetError(f"{where}: the uncompressed RLE `counts` must be run lengths ≥ 0")
            elif not isinstance(counts, (str, bytes)):
                raise DatasetError(f"{where}: the RLE `counts` must be a string or a list of run lengths, "
                                   f"got {_shown(counts)}")
        elif isinstance(part, (list, tuple)):
            if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v) for v in part):
                raise DatasetError(f"{where}: a polygon of the segmentation must be a list of numbers x1, y1, …")
        else:
            raise DatasetError(f"{where}: `segmentation` must be a COCO RLE, a list of them, or polygons, "
                               f"got {_shown(part)}")
    return segmentation


def _shown(value) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60] + '…' if len(text) > 60 else text}"


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise DatasetError(f"{path}: not found; expected {what}")
    return path


def require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise DatasetError(f"{path}: not a folder; expected {what}")
    return path


def collate_samples(batch: List[Optional[Sample]]) -> Tuple[List[Sample], int]:
    """(the samples that loaded, how many were None) — the caller reports the dropped count."""
    samples = [s for s in batch if s is not None]
    return samples, len(batch) - len(samples)
