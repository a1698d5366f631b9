"""Tiled runs on a Dask cluster (`segment --tiled --cluster`): backend side only, never imported by the plugin."""
