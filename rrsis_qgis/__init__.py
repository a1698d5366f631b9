"""rrsis_qgis: referring remote-sensing image segmentation in QGIS (QGIS entry point: classFactory).

Importing this package must stay cheap and must not import torch: QGIS imports it in its own Python.
"""
__version__ = "0.1.0"


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import RrsisPlugin

    return RrsisPlugin(iface)
