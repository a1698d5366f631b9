"""Processing "Segment by phrase": registry (toolbox, Model Builder), runs against a tiny-random backend, qgis_process."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (QgsApplication, QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingFeedback,
                       QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm, QgsProcessingOutputLayerDefinition,
                       QgsProject, QgsVectorLayer)

from rrsis_qgis.geo.result_schema import FIELD_NAMES
from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff
from tests.conftest import REPO

ALG_ID = "rrsis:segmentbyphrase"


@pytest.fixture
def registered(qgis_app):
    """The provider as the plugin registers it (initProcessing, which is all qgis_process calls)."""
    from rrsis_qgis.plugin import RrsisPlugin

    registry = QgsApplication.processingRegistry()
    plugin = None
    if registry.providerById("rrsis") is None:
        plugin = RrsisPlugin(None)
        plugin.initProcessing()
    yield registry
    if plugin is not None:
        registry.removeProvider(plugin.provider)


@pytest.fixture(scope="module")
def raster(tmp_path_factory):
    return write_geotiff(str(tmp_path_factory.mktemp("proc") / "scene.tif"), demo_scene(size=300).image)


def test_algorithm_is_in_the_toolbox_and_the_model_builder(registered):
    alg = registered.algorithmById(ALG_ID)
    assert alg is not None and alg.displayName() == "Segment by phrase"
    assert ALG_ID in [a.id() for a in registered.algorithms()]  # what the toolbox lists
    assert not alg.flags() & (QgsProcessingAlgorithm.FlagHideFromToolbox | QgsProcessingAlgorithm.FlagHideFromModeler)
    model = QgsProcessingModelAlgorithm("m", "g")
    child = QgsProcessingModelChildAlgorithm(ALG_ID)
    child.setChildId("seg")
    model.addChildAlgorithm(child)
    assert model.childAlgorithm("seg").algorithm() is not None  # the Model Builder can instantiate it
    names = [p.name() for p in alg.parameterDefinitions()]
    assert names == ["INPUT", "PHRASE", "EXTENT", "GSD", "TILE", "OVERLAP", "MODE", "THRESHOLD", "BACKEND_URL",
                     "TOKEN_FILE", "CLUSTER", "OUTPUT"]


def test_the_algorithm_imports_nothing_qgis_python_lacks():
    """QGIS's Python has no torch, shapely or scipy: the algorithm and the tiling code must not need them."""
    code = ("import sys, rrsis_qgis.processing.provider, rrsis_qgis.processing.segment_algorithm; "
            "print([m for m in ('torch', 'sam2', 'open_clip', 'shapely', 'scipy', 'fastapi', 'dask', 'distributed') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def run(registered, params: dict, feedback=None):
    alg = registered.createAlgorithmById(ALG_ID)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = feedback or QgsProcessingFeedback()
    results, ok = alg.run(params, context, feedback)
    return results, ok, feedback


class Recorder(QgsProcessingFeedback):
    def __init__(self, cancel_after: int = 0):
        super().__init__()
        self.progress, self.infos, self.warnings, self.errors = [], [], [], []
        self.cancel_after = cancel_after

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802
        self.errors.append(error)
        super().reportError(error, fatalError)

    def setProgress(self, value):  # noqa: N802
        self.progress.append(value)
        super().setProgress(value)
        if self.cancel_after and len(self.progress) >= self.cancel_after:
            self.cancel()


@pytest.mark.slow
@pytest.mark.parametrize("mode", [0, 1])
def test_run_writes_the_result_fields_in_the_rasters_crs(registered, backend, raster, tmp_path, mode):
    out = tmp_path / "out.gpkg"
    feedback = Recorder()
    results, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "the white storage tank", "TILE": 160,
                                      "OVERLAP": 32, "MODE": mode, "BACKEND_URL": backend.url,
                                      "TOKEN_FILE": str(backend.token_file), "OUTPUT": str(out)}, feedback)
    assert ok, results
    layer = QgsVectorLayer(results["OUTPUT"], "segments", "ogr")
    assert layer.isValid()
    assert layer.crs().authid() == "EPSG:32616"
    assert [f.name() for f in layer.fields() if f.name() != "fid"] == list(FIELD_NAMES)
    assert feedback.progress and feedback.progress[-1] == pytest.approx(100.0)
    feats = list(layer.getFeatures())
    if mode == 0:
        assert len(feats) <= 1
    assert all(f["prompt"] == "the white storage tank" and f["model"] == "tiny-random" for f in feats)


