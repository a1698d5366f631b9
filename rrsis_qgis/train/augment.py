"""Augmentations that keep the phrase true: flips that swap direction words, hue-preserving brightness/contrast.

A horizontal flip turns "the left-most ship" into "the right-most ship" (left/right, west/east,
"top-left" → "top-right", ...); a vertical flip swaps top/bottom, upper/lower, north/south,
above/below. The jitter scales and shifts the three channels by the same amounts, which leaves
each pixel's hue unchanged (only clipping at 0 / 255 can move it), so colour words stay true.
Everything is deterministic for a given `numpy.random.Generator`.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, Iterable, Tuple

import numpy as np

from .data.common import Sample

_HORIZONTAL_PAIRS = [("left", "right"), ("leftmost", "rightmost"), ("west", "east"), ("western", "eastern"),
                     ("westernmost", "easternmost"), ("westward", "eastward"), ("westwards", "eastwards"),
                     ("northwest", "northeast"), ("southwest", "southeast"),
                     ("northwestern", "northeastern"), ("southwestern", "southeastern")]
_VERTICAL_PAIRS = [("top", "bottom"), ("topmost", "bottommost"), ("upper", "lower"),
                   ("uppermost", "lowermost"), ("above", "below"), ("north", "south"),
                   ("northern", "southern"), ("northernmost", "southernmost"), ("northward", "southward"),
                   ("northwards", "southwards"), ("northwest", "southwest"), ("northeast", "southeast"),
                   ("northwestern", "southwestern"), ("northeastern", "southeastern")]
# "right" as an intensifier ("right next to the road") names no side and stays; "on the right next
# to the road" names one.
_INTENSIFIED = re.compile(r" (?:next to|beside|behind|in front of|by)\b", re.IGNORECASE)


def _swap_table(pairs: Iterable[Tuple[str, str]]) -> Dict[str, str]:
    table = {}
    for a, b in pairs:
        table[a], table[b] = b, a
    return table


def _word_pattern(table: Dict[str, str]) -> "re.Pattern[str]":
    # Hyphens end a word for \b, so "top-left" and "left-most" are two words each and need no entry.
    words = "|".join(sorted(table, key=len, reverse=True))
    return re.compile(rf"\b({words})\b", re.IGNORECASE)


_HORIZONTAL = _swap_table(_HORIZONTAL_PAIRS)
_VERTICAL = _swap_table(_VERTICAL_PAIRS)
_HORIZONTAL_RE = _word_pattern(_HORIZONTAL)
_VERTICAL_RE = _word_pattern(_VERTICAL)


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _is_intensifier(match: "re.Match[str]") -> bool:
    before = match.string[:match.start()].lower()
    return (match.group(0).lower() == "right" and not before.endswith("the ")
            and _INTENSIFIED.match(match.string, match.end()) is not None)


def _swap_words(phrase: str, pattern: "re.Pattern[str]", table: Dict[str, str]) -> str:
    def swap(match: "re.Match[str]") -> str:
        word = match.group(0)
        return word if _is_intensifier(match) else _same_case(word, table[word.lower()])

    return pattern.sub(swap, phrase)


def mirror_phrase_horizontally(phrase: str) -> str:
    """The phrase as true of the left-right mirrored image."""
    return _swap_words(phrase, _HORIZONTAL_RE, _HORIZONTAL)


def mirror_phrase_vertically(phrase: str) -> str:
    """The phrase as true of the top-bottom mirrored image."""
    return _swap_words(phrase, _VERTICAL_RE, _VERTICAL)


def flip_horizontal(sample: Sample) -> Sample:
    return replace(sample, image=np.ascontiguousarray(sample.image[:, ::-1]),
                   mask=np.ascontiguousarray(sample.mask[:, ::-1]),
                   phrase=mirror_phrase_horizontally(sample.phrase))


def flip_vertical(sample: Sample) -> Sample:
    return replace(sample, image=np.ascontiguousarray(sample.image[::-1]),
                   mask=np.ascontiguousarray(sample.mask[::-1]),
                   phrase=mirror_phrase_vertically(sample.phrase))


def jitter_brightness_contrast(image: np.ndarray, rng: np.random.Generator, contrast: float = 0.15,
                               brightness: float = 20.0) -> np.ndarray:
    """Contrast × (image − grey mean) + grey mean + brightness, the same for all channels (hue kept)."""
    gain = rng.uniform(1.0 - contrast, 1.0 + contrast)
    shift = rng.uniform(-brightness, brightness)
    pixels = image.astype(np.float32)
    centre = pixels.mean()
    out = gain * (pixels - centre) + centre + shift
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def augment(sample: Sample, rng: np.random.Generator, p_flip: float = 0.5, jitter: bool = True) -> Sample:
    """Random horizontal and vertical flips (each with p_flip, phrase updated) and a mild jitter."""
    if rng.random() < p_flip:
        sample = flip_horizontal(sample)
    if rng.random() < p_flip:
        sample = flip_vertical(sample)
    if jitter:
        sample = replace(sample, image=jitter_brightness_contrast(sample.image, rng))
    return sample
