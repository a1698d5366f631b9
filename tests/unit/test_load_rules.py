"""Bad weights are refused with one clear message (file, problem, what to do): pinned sha256, empty,
TorchScript, NaN, mis-shaped, transposed, wrong-typed — for the CLIP, SAM 2 and trained loaders alike."""
import hashlib
import json
import os

import pytest
import torch

from rrsis_qgis.engine import load_rules
from rrsis_qgis.engine.clip_dense import DenseClip, load_clip_state_dict
from rrsis_qgis.engine.load_rules import CACHE_NAME, LoadError, file_sha256, verify_pinned
from rrsis_qgis.engine.sam2_adapter import Sam2Refiner
from rrsis_qgis.engine.sam2_checked import checked_refiner
from rrsis_qgis.engine.specs import get_spec
from rrsis_qgis.engine.trained import build_trained
from rrsis_qgis.engine.trained_checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from rrsis_qgis.engine.weights import MANIFEST_ENV, load_manifest, resolve_weights

SPEC = get_spec("tiny-random")
CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def clip_state():
    torch.manual_seed(0)
    return DenseClip(SPEC.clip, CPU).model.state_dict()


@pytest.fixture(scope="module")
def sam_state():
    torch.manual_seed(0)
    return Sam2Refiner(SPEC.sam2, CPU).model.state_dict()


def rectangular(state: dict) -> str:
    return next(k for k, v in state.items() if v.ndim == 2 and v.shape[0] != v.shape[1])


# ---- pinned files --------------------------------------------------------------------------------------------
def test_a_file_that_differs_from_its_pin_is_refused_naming_both_digests_and_the_download(tmp_path):
    path = tmp_path / "ViT-B-16.pt"
    path.write_bytes(b"not the official file")
    actual = hashlib.sha256(b"not the official file").hexdigest()
    with pytest.raises(LoadError) as err:
        verify_pinned(path, "ab" * 32, "download it again: python -m rrsis_qgis models download clip")
    message = str(err.value)
    assert str(path) in message and actual in message and "ab" * 32 in message
    assert "python -m rrsis_qgis models download clip" in message
    verify_pinned(path, actual.upper())  # the manifest's digest in either case
    assert load_rules.was_verified(path)


def test_the_digest_is_cached_by_path_size_and_mtime(tmp_path):
    path = tmp_path / "w.pt"
    path.write_bytes(b"a" * 1000)
    first = file_sha256(path)
    cache = json.loads((tmp_path / CACHE_NAME).read_text())
    assert cache[str(path.resolve())]["sha256"] == first and cache[str(path.resolve())]["size"] == 1000
    stat = path.stat()
    path.write_bytes(b"b" * 1000)  # same size; the old mtime put back: the cache answers, nothing is hashed
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_sha256(path) == first
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # touched: hashed again
    assert file_sha256(path) == hashlib.sha256(b"b" * 1000).hexdigest()


def test_a_cache_that_cannot_be_written_still_verifies(tmp_path):
    path = tmp_path / "w.pt"
    path.write_bytes(b"x")
    (tmp_path / CACHE_NAME).mkdir()  # neither readable as JSON nor replaceable (a read-only folder, as root)
    verify_pinned(path, hashlib.sha256(b"x").hexdigest())
    with pytest.raises(LoadError):
        verify_pinned(path, "0" * 64)
    assert not list(tmp_path.glob(f".{CACHE_NAME}.*"))  # no temp file left behind


def test_a_torchscript_file_under_a_pinned_name_is_refused_before_it_is_loaded(tmp_path, monkeypatch):
    scripted = torch.jit.script(torch.nn.Linear(2, 2))
    path = tmp_path / "ViT-B-16.pt"
    scripted.save(str(path))
    loads = []
    monkeypatch.setattr(torch.jit, "load", lambda *a, **k: loads.append(a))
    with pytest.raises(LoadError) as err:
        resolve_weights(["clip-vit-b-16-openai"], tmp_path)
    entry = load_manifest()["clip-vit-b-16-openai"]
    assert entry.sha256 in str(err.value) and file_sha256(path) in str(err.value)
    assert "models download clip-vit-b-16-openai" in str(err.value)
    with pytest.raises(LoadError, match="TorchScript"):  # an unverified archive is never run, whatever its name
        load_clip_state_dict(path)
    assert loads == []


def test_a_file_whose_pin_matches_passes(tmp_path, monkeypatch):
    path = tmp_path / "ViT-B-16.pt"
    path.write_bytes(b"pinned")
    manifest = json.loads((load_rules.Path(load_rules.__file__).parent / "configs" / "weights_manifest.json")
                          .read_text())
    manifest["clip-vit-b-16-openai"]["sha256"] = hashlib.sha256(b"pinned").hexdigest()
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setenv(MANIFEST_ENV, str(tmp_path / "manifest.json"))
    assert resolve_weights(["clip-vit-b-16-openai"], tmp_path) == {"clip-vit-b-16-openai": path}


