"""The plugin's settings as one typed object, stored with QgsSettings under rrsis_qgis/."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from qgis.core import QgsSettings

from ..resources import PACKAGE_DIR

PREFIX = "rrsis_qgis/"


def default_backend_python() -> str:
    """The Python `make deploy` recorded beside the package, else a checkout's .venv, else empty."""
    recorded = PACKAGE_DIR / "backend_python.txt"
    if recorded.is_file():
        path = recorded.read_text().strip()
        if Path(path).exists():
            return path
    candidate = PACKAGE_DIR.parent / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else ""


def default_results_path() -> str:
    """The shared results GeoPackage: for a project that has not been saved yet."""
    return str(Path.home() / "rrsis_qgis" / "rrsis_results.gpkg")


def project_results_path(project_file: str) -> str:
    """The results GeoPackage of a saved project: ``<project>_rrsis_results.gpkg`` beside its .qgz/.qgs."""
    project = Path(project_file)
    return str(project.with_name(f"{project.stem}_rrsis_results.gpkg"))


@dataclass
class PluginSettings:
    backend_python: str = ""  # interpreter that has torch + sam2 + open_clip; empty = default_backend_python()
    backend_url: str = ""  # connect to a running backend instead of starting one
    token_file: str = ""  # its token file (for backend_url)
    device: str = "auto"
    model: str = "default"
    models_dir: str = ""
    max_side: int = 1024
    bands: str = ""  # "1,2,3"; empty = automatic
    output_crs: str = "layer"  # "layer" (the raster's CRS) or "project"
    results_path: str = ""  # GeoPackage of the results layers; empty = per project (results_file)
    memory_layer: bool = False
    top_k: int = 1
    show_overlays: bool = True  # candidate boxes as a temporary layer after each query
    show_heatmap: bool = False  # the phrase heatmap under the results (toggled in the dock)
    idle_encode: bool = True  # encode the view once the canvas is still, before the phrase is typed
    idle_delay_ms: int = 1000  # how long the canvas must be still first

    @classmethod
    def load(cls) -> "PluginSettings":
        s = QgsSettings()
        values = {}
        for f in fields(cls):
            default = f.default
            raw = s.value(PREFIX + f.name, default)
            values[f.name] = _coerce(raw, type(default))
        return cls(**values)

    def save(self) -> None:
        s = QgsSettings()
        for name, value in asdict(self).items():
            s.setValue(PREFIX + name, value)

    def python(self) -> str:
        return self.backend_python or default_backend_python()

    def results_file(self, project_file: str = "") -> str:
        """The path set here; else the saved project's own GeoPackage beside it; else the shared one."""
        if self.results_path:
            return self.results_path
        return project_results_path(project_file) if project_file else default_results_path()

    def band_list(self):
        return tuple(int(b) for b in self.bands.split(",") if b.strip()) or None


# What the backend process is started with: changing any of these needs a new backend.
BACKEND_FIELDS = ("backend_python", "backend_url", "token_file", "device", "model", "models_dir")


def backend_changed(old: PluginSettings, new: PluginSettings) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in BACKEND_FIELDS)


def _coerce(raw, kind):
    if kind is bool:
        return raw in (True, "true", "True", "1", 1)
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return kind()
