"""Where the plugin's icons and translations are: inside the package when installed, beside it in a checkout."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def icon_path(name: str = "rrsis.svg") -> str:
    return str(asset_dir("icons") / name)


def translation_file(locale: str) -> Path:
    return asset_dir("i18n") / f"rrsis_qgis_{locale}.qm"