@pytest.mark.slow
def test_a_remote_backend_behind_qgis_proxy_runs_the_algorithm(registered, backend, raster, tmp_path, proxy):
    from tests.qgis.proxy_server import REMOTE

    results, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "the white storage tank", "TILE": 160,
                                      "OVERLAP": 32, "MODE": 1, "BACKEND_URL": f"http://{REMOTE}:{backend.port}",
                                      "TOKEN_FILE": str(backend.token_file), "OUTPUT": str(tmp_path / "p.gpkg")})
    assert ok, results
    assert QgsVectorLayer(results["OUTPUT"], "segments", "ogr").isValid()
    submitted = [line for line in proxy.seen if line.startswith(f"POST http://{REMOTE}:{backend.port}/v1/jobs/segment")]
    assert len(submitted) == 9  # one per tile: 3×3 tiles of 160 px, overlap 32, on the 300² raster


@pytest.mark.slow
def test_an_extent_limits_the_tiles_and_the_results(registered, backend, raster, tmp_path):
    feedback = Recorder()
    results, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "tank", "TILE": 160, "OVERLAP": 32, "MODE": 1,
                                      "EXTENT": "741000,741075,3734850,3735000 [EPSG:32616]",
                                      "BACKEND_URL": backend.url, "TOKEN_FILE": str(backend.token_file),
                                      "OUTPUT": str(tmp_path / "e.gpkg")}, feedback)
    assert ok, results
    assert any("150×300 px" in i and "3 tile(s) (1×3)" in i for i in feedback.infos), feedback.infos
    layer = QgsVectorLayer(results["OUTPUT"], "segments", "ogr")
    for feature in layer.getFeatures():
        box = feature.geometry().boundingBox()
        assert box.xMaximum() <= 741075 + 1e-6 and box.xMinimum() >= 741000 - 1e-6


@pytest.mark.slow
@pytest.mark.parametrize("output", ["x.gpkg", "x.shp", "TEMPORARY_OUTPUT"])
def test_cancel_stops_the_run_writes_nothing_and_says_cancelled(registered, backend, raster, tmp_path, output):
    feedback = Recorder(cancel_after=3)
    dest = output if output == "TEMPORARY_OUTPUT" else str(tmp_path / output)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    alg = registered.createAlgorithmById(ALG_ID)
    results, _ok = alg.run({"INPUT": raster, "PHRASE": "tank", "TILE": 96, "OVERLAP": 16, "MODE": 1,
                            "BACKEND_URL": backend.url, "TOKEN_FILE": str(backend.token_file),
                            "OUTPUT": QgsProcessingOutputLayerDefinition(dest, QgsProject.instance())},
                           context, feedback)
    assert len(feedback.progress) < 9  # 16 tiles; it stopped soon after the first
    assert "OUTPUT" not in results and not feedback.errors, (results, feedback.errors)  # not a failure
    assert any("cancelled" in info.lower() for info in feedback.infos), feedback.infos
    assert list(tmp_path.iterdir()) == []  # no file, no half-written layer, no sidecar
    assert not context.layersToLoadOnCompletion()


