"""The local HTTP inference backend around engine/ (FastAPI + uvicorn). Never imports QGIS."""
