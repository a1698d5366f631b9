"""Dataset loaders on tiny fixtures in each format's exact layout, synthref, and phrase-keeping augmentations."""
import json
import logging
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pycocotools import mask as coco
from torch.utils.data import DataLoader

from rrsis_qgis.train.augment import (augment, flip_horizontal, flip_vertical, jitter_brightness_contrast,
                                      mirror_phrase_horizontally, mirror_phrase_vertically)
from rrsis_qgis.train.data import DatasetError, Sample, collate_samples, open_dataset
from rrsis_qgis.train.data.common import decode_segmentation

# (file stem, height, width, phrase, kind, split): non-square images catch transposed masks
SCENES = [("0", 24, 32, "The left-most ship", "order", "train"),
          ("1", 30, 20, "the white storage tank left of the road", "relation", "train"),
          ("2", 16, 16, "The storage tank at the top-left of the image", None, "val")]


def scene_arrays(index, height, width):
    rng = np.random.default_rng(index)
    image = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    mask = np.zeros((height, width), dtype=bool)
    mask[2 + index: height // 2 + index, 1:width // 3 + index] = True
    mask[-3:, -2:] = True  # a second part, so the mask is not one box
    return image, mask


def compressed_rle(mask):
    rle = coco.encode(np.asfortranarray(mask.astype(np.uint8)))
    return {"size": [int(v) for v in rle["size"]], "counts": rle["counts"].decode("ascii")}


@pytest.fixture
def refsegrs_root(tmp_path):
    root = tmp_path / "RefSegRS"
    (root / "images").mkdir(parents=True)
    (root / "masks").mkdir()
    lines = {"train": [], "val": []}
    for i, (stem, h, w, phrase, _, split) in enumerate(SCENES):
        image, mask = scene_arrays(i, h, w)
        Image.fromarray(image).save(root / "images" / f"{stem}.tif")
        Image.fromarray(mask.astype(np.uint8) * 255).save(root / "masks" / f"{stem}.tif")
        lines[split].append(f"{stem} {phrase}")
    for split, split_lines in lines.items():
        (root / f"output_phrase_{split}.txt").write_text("\n".join(split_lines) + "\n")
    return root


@pytest.fixture
def rrsisd_root(tmp_path):
    root = tmp_path / "rrsisd"
    (root / "JPEGImages").mkdir(parents=True)
    refs, images, annotations = [], [], []
    for i, (stem, h, w, phrase, _, split) in enumerate(SCENES):
        image, mask = scene_arrays(i, h, w)
        file_name = f"{int(stem):05d}.jpg"
        Image.fromarray(image).save(root / "JPEGImages" / file_name)
        images.append({"file_name": file_name, "height": h, "width": w, "id": 100 + i})
        annotations.append({"id": 200 + i, "image_id": 100 + i, "categories_id": 15, "area": int(mask.sum()),
                            "bbox": [0, 0, w, h], "segmentation": [compressed_rle(mask)]})
        refs.append({"image_id": 100 + i, "split": split, "file_name": file_name, "category_id": 15,
                     "ann_id": 200 + i, "sent_ids": [300 + i], "ref_id": 400 + i,
                     "sentences": [{"tokens": phrase.split(), "raw": phrase, "sent_id": 300 + i, "sent": phrase}]})
    with open(root / "refs(unc).p", "wb") as f:
        pickle.dump(refs, f)
    (root / "instances.json").write_text(json.dumps({"images": images, "annotations": annotations,
                                                     "categories": [{"name": "storagetank", "id": 15}]}))
    return root


@pytest.fixture
def jsonl_index(tmp_path):
    (tmp_path / "images").mkdir()
    lines = []
    for i, (stem, h, w, phrase, kind, split) in enumerate(SCENES):
        image, mask = scene_arrays(i, h, w)
        Image.fromarray(image).save(tmp_path / "images" / f"scene_{stem}.png")
        item = {"split": split, "image_id": f"scene_{stem}_0", "sent": phrase, "file_name": f"scene_{stem}.png",
                "segmentation": compressed_rle(mask), "unknown_field": [1, 2]}
        if kind is not None:
            item["kind"] = kind
        lines.append(json.dumps(item))
    index = tmp_path / "datainfo.jsonl"
    index.write_text("\n".join(lines) + "\n")
    return index


@pytest.fixture(params=["refsegrs", "rrsisd", "jsonl"])
def fixture_dataset(request):
    """(format, the path in the spec, the path of its index file, a function: stem → image path)."""
    fmt = request.param
    if fmt == "refsegrs":
        root = request.getfixturevalue("refsegrs_root")
        return fmt, root, root / "output_phrase_train.txt", lambda stem: root / "images" / f"{stem}.tif"
    if fmt == "rrsisd":
        root = request.getfixturevalue("rrsisd_root")
        return fmt, root, root / "refs(unc).p", lambda stem: root / "JPEGImages" / f"{int(stem):05d}.jpg"
    index = request.getfixturevalue("jsonl_index")
    return fmt, index, index, lambda stem: index.parent / "images" / f"scene_{stem}.png"


def expected(split, with_kind):
    return [(phrase, kind if with_kind else None, scene_arrays(i, h, w))
            for i, (_, h, w, phrase, kind, s) in enumerate(SCENES) if s == split]


@pytest.mark.parametrize("split", ["train", "val"])
def test_each_format_round_trips_phrases_kinds_and_masks(fixture_dataset, split):
    fmt, path, _, _ = fixture_dataset
    dataset = open_dataset(f"{fmt}:{path}", split=split)
    want = expected(split, with_kind=fmt == "jsonl")
    assert len(dataset) == len(want) and dataset.skipped == {}
    for sample, (phrase, kind, (image, mask)) in zip(dataset, want):
        assert (sample.phrase, sample.kind) == (phrase, kind)
        assert sample.mask.dtype == bool and np.array_equal(sample.mask, mask)
        assert sample.image.dtype == np.uint8 and sample.image.shape == image.shape
        if fmt != "rrsisd":  # lossless fixtures (RRSIS-D ships JPEGs)
            assert np.array_equal(sample.image, image)


def test_jsonl_without_split_reads_every_line_and_keeps_ids(jsonl_index):
    dataset = open_dataset(f"risbench:{jsonl_index}")
    assert [dataset[i].ref_id for i in range(len(dataset))] == ["scene_0_0", "scene_1_0", "scene_2_0"]


def test_jsonl_images_elsewhere_need_image_root(jsonl_index, tmp_path):
    moved = tmp_path / "elsewhere"
    (jsonl_index.parent / "images").rename(moved)
    with pytest.raises(DatasetError, match="pass image_root"):
        open_dataset(f"jsonl:{jsonl_index}")
    assert len(open_dataset(f"jsonl:{jsonl_index}", image_root=moved)) == 3


def test_rrsisd_test_split_and_refer_layout(rrsisd_root):
    refer_root = rrsisd_root.parent / "refer_data"
    (refer_root / "images" / "rrsisd").mkdir(parents=True)
    (rrsisd_root / "JPEGImages").rename(refer_root / "images" / "rrsisd" / "JPEGImages")
    rrsisd_root.rename(refer_root / "rrsisd")
    dataset = open_dataset(f"rrsisd:{refer_root / 'rrsisd'}", split="val")
    assert [dataset[0].phrase, dataset[0].ref_id] == [SCENES[2][3], "402:302"]
    with pytest.raises(DatasetError, match="no expressions of split 'test'"):
        open_dataset(f"rrsisd:{refer_root / 'rrsisd'}", split="test")


def test_missing_index_file_names_the_path(fixture_dataset):
    fmt, path, index, _ = fixture_dataset
    index.unlink()
    with pytest.raises(DatasetError, match=str(index).replace("(", r"\(").replace(")", r"\)")):
        open_dataset(f"{fmt}:{path}", split="train")


@pytest.mark.parametrize("spec", ["refsegrs:/no/such/root", "rrsisd:/no/such/root", "jsonl:/no/such/x.jsonl"])
def test_missing_root_names_the_path(spec):
    with pytest.raises(DatasetError, match="/no/such/"):
        open_dataset(spec)


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(DatasetError, match="refsegrs, rrsisd, jsonl, risbench"):
        open_dataset("coco:/data")


def test_malformed_jsonl_line_names_file_and_line(jsonl_index):
    jsonl_index.write_text(jsonl_index.read_text() + '{"sent": "a ship"}\n')
    with pytest.raises(DatasetError, match=r"datainfo.jsonl:4: missing field\(s\) file_name, segmentation"):
        open_dataset(f"jsonl:{jsonl_index}")


def test_missing_image_is_dropped_and_counted(fixture_dataset):
    fmt, path, _, image_of = fixture_dataset
    image_of("1").unlink()
    dataset = open_dataset(f"{fmt}:{path}", split="train")
    assert len(dataset) == 1 and dataset[0].phrase == SCENES[0][3]
    assert dataset.skipped == {"image_missing": 1}


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_image_gives_none_counted_and_dropped_by_collate(fixture_dataset, damage, caplog):
    fmt, path, _, image_of = fixture_dataset
    broken = image_of("1")
    data = broken.read_bytes()
    broken.write_bytes(b"not an image at all" * 10 if damage == "garbage" else data[: len(data) // 3])
    dataset = open_dataset(f"{fmt}:{path}", split="train")
    assert len(dataset) == 2  # the file exists: nothing is decoded at construction
    with caplog.at_level(logging.WARNING):
        batch = [dataset[0], dataset[1]]
    assert batch[1] is None and str(broken) in caplog.text
    assert dataset.skipped == {"image_unreadable": 1}
    samples, dropped = collate_samples(batch)
    assert dropped == 1 and len(samples) == 1 and isinstance(samples[0], Sample)


def test_corrupt_mask_file_gives_none_and_is_counted(refsegrs_root, caplog):
    (refsegrs_root / "masks" / "0.tif").write_bytes(b"\x00garbage")
    dataset = open_dataset(f"refsegrs:{refsegrs_root}", split="train")
    with caplog.at_level(logging.WARNING):
        assert dataset[0] is None and dataset[1] is not None
    assert dataset.skipped == {"mask_unreadable": 1} and str(refsegrs_root / "masks" / "0.tif") in caplog.text


def test_a_data_loader_batches_samples_and_reports_drops(jsonl_index):
    (jsonl_index.parent / "images" / "scene_0.png").write_bytes(b"broken")
    loader = DataLoader(open_dataset(f"jsonl:{jsonl_index}"), batch_size=2, collate_fn=collate_samples)
    batches = list(loader)
    assert [(len(samples), dropped) for samples, dropped in batches] == [(1, 1), (1, 0)]
    assert batches[0][0][0].image.flags.writeable


def test_decode_segmentation_accepts_uncompressed_rle_and_polygons():
    mask = scene_arrays(0, 12, 9)[1]
    assert np.array_equal(decode_segmentation({"size": [12, 9], "counts": _runs(mask)}), mask)
    square = decode_segmentation([[2, 2, 6, 2, 6, 6, 2, 6]], height=10, width=10)
    assert square.shape == (10, 10) and square[3:6, 3:6].all() and not square[7:].any()
    assert not decode_segmentation([], height=4, width=5).any()


def _runs(mask):
    """Uncompressed COCO RLE counts: column-major run lengths, the first one background (maybe 0)."""
    flat = mask.flatten(order="F").astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flat, [1 - flat[-1]]]))).tolist()
    return np.diff([0] + edges).tolist()


