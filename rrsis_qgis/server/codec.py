"""Request images in (base64 PNG or .npy) and heatmaps out, with the size limits checked before decoding."""
from __future__ import annotations

import base64
import binascii
import io

import numpy as np
from PIL import Image

from ..geo.stretch import to_uint8

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NPY_MAGIC = b"\x93NUMPY"
NPY_HEADER_BYTES = 128  # magic, version and the shape/dtype dict, padded (numpy pads to a multiple of 64)
JSON_ROOM_BYTES = 1 << 20  # phrase, points, boxes and the JSON around the image


def body_bytes_for(max_side: int) -> int:
    """The request body a view of ``max_side``² px needs: what the plugin sends, a H×W×4 uint8 .npy
    (RGB + validity) in base64 — 85.3 MiB at 4096² — plus room for the rest of the request."""
    npy = max_side * max_side * 4 + NPY_HEADER_BYTES
    return -(-npy // 3) * 4 + JSON_ROOM_BYTES


class ImageError(ValueError):
    """An image the server will not decode; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 422, code: str = "bad_image"):
        super().__init__(message)
        self.status, self.code = status, code


def decode_image(b64: str, max_side: int) -> tuple:
    """base64 PNG/.npy → (H×W×3 uint8 RGB, H×W bool valid). Alpha 0 marks invalid pixels."""
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise ImageError("image is not valid base64") from None
    if raw.startswith(PNG_MAGIC):
        array = _png(raw, max_side)
    elif raw.startswith(NPY_MAGIC):
        array = _npy(raw, max_side)
    else:
        raise ImageError("unsupported image format: send a PNG or a .npy array (base64)", 415, "unsupported_format")
    return _to_rgb(array)


def _check_side(h: int, w: int, max_side: int) -> None:
    if max(h, w) > max_side:
        raise ImageError(f"image is {w}×{h} px; the limit is {max_side} px per side", 413, "image_too_large")
    if min(h, w) < 8:
        raise ImageError(f"image is {w}×{h} px; at least 8 px per side is needed")


def _png(raw: bytes, max_side: int) -> np.ndarray:
    try:
        img = Image.open(io.BytesIO(raw))
        _check_side(img.height, img.width, max_side)  # from the header, before decoding any pixels
        img.load()
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError(f"the PNG declares more pixels than {max_side}² allows", 413, "image_too_large") from None
    except Exception as exc:  # PIL raises many types for corrupt files
        raise ImageError(f"cannot decode the PNG: {exc}") from None
    if img.mode in ("P", "PA", "1", "CMYK", "YCbCr", "LAB", "HSV"):
        img = img.convert("RGBA")
    return np.asarray(img)


def _npy(raw: bytes, max_side: int) -> np.ndarray:
    _check_npy_header(raw, max_side)
    try:
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception as exc:
        raise ImageError(f"cannot read the .npy array: {exc}") from None
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (1, 3, 4)):
        raise ImageError(f"the array must be H×W, H×W×3 or H×W×4, got shape {array.shape}")
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise ImageError(f"the array must hold numbers, got {array.dtype}")
    _check_side(array.shape[0], array.shape[1], max_side)
    return array


def _check_npy_header(raw: bytes, max_side: int) -> None:
    """Refuse from the header what would be too large to load, and data shorter than the header says."""
    stream = io.BytesIO(raw)
    try:
        version = np.lib.format.read_magic(stream)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _fortran, dtype = read_header(stream)
    except Exception as exc:
        raise ImageError(f"cannot read the .npy array: {exc}") from None
    if len(shape) in (2, 3) and min(shape[:2]) > 0:
        _check_side(shape[0], shape[1], max_side)
    needed = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if dtype.hasobject or len(raw) - stream.tell() < needed:
        raise ImageError(f"the .npy array is shorter than its header declares ({shape}, {dtype})")


def _to_rgb(array: np.ndarray) -> tuple:
    if array.ndim == 2:
        array = array[..., None]
    h, w, c = array.shape
    valid = np.ones((h, w), bool)
    if c in (2, 4):  # last channel is alpha
        valid = array[..., -1] > 0
        array = array[..., :-1]
    if array.shape[2] == 1:
        array = np.repeat(array, 3, axis=2)
    if array.dtype != np.uint8:
        array = to_uint8(np.moveaxis(array, 2, 0), valid)  # 16-bit or float: percentile stretch
    array = np.where(valid[..., None], array, 0).astype(np.uint8)
    return np.ascontiguousarray(array), valid


def encode_heatmap(heatmap: np.ndarray, max_side: int = 256) -> dict:
    """Activation in [0, 1] → {"png": base64 8-bit PNG, "scale": heatmap px per view px}."""
    h, w = heatmap.shape
    scale = min(1.0, max_side / max(h, w))
    img = Image.fromarray(np.clip(heatmap * 255 + 0.5, 0, 255).astype(np.uint8))
    if scale < 1:
        img = img.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.BILINEAR)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return {"png": base64.b64encode(buf.getvalue()).decode(), "scale": scale}
