"""QGIS imports the package in its own Python: that must not pull in torch or the backend."""
import os
import subprocess
import sys

from tests.conftest import REPO

PLUGIN_SIDE = ("rrsis_qgis", "rrsis_qgis.plugin", "rrsis_qgis.gui.dock", "rrsis_qgis.gui.settings_dialog",
               "rrsis_qgis.gui.refine_tool", "rrsis_qgis.qgis_core.session", "rrsis_qgis.qgis_core.segment_task",
               "rrsis_qgis.qgis_core.overlays", "rrsis_qgis.qgis_core.export", "rrsis_qgis.processing.provider")
BACKEND_ONLY = ("torch", "sam2", "open_clip", "shapely", "fastapi")


def test_importing_the_plugin_side_does_not_import_torch():
    """plugin, gui, qgis_core and processing in a fresh interpreter, as QGIS's own Python would load them."""
    code = ("import importlib, pkgutil, sys, rrsis_qgis; assert callable(rrsis_qgis.classFactory); "
            f"[importlib.import_module(m) for m in {PLUGIN_SIDE!r}]; "
            "[importlib.import_module(f'rrsis_qgis.{pkg}.{m.name}') for pkg in ('gui', 'qgis_core', 'processing') "
            "for m in pkgutil.iter_modules(importlib.import_module(f'rrsis_qgis.{pkg}').__path__)]; "
            f"bad = [m for m in {BACKEND_ONLY!r} if m in sys.modules]; assert not bad, bad; print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")
