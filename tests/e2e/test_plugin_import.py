"""QGIS imports the package in its own Python: that must not pull in torch or the backend."""
import subprocess
import sys

from tests.conftest import REPO


def test_importing_the_plugin_package_does_not_import_torch():
    code = "import sys, rrsis_qgis; assert callable(rrsis_qgis.classFactory); " \
           "bad = [m for m in ('torch', 'sam2', 'open_clip', 'shapely', 'fastapi') if m in sys.modules]; " \
           "assert not bad, bad"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
