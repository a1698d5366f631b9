"""Batches of whole images: every expression of an image in the same step, the image encoded once.

Referring data has several expressions per image (synthref ~2.7, RRSIS-D / RISBench several); the
image encoders are most of a step's cost, so encoding each image once and decoding all of its
phrases gives ~2–3× the supervision per second — and the phrases of one image, pointing at different
objects, are each other's hardest negatives.
"""
from __future__ import annotations

from dataclasses import replace
from typing import List, Optional, Tuple

import numpy as np
from torch.utils.data import Dataset

from ..engine.phrase import parse
from ..engine.trained_ranking import category_phrase
from .augment import augment
from .data import ReferringDataset, Sample


class ImageGroups(Dataset):
    """Item i = the samples of the i-th image (None where one failed to load)."""

    def __init__(self, dataset: ReferringDataset):
        self.dataset = dataset
        by_image: dict = {}
        for index, record in enumerate(dataset.records):
            by_image.setdefault(str(record.image_path), []).append(index)
        self.groups = list(by_image.values())

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, i: int) -> List[Optional[Sample]]:
        return [self.dataset[j] for j in self.groups[i]]


def collate_groups(batch: List[List[Optional[Sample]]]) -> Tuple[List[Sample], List[int], int]:
    """→ (samples, image index of each sample, number dropped); an image's samples share its index."""
    samples, image_of, dropped, image = [], [], 0, -1
    for group in batch:
        kept = [s for s in group if s is not None]
        dropped += len(group) - len(kept)
        if kept:
            image += 1
            samples += kept
            image_of += [image] * len(kept)
    return samples, image_of, dropped


def augment_group(samples: List[Sample], image_of: List[int], rng: np.random.Generator) -> List[Sample]:
    """The same flips and jitter for every expression of an image (each phrase's words follow its flip)."""
    seeds = {i: int(rng.integers(2 ** 31)) for i in set(image_of)}
    return [augment(s, np.random.default_rng(seeds[i])) for s, i in zip(samples, image_of)]


def category_samples(samples: List[Sample], image_of: List[int]) -> Tuple[List[Sample], List[int]]:
    """Per image and target class, "the <target>" → the union of that image's referred objects of it.

    The expressions of an image usually name most of its instances of their class, so the union is
    the class's mask there: it teaches the network the candidates the geometry ranks at inference.
    """
    groups: dict = {}
    for sample, image in zip(samples, image_of):
        phrase = category_phrase(parse(sample.phrase))
        if phrase == " ".join(sample.phrase.lower().rstrip(".").split()):
            continue  # the expression already is the class phrase
        key = (image, phrase)
        if key in groups:
            groups[key] = replace(groups[key], mask=groups[key].mask | sample.mask)
        else:
            groups[key] = replace(sample, phrase=phrase, kind="category", ref_id=f"{sample.ref_id}:category")
    return list(groups.values()), [image for image, _ in groups]
