"""The plugin's logic against a real backend process: query, results layer, undo, review, export."""
import pytest
from osgeo import ogr
from qgis.core import QgsProject

from tests.qgis.conftest import saved_statuses, show

PHRASE = "the white storage tank left of the road"


def run_and_wait(qtbot, session, layer, phrase=PHRASE, timeout=60000):
    with qtbot.waitSignal(session.busyChanged, timeout=timeout, check_params_cb=lambda busy: not busy):
        assert session.run(layer, phrase) is not None


def test_query_adds_features_with_all_fields_in_the_layer_crs_inside_the_view(qtbot, qgis_canvas, session, scene_layer):
    show(qgis_canvas, scene_layer)
    rows = []
    session.resultsAdded.connect(rows.extend)
    run_and_wait(qtbot, session, scene_layer)
    assert len(rows) == 1
    from rrsis_qgis.qgis_core.results_layer import find_results_layer

    layer = find_results_layer()
    assert layer.crs() == scene_layer.crs() and layer.featureCount() == 1
    feature = next(layer.getFeatures())
    for name in ("prompt", "score", "model", "model_ver", "gsd_m", "src_layer", "req_id", "created", "status"):
        assert feature[name] not in (None, ""), name
    assert feature["status"] == "candidate" and feature["src_layer"] == "scene"
    assert feature["gsd_m"] == pytest.approx(0.5, abs=1e-3)  # ground metres (UTM's grid metres differ by k)
    assert scene_layer.extent().contains(feature.geometry().boundingBox())

    # saved at once: nothing to undo, nothing for QGIS to ask about, and the file has it
    assert layer.isEditable() and not layer.isModified() and not layer.undoStack().canUndo()
    assert on_disk(session.settings.results_file()) == {rows[0]["req_id"]: "candidate"}

    assert session.set_status([rows[0]["req_id"]], "accepted") == 1
    assert next(layer.getFeatures())["status"] == "accepted" and not layer.isModified()
    assert on_disk(session.settings.results_file()) == {rows[0]["req_id"]: "accepted"}
    session.set_status([rows[0]["req_id"]], "rejected")
    assert next(layer.getFeatures())["status"] == "rejected"


on_disk = saved_statuses


def test_export_writes_accepted_features_that_reload_the_same(qtbot, qgis_canvas, session, scene_layer, tmp_path):
    show(qgis_canvas, scene_layer)
    rows = []
    session.resultsAdded.connect(rows.extend)
    run_and_wait(qtbot, session, scene_layer)
    run_and_wait(qtbot, session, scene_layer, "the red building")
    session.set_status([rows[0]["req_id"]], "accepted")
    out = tmp_path / "export.shp"
    assert session.export(str(out)) == 1
    ds = ogr.Open(str(out))
    exported = list(ds.GetLayer(0))
    assert len(exported) == 1 and exported[0].GetField("req_id") == rows[0]["req_id"]
    from rrsis_qgis.qgis_core.results_layer import find_results_layer

    original = [f for f in find_results_layer().getFeatures() if f["req_id"] == rows[0]["req_id"]][0]
    assert exported[0].GetGeometryRef().GetArea() == pytest.approx(original.geometry().area())
    assert session.export(str(tmp_path / "all.gpkg"), accepted_only=False) == 2


def test_empty_phrase_and_view_outside_the_layer_are_messages(qgis_canvas, session, scene_layer):
    messages = []
    session.failed.connect(lambda msg, restart: messages.append(msg))
    show(qgis_canvas, scene_layer)
    assert session.run(scene_layer, "   ") is None
    from qgis.core import QgsRectangle

    qgis_canvas.setExtent(QgsRectangle(0, 0, 10, 10))
    assert session.run(scene_layer, PHRASE) is None
    assert "empty" in messages[0] and "does not show" in messages[1]


def test_refine_reruns_the_last_phrase_with_clicked_points(qtbot, qgis_canvas, session, scene_layer):
    show(qgis_canvas, scene_layer)
    rows = []
    session.resultsAdded.connect(rows.extend)
    messages = []
    session.failed.connect(lambda msg, restart: messages.append(msg))
    assert session.refine([[741010.0, 3734990.0, 1]]) is None and "run a phrase first" in messages[0]
    run_and_wait(qtbot, session, scene_layer)
    extent = scene_layer.extent()
    inside = [extent.xMinimum() + 30, extent.yMaximum() - 40, 1]
    outside = [extent.xMaximum() - 10, extent.yMinimum() + 10, 0]
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        task = session.refine([inside, outside])
    assert task.params.points == [inside, outside] and task.params.phrase == rows[0]["prompt"]
    assert len(rows) == 2 and rows[1]["req_id"] != rows[0]["req_id"]
    # the map points reached the backend as view pixels: (30 m, 40 m) from the top-left at 0.5 m/px
    from rrsis_qgis.qgis_core.segment_task import _to_pixels

    gt = task.params.view.plan.geotransform
    assert _to_pixels([inside], gt)[0][:2] == pytest.approx([60.0, 80.0])


def test_heatmap_and_candidate_boxes_are_shown_on_the_view_and_replaced_per_query(qtbot, qgis_canvas, session,
                                                                                  scene_layer):
    show(qgis_canvas, scene_layer)
    session.set_heatmap(True)  # off by default (the dock's Heatmap box)
    run_and_wait(qtbot, session, scene_layer)
    layers = QgsProject.instance().mapLayers().values()
    heat = [l for l in layers if l.name().startswith("RRSIS heatmap")]
    boxes = [l for l in layers if l.name() == "RRSIS candidates"]
    assert len(heat) == 1 and len(boxes) == 1
    assert heat[0].isValid() and heat[0].crs() == scene_layer.crs()
    assert heat[0].extent().toString(2) == scene_layer.extent().toString(2)  # the whole 256² view
    assert boxes[0].featureCount() >= 1
    for f in boxes[0].getFeatures():
        assert scene_layer.extent().contains(f.geometry().boundingBox()) and f["why"].startswith("activation")
    run_and_wait(qtbot, session, scene_layer, "the red building")
    layers = QgsProject.instance().mapLayers().values()
    assert len([l for l in layers if l.name().startswith("RRSIS heatmap")]) == 1
    assert len([l for l in layers if l.name() == "RRSIS candidates"]) == 1
