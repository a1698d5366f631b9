"""QGIS logic without widgets: settings, extent capture, backend process and client, tasks, result layer."""