@pytest.mark.shared_data
def test_synthref_val_loads_with_kinds(shared_data):
    index = shared_data / "synthref" / "val.jsonl"
    if not index.is_file():
        pytest.skip(f"{index} is absent")
    dataset = open_dataset(f"jsonl:{index}", split="val")
    assert len(dataset) == 273 and dataset.skipped == {}
    assert {r.kind for r in dataset.records} == {"colour", "size", "position", "order", "relation"}
    for i in (0, 136, 272):
        sample = dataset[i]
        assert sample.image.shape == (256, 256, 3) and sample.image.dtype == np.uint8
        assert sample.mask.shape == (256, 256) and sample.mask.dtype == bool and sample.mask.any()


def a_sample(phrase):
    image, mask = scene_arrays(3, 20, 28)
    return Sample(image=image, mask=mask, phrase=phrase, kind="order", ref_id="x")


def test_horizontal_flip_mirrors_mask_and_left_right_words():
    sample = a_sample("the left-most ship")
    flipped = flip_horizontal(sample)
    assert np.array_equal(flipped.mask, np.fliplr(sample.mask))
    assert np.array_equal(flipped.image, np.fliplr(sample.image))
    assert flipped.phrase == "the right-most ship" and flipped.mask.flags.c_contiguous


def test_vertical_flip_mirrors_mask_and_top_bottom_words():
    sample = a_sample("The storage tank at the top-left of the image")
    flipped = flip_vertical(sample)
    assert np.array_equal(flipped.mask, np.flipud(sample.mask))
    assert flipped.phrase == "The storage tank at the bottom-left of the image"


