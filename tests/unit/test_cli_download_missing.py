"""`segment --download-missing` (what `make demo` runs): missing weights are fetched, then the run goes on;
offline, the usual 'what to download and where' message and exit 3."""
import dataclasses
import socket

import pytest

from rrsis_qgis import cli
from rrsis_qgis.engine import segmenter as segmenter_module
from rrsis_qgis.engine.weights import MissingWeightsError
from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff
from tests.unit.test_download import PAYLOAD, entry, server  # noqa: F401 (the local HTTP server fixture)


@pytest.fixture
def scene(tmp_path):
    return write_geotiff(str(tmp_path / "scene.tif"), demo_scene(size=96).image)


def fake_model(monkeypatch, tiny_segmenter, weights, loads):
    """A model whose one weights file is ``weights``: missing → MissingWeightsError, present → the tiny model."""
    def from_name(name, device="auto", models_dir=None, precision="fp32"):
        loads.append(name)
        if not (models_dir / weights.file).is_file():
            raise MissingWeightsError([weights], models_dir)
        return tiny_segmenter
    monkeypatch.setattr(segmenter_module.Segmenter, "from_name", staticmethod(from_name))


def run(tmp_path, scene, *extra):
    return cli.main(["segment", scene, "the white tank", "--out", str(tmp_path / "out.gpkg"),
                     "--models-dir", str(tmp_path / "models"), *extra])


def test_missing_weights_are_downloaded_then_the_run_goes_on(tmp_path, scene, server, monkeypatch,  # noqa: F811
                                                             tiny_segmenter, capsys):
    (tmp_path / "models").mkdir()
    weights, loads = dataclasses.replace(entry(), url=server), []
    fake_model(monkeypatch, tiny_segmenter, weights, loads)
    assert run(tmp_path, scene, "--download-missing") == 0
    assert (tmp_path / "models" / "model.pt").read_bytes() == PAYLOAD and loads == ["default", "default"]
    err = capsys.readouterr().err
    assert "downloading model.pt" in err and "1.0 / 1.0 MB" in err
    assert (tmp_path / "out.gpkg").is_file()


def test_offline_gives_the_usual_message_and_exit_3(tmp_path, scene, monkeypatch, tiny_segmenter, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/model.pt"  # nothing listens there once closed
    weights, loads = dataclasses.replace(entry(), url=dead), []
    fake_model(monkeypatch, tiny_segmenter, weights, loads)
    assert run(tmp_path, scene, "--download-missing") == 3
    err = capsys.readouterr().err
    assert "could not download" in err and "Model weights are missing" in err and dead in err
    assert not (tmp_path / "out.gpkg").exists() and loads == ["default"]


def test_without_the_flag_nothing_is_downloaded(tmp_path, scene, server, monkeypatch, tiny_segmenter,  # noqa: F811
                                                capsys):
    weights, loads = dataclasses.replace(entry(), url=server), []
    fake_model(monkeypatch, tiny_segmenter, weights, loads)
    assert run(tmp_path, scene) == 3
    assert not (tmp_path / "models" / "model.pt").exists()