class SquarePerTile:
    """A stand-in backend: one small square in the middle of every tile, so objects are final (and written)
    while the scan goes on."""

    url = "fake://squares"

    def segment(self, image, phrase, request_id, **_options):
        from rrsis_qgis.geo import rle

        mask = np.zeros(image.shape[:2], bool)
        h, w = mask.shape
        mask[h // 2 - 4:h // 2 + 4, w // 2 - 4:w // 2 + 4] = True
        return {"masks": [{"rle": rle.encode(mask), "score": 0.9}], "models": {"spec": "fake"}}

    def cancel(self, request_id):
        pass


@pytest.mark.parametrize("output", ["x.gpkg", "x.shp", "TEMPORARY_OUTPUT"])
def test_a_cancel_after_objects_were_written_removes_them(registered, raster, tmp_path, monkeypatch, output):
    monkeypatch.setattr("rrsis_qgis.processing.segment_algorithm.backend_client", lambda *_a: SquarePerTile())
    dest = output if output == "TEMPORARY_OUTPUT" else str(tmp_path / output)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    written = []

    def vector_layers():
        return [lyr for lyr in context.temporaryLayerStore().mapLayers().values() if isinstance(lyr, QgsVectorLayer)]

    class CancelAfterWrites(Recorder):
        def setProgress(self, value):  # noqa: N802
            super().setProgress(value)
            written.append(len(vector_layers()) + len(list(tmp_path.iterdir())))
            if written[-1]:
                self.cancel()

    feedback = CancelAfterWrites()
    alg = registered.createAlgorithmById(ALG_ID)
    results, _ok = alg.run({"INPUT": raster, "PHRASE": "tank", "TILE": 96, "OVERLAP": 16, "MODE": 1,
                            "OUTPUT": QgsProcessingOutputLayerDefinition(dest, QgsProject.instance())},
                           context, feedback)
    assert written[-1] and len(feedback.progress) < 16  # something had been written when it was cancelled
    assert "OUTPUT" not in results and not feedback.errors, (results, feedback.errors)
    assert any("cancelled" in info.lower() for info in feedback.infos), feedback.infos
    assert list(tmp_path.iterdir()) == [] and vector_layers() == []
    assert not context.layersToLoadOnCompletion()


@pytest.mark.slow
def test_a_finer_target_gsd_is_reported_and_the_layer_is_named_after_the_phrase(registered, backend, raster,
                                                                                tmp_path):
    feedback = Recorder()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    alg = registered.createAlgorithmById(ALG_ID)
    results, ok = alg.run({"INPUT": raster, "PHRASE": "the white storage tank", "GSD": 0.1, "TILE": 160,
                           "OVERLAP": 32, "EXTENT": "741000,741075,3734850,3735000 [EPSG:32616]",
                           "BACKEND_URL": backend.url, "TOKEN_FILE": str(backend.token_file),
                           "OUTPUT": QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())},
                          context, feedback)
    assert ok, results
    assert any("0.1" in w and "0.5" in w for w in feedback.warnings), feedback.warnings
    assert any("150×300 px" in i for i in feedback.infos), feedback.infos  # the raster's own GSD was used
    details = context.layersToLoadOnCompletion()[results["OUTPUT"]]
    assert details.name == "the white storage tank"


def test_a_backend_that_does_not_answer_is_reported(registered, raster, tmp_path):
    token = tmp_path / "token"
    token.write_text("x")
    feedback = QgsProcessingFeedback()
    messages = []
    feedback.reportError = lambda msg, fatal=False: messages.append(msg)
    _, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "tank", "BACKEND_URL": "http://127.0.0.1:9",
                                "TOKEN_FILE": str(token), "OUTPUT": "TEMPORARY_OUTPUT"}, feedback)
    assert not ok


def qgis_process() -> str:
    """Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which 3.22's binary refuses: use the binary."""
    for name in ("qgis_process.bin", "qgis_process"):
        path = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if path:
            return path
    pytest.skip("qgis_process is not installed (Debian package qgis)")


def plugin_folder(root: Path) -> Path:
    """The plugin as QGIS installs it: rrsis_qgis/ with metadata.txt (files linked to the checkout)."""
    folder = root / "plugins" / "rrsis_qgis"
    folder.mkdir(parents=True)
    for child in (REPO / "rrsis_qgis").iterdir():
        if child.name != "__pycache__":
            (folder / child.name).symlink_to(child)
    shutil.copy(REPO / "metadata.txt", folder / "metadata.txt")
    return folder.parent


