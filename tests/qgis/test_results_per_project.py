"""One results GeoPackage per project by default: beside the saved .qgz; the shared file for an unsaved project."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsRasterLayer

from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff
from tests.qgis.conftest import saved_statuses, show

PHRASE = "the white storage tank"


@pytest.fixture
def settings(tmp_path, backend, monkeypatch):
    """No results path in the settings (the default), and a home folder of the test's own."""
    from rrsis_qgis.qgis_core.settings import PluginSettings

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return PluginSettings(backend_url=backend.url, token_file=str(backend.token_file), model="tiny-random",
                          max_side=256)


def query(qtbot, canvas, session, folder: Path, epsg: int = 32616) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    layer = QgsRasterLayer(write_geotiff(str(folder / f"scene{epsg}.tif"), demo_scene(size=128).image, epsg=epsg),
                           "scene")
    QgsProject.instance().addMapLayer(layer)
    show(canvas, layer)
    rows = []
    session.resultsAdded.connect(rows.extend)
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        assert session.run(layer, PHRASE) is not None
    session.resultsAdded.disconnect()
    assert rows
    return [row["req_id"] for row in rows]


def new_project(path: Path = None) -> None:
    project = QgsProject.instance()
    project.clear()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        assert project.write(str(path))


def test_each_saved_project_keeps_its_results_beside_it(qtbot, qgis_canvas, session, tmp_path):
    first, second = tmp_path / "a" / "harbour.qgz", tmp_path / "b" / "airport.qgz"
    new_project(first)
    ids_first = query(qtbot, qgis_canvas, session, tmp_path / "a")
    new_project(second)
    ids_second = query(qtbot, qgis_canvas, session, tmp_path / "b")
    assert set(saved_statuses(tmp_path / "a" / "harbour_rrsis_results.gpkg")) == set(ids_first)
    assert set(saved_statuses(tmp_path / "b" / "airport_rrsis_results.gpkg")) == set(ids_second)
    assert not (tmp_path / "home" / "rrsis_qgis").exists()  # the shared file is not touched


def test_an_unsaved_project_uses_the_shared_file_and_keeps_it_once_saved(qtbot, qgis_canvas, session, tmp_path):
    from rrsis_qgis.qgis_core.settings import default_results_path

    new_project()
    shared = Path(default_results_path())
    assert shared.is_relative_to(tmp_path / "home")
    ids = query(qtbot, qgis_canvas, session, tmp_path / "data")
    assert set(saved_statuses(shared)) == set(ids)
    assert QgsProject.instance().write(str(tmp_path / "later.qgz"))  # saved afterwards: the results stay put
    more = query(qtbot, qgis_canvas, session, tmp_path / "data", epsg=32633)  # a new CRS: a new table, same file
    assert set(saved_statuses(shared)) == set(ids + more)
    assert not (tmp_path / "later_rrsis_results.gpkg").exists()


def test_a_results_path_in_the_settings_is_used_for_every_project(qtbot, qgis_canvas, session, tmp_path):
    chosen = tmp_path / "mine.gpkg"
    session.settings = dataclasses.replace(session.settings, results_path=str(chosen))
    new_project(tmp_path / "p" / "project.qgz")
    ids = query(qtbot, qgis_canvas, session, tmp_path / "p")
    assert set(saved_statuses(chosen)) == set(ids) and not (tmp_path / "p" / "project_rrsis_results.gpkg").exists()
