"""Which settings changes need a new backend process (the plugin restarts a running one for them)."""
import dataclasses

import pytest

from rrsis_qgis.qgis_core.settings import BACKEND_FIELDS, PluginSettings, backend_changed


@pytest.mark.parametrize("field, value", [("model", "trained:/data/run/checkpoint.pt"), ("device", "cpu"),
                                          ("backend_python", "/opt/venv/bin/python"), ("models_dir", "/models"),
                                          ("backend_url", "http://gpu-box:8000"), ("token_file", "/run/token")])
def test_a_backend_setting_needs_a_restart(field, value):
    old = PluginSettings()
    assert backend_changed(old, dataclasses.replace(old, **{field: value}))


@pytest.mark.parametrize("field, value", [("max_side", 512), ("top_k", 3), ("show_overlays", False),
                                          ("results_path", "/tmp/r.gpkg"), ("output_crs", "project")])
def test_a_view_or_result_setting_does_not(field, value):
    old = PluginSettings()
    assert not backend_changed(old, dataclasses.replace(old, **{field: value}))


def test_every_backend_field_is_a_setting():
    assert set(BACKEND_FIELDS) <= {f.name for f in dataclasses.fields(PluginSettings)}
