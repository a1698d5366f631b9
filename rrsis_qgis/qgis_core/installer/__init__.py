"""The backend installer: a private uv-made environment under the QGIS profile (no QGIS import below runner.py)."""
