"""Widgets only: the dock panel, the settings dialog and the refinement map tool (.ui + thin .py)."""