# ---- CLIP ----------------------------------------------------------------------------------------------------
def test_an_empty_clip_checkpoint_says_so(tmp_path):
    path = tmp_path / "clip.pt"
    path.write_bytes(b"")
    with pytest.raises(LoadError, match="empty") as err:
        DenseClip(SPEC.clip, CPU, checkpoint=path)
    assert str(path) in str(err.value)


def test_a_truncated_clip_checkpoint_names_the_file(tmp_path, clip_state):
    path = tmp_path / "clip.pt"
    torch.save(clip_state, path)
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(LoadError) as err:
        DenseClip(SPEC.clip, CPU, checkpoint=path)
    assert str(path) in str(err.value) and len(str(err.value)) < 600


def test_nan_in_a_clip_checkpoint_is_refused_by_name(tmp_path, clip_state):
    key = rectangular(clip_state)
    state = dict(clip_state, **{key: clip_state[key].clone()})
    state[key][0, 0] = float("nan")
    torch.save(state, tmp_path / "clip.pt")
    with pytest.raises(LoadError, match="NaN") as err:
        DenseClip(SPEC.clip, CPU, checkpoint=tmp_path / "clip.pt")
    assert key in str(err.value)


def test_a_transposed_clip_weight_is_named(tmp_path, clip_state):
    key = rectangular(clip_state)
    torch.save(dict(clip_state, **{key: clip_state[key].T.contiguous()}), tmp_path / "clip.pt")
    with pytest.raises(LoadError, match="transposed") as err:
        DenseClip(SPEC.clip, CPU, checkpoint=tmp_path / "clip.pt")
    assert key in str(err.value)


# ---- SAM 2 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("damage", ["transposed", "missing", "unknown", "nan", "integer", "no_model_key"])
def test_a_bad_sam2_checkpoint_is_named_not_a_bare_runtime_error(tmp_path, sam_state, damage):
    key = rectangular(sam_state)
    state = dict(sam_state)
    if damage == "transposed":
        state[key] = state[key].T.contiguous()
    elif damage == "missing":
        del state[key]
    elif damage == "unknown":
        state["extra.weight"] = torch.zeros(2)
    elif damage == "nan":
        state[key] = torch.full_like(state[key], float("inf"))
    elif damage == "integer":
        state[key] = state[key].long()
    path = tmp_path / "sam2.pt"
    torch.save(state if damage == "no_model_key" else {"model": state}, path)
    with pytest.raises(LoadError) as err:
        checked_refiner(SPEC.sam2, CPU, path)
    message = str(err.value)
    assert str(path) in message
    assert ("extra.weight" if damage == "unknown" else "'model'" if damage == "no_model_key" else key) in message


def test_a_good_sam2_checkpoint_still_loads(tmp_path, sam_state):
    torch.save({"model": sam_state}, tmp_path / "sam2.pt")
    refiner = checked_refiner(SPEC.sam2, CPU, tmp_path / "sam2.pt")
    assert all(torch.equal(v, refiner.model.state_dict()[k]) for k, v in sam_state.items())


# ---- trained checkpoints -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from tests.unit.referring_fixture import save_tiny_checkpoint

    path = tmp_path_factory.mktemp("trained") / "ok.pt"
    save_tiny_checkpoint(path)
    return load_checkpoint(path)


@pytest.mark.parametrize("damage", ["transposed", "shape", "string", "list", "nan", "lora_rank", "base"])
def test_a_bad_trained_checkpoint_is_a_checkpoint_error_naming_the_file(tmp_path, trained, damage):
    state, config = dict(trained["state"]), dict(trained["config"])
    key = rectangular(state)
    if damage == "transposed":
        state[key] = state[key].T.contiguous()
    elif damage == "shape":
        state[key] = torch.zeros(3)
    elif damage == "string":
        state[key] = "hello"
    elif damage == "list":
        state = [1, 2]
    elif damage == "nan":
        state[key] = state[key].clone().fill_(float("nan"))
    elif damage == "lora_rank":
        config.update(train_all=False, lora_rank="x")
    elif damage == "base":
        config["base"] = 3
    path = tmp_path / "bad.pt"
    save_checkpoint(path, state, config)
    with pytest.raises(CheckpointError) as err:
        build_trained(f"trained:{path}", device="cpu")
    message = str(err.value)
    assert str(path) in message and "train fit" in message
    if damage in ("transposed", "shape", "string", "nan"):
        assert key in message