@pytest.mark.parametrize("phrase, horizontal, vertical", [
    ("The leftmost tank", "The rightmost tank", "The leftmost tank"),
    ("LEFT of the road", "RIGHT of the road", "LEFT of the road"),
    ("the court at the middle-right", "the court at the middle-left", "the court at the middle-right"),
    ("the ship west of the pier, north-east", "the ship east of the pier, north-west",
     "the ship west of the pier, south-east"),
    ("the upper building above the road, Top-most", "the upper building above the road, Top-most",
     "the lower building below the road, Bottom-most"),
    ("the car right next to the road", "the car right next to the road", "the car right next to the road"),
    ("the tank on the right next to the road", "the tank on the left next to the road",
     "the tank on the right next to the road"),
])
def test_direction_words_swap_with_case_kept(phrase, horizontal, vertical):
    assert mirror_phrase_horizontally(phrase) == horizontal and mirror_phrase_vertically(phrase) == vertical
    assert mirror_phrase_horizontally(horizontal) == phrase and mirror_phrase_vertically(vertical) == phrase


def test_phrase_without_direction_words_is_unchanged():
    sample = a_sample("The largest red storage tank.")
    assert flip_horizontal(sample).phrase == flip_vertical(sample).phrase == sample.phrase


def test_augment_is_deterministic_for_a_seed():
    sample = a_sample("the left-most ship at the top")
    first = [augment(sample, np.random.default_rng(seed)) for seed in range(8)]
    again = [augment(sample, np.random.default_rng(seed)) for seed in range(8)]
    for a, b in zip(first, again):
        assert a.phrase == b.phrase and np.array_equal(a.image, b.image) and np.array_equal(a.mask, b.mask)
    assert len({a.phrase for a in first}) > 1  # the flips do happen


def test_jitter_keeps_hue():
    rng = np.random.default_rng(0)
    image = rng.integers(60, 196, (32, 32, 3), dtype=np.uint8)
    jittered = jitter_brightness_contrast(image, np.random.default_rng(5))
    assert not np.array_equal(jittered, image)
    coloured = chroma(image) > 40  # on near-grey pixels uint8 rounding alone moves the hue a lot
    difference = np.angle(np.exp(1j * (hue(jittered) - hue(image))), deg=True)[coloured]
    assert coloured.sum() > 100 and np.abs(difference).max() < 3.0


def hue(image):
    """Hue angle (radians) of each pixel; unchanged by the same gain and shift on all three channels."""
    r, g, b = image.reshape(-1, 3).astype(np.float64).T
    return np.arctan2(np.sqrt(3) * (g - b), 2 * r - g - b)


def chroma(image):
    r, g, b = image.reshape(-1, 3).astype(np.float64).T
    return np.hypot(np.sqrt(3) * (g - b), 2 * r - g - b) / 2