@pytest.mark.slow
def test_qgis_process_runs_the_algorithm(backend, raster, tmp_path):
    exe = qgis_process()
    config = str(tmp_path / "config")  # its own profile: enabling the plugin touches no one else's settings
    env = {**os.environ, "HOME": str(tmp_path / "home"), "QGIS_PLUGINPATH": str(plugin_folder(tmp_path)),
           "QGIS_CUSTOM_CONFIG_PATH": config, "QGIS_OPTIONS_PATH": config, "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path)}
    os.makedirs(env["HOME"])
    enable = subprocess.run([exe, "plugins", "enable", "rrsis_qgis"], env=env, capture_output=True, text=True,
                            timeout=180)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "qp.gpkg"
    proc = subprocess.run([exe, "--json", "run", ALG_ID, "--", f"INPUT={raster}", "PHRASE=the white storage tank",
                           "TILE=160", "OVERLAP=32", "MODE=1", f"BACKEND_URL={backend.url}",
                           f"TOKEN_FILE={backend.token_file}", f"OUTPUT={out}"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    answer = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert Path(answer["results"]["OUTPUT"]).resolve() == out.resolve() and out.exists()
    layer = QgsVectorLayer(str(out), "qp", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:32616"
    assert [f.name() for f in layer.fields() if f.name() != "fid"] == list(FIELD_NAMES)


@pytest.fixture
def fake_cluster_python(tmp_path, monkeypatch):
    """The backend's Python as the algorithm sees it: here a script that stands in for the cluster run."""
    from rrsis_qgis.processing import segment_algorithm
    from rrsis_qgis.qgis_core.settings import PluginSettings

    record = tmp_path / "args.json"
    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\nexec {sys.executable} {REPO / 'tests' / 'qgis' / 'fake_cluster_cli.py'} "
                      f"{record} \"$@\"\n")
    python.chmod(0o755)
    monkeypatch.setattr(segment_algorithm.PluginSettings, "load",
                        classmethod(lambda cls: PluginSettings(backend_python=str(python), model="tiny-random",
                                                               device="cuda")))
    return record


def test_a_cluster_address_runs_the_command_line_of_the_backends_python(registered, raster, tmp_path,
                                                                        fake_cluster_python):
    feedback = Recorder()
    results, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "the white storage tank", "TILE": 160,
                                      "OVERLAP": 32, "MODE": 1, "CLUSTER": "tcp://10.1.2.3:8786",
                                      "OUTPUT": str(tmp_path / "out.gpkg")}, feedback)
    assert ok, results
    command = json.loads(fake_cluster_python.read_text())
    assert command[:3] == ["-m", "rrsis_qgis", "segment"] and command[3] == raster
    joined = " ".join(command)
    assert "--tiled --mode all --cluster tcp://10.1.2.3:8786 --tile 160 --overlap 32" in joined
    assert "--model tiny-random --device cuda" in joined
    layer = QgsVectorLayer(results["OUTPUT"], "segments", "ogr")
    assert layer.crs().authid() == "EPSG:32616" and layer.featureCount() == 2
    assert [f["score"] for f in layer.getFeatures()] == [0.9, 0.8]
    assert 50.0 in feedback.progress  # the command line's "tiles 1/2" line
    assert any("tile 1,0" in w for w in feedback.warnings)  # its failed tile, said
    assert any("1 retried, 1 failed" in i for i in feedback.infos)
    out = next(a.split("=", 1)[1] for a in command if a.startswith("--out="))
    assert not Path(out).exists()  # the command line's own output is gone once copied


def test_a_cluster_runs_only_the_mode_all(registered, raster, tmp_path, fake_cluster_python):
    feedback = Recorder()
    _, ok, _ = run(registered, {"INPUT": raster, "PHRASE": "the tank", "MODE": 0, "CLUSTER": "local:2",
                                "OUTPUT": str(tmp_path / "out.gpkg")}, feedback)
    assert not ok and any("mode 'all" in e for e in feedback.errors)
    assert not fake_cluster_python.exists()  # nothing was started
