"""Processing provider and algorithms (batch and tiled large rasters come with their own issue)."""
