"""Processing provider and its algorithm "Segment by phrase" (whole rasters, tile by tile through the backend)."""
