# rrsis_qgis — `make demo` and `make test` set up what is missing (idempotent), then run.
# Use your own Python (e.g. one with a CUDA torch already installed):  make demo PYTHON=/path/to/python
# Its torch/torchvision are kept if they import; the other requirements are installed into it.

SHELL        := /bin/bash
SYS_PYTHON   ?= /usr/bin/python3
VENV         ?= .venv
PYTHON       ?= $(VENV)/bin/python
PIP           = $(PYTHON) -m pip --disable-pip-version-check
PIPC          = $(PIP) install -q -c constraints.txt
SUDO         := $(if $(filter 0,$(shell id -u)),,sudo)
STAMP        := build/setup-$(shell printf '%s' "$(abspath $(PYTHON))" | md5sum | cut -c1-8).stamp
APT_PACKAGES  = python3-qgis qgis-providers qgis python3-venv gdal-bin qttools5-dev-tools pyqt5-dev-tools zip cpio
MODEL        ?= default
PHRASE       ?= the white storage tank left of the road
DEMO_DIR     ?= demo
PYTEST_ARGS  ?=

.PHONY: help setup system-deps test test-fast demo serve download bench bench-learning clean

help:
	@echo "make demo    segment '$(PHRASE)' on a synthetic scene (MODEL=default|tiny-random|full-random)"
	@echo "make test    run the whole test suite (unit, QGIS offscreen, end-to-end)"
	@echo "make serve   start the local backend (MODEL=…); prints its port and token file"
	@echo "make bench   latency benchmarks (full-random weights), JSON on stdout"

setup: $(STAMP)

# PyQGIS + GDAL (+ Qt translation tools, and qgis for qgis_process) from Debian; skipped when they are already there.
system-deps:
	@$(SYS_PYTHON) -c "import qgis.core, osgeo.gdal" 2>/dev/null && command -v lrelease >/dev/null && \
	  command -v qgis_process.bin >/dev/null || { \
	  echo "Installing QGIS/GDAL Python packages from Debian: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }

$(VENV)/bin/python: | system-deps
	$(SYS_PYTHON) -m venv --system-site-packages $(VENV)

$(STAMP): requirements.txt constraints.txt | system-deps $(if $(filter $(VENV)/bin/python,$(PYTHON)),$(VENV)/bin/python)
	@$(PYTHON) -c "import torch, torchvision" 2>/dev/null || { \
	  echo "Installing torch + torchvision (pinned in constraints.txt; a few minutes)"; \
	  $(PIPC) torch torchvision; }
	@echo "Installing the backend and test requirements"
	@$(PIPC) -r requirements.txt
	@$(PYTHON) -c "import sam2" 2>/dev/null || { \
	  echo "Installing sam2 (no CUDA extension build)"; \
	  SAM2_BUILD_CUDA=0 $(PIPC) --no-build-isolation sam2; }
	@mkdir -p $(dir $@) && touch $@

test: setup
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest $(PYTEST_ARGS)

test-fast: setup
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -m "not slow" $(PYTEST_ARGS)

demo: setup
	@mkdir -p $(DEMO_DIR)
	@test -f $(DEMO_DIR)/scene.tif || $(PYTHON) -m rrsis_qgis demo-raster $(DEMO_DIR)/scene.tif
	$(PYTHON) -m rrsis_qgis segment $(DEMO_DIR)/scene.tif "$(PHRASE)" --model $(MODEL) --out $(DEMO_DIR)/result.gpkg --download-missing

download: setup
	$(PYTHON) -m rrsis_qgis download --model $(MODEL)

serve: setup
	$(PYTHON) -m rrsis_qgis.server --model $(MODEL)

bench: setup
	$(PYTHON) bench/latency.py --model full-random
	$(PYTHON) bench/server.py --model full-random
	$(PYTHON) bench/reasoning.py --model full-random

# train the tiny model on ../shared/data/synthref (≤ 30 CPU-minutes) → build/learning/{checkpoint.pt,report.json,learning_curve.png}
bench-learning: setup
	$(PYTHON) bench/learning.py --out build/learning

clean:
	rm -rf build $(DEMO_DIR) .pytest_cache

# ---- plugin packaging and translations (pylupdate5 / lrelease from Debian's pyqt5-dev-tools, qttools5-dev-tools)
VERSION      := $(shell sed -n 's/^version=//p' metadata.txt)
PLUGIN_SRC    = $(shell find rrsis_qgis -name '*.py' -not -path '*/__pycache__/*') $(wildcard rrsis_qgis/gui/*.ui)
TS_FILES      = $(wildcard i18n/*.ts)
QGIS_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
PKG_DIR       = build/package/rrsis_qgis

.PHONY: i18n-tools transup transcompile package deploy

i18n-tools:
	@command -v pylupdate5 >/dev/null && command -v lrelease >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	  --no-install-recommends pyqt5-dev-tools qttools5-dev-tools; }

transup: i18n-tools
	pylupdate5 -noobsolete $(filter %.py,$(PLUGIN_SRC)) rrsis_qgis/gui/*.ui -ts $(TS_FILES)

transcompile: i18n-tools
	lrelease -silent $(TS_FILES)

package: transcompile
	rm -rf build/package && mkdir -p $(PKG_DIR) dist
	cd rrsis_qgis && find . -name '*.py' -o -name '*.ui' -o -name '*.json' | grep -v __pycache__ | cpio -pdm --quiet ../$(PKG_DIR)
	cp -r metadata.txt README.md requirements.txt constraints.txt icons $(PKG_DIR)/
	mkdir -p $(PKG_DIR)/i18n && cp i18n/*.qm $(PKG_DIR)/i18n/
	cd build/package && rm -f ../../dist/rrsis_qgis-$(VERSION).zip && zip -qr ../../dist/rrsis_qgis-$(VERSION).zip rrsis_qgis
	@echo "dist/rrsis_qgis-$(VERSION).zip"

deploy: package setup
	mkdir -p "$(QGIS_PLUGINS)" && rm -rf "$(QGIS_PLUGINS)/rrsis_qgis"
	cp -r $(PKG_DIR) "$(QGIS_PLUGINS)/rrsis_qgis"
	echo "$(abspath $(PYTHON))" > "$(QGIS_PLUGINS)/rrsis_qgis/backend_python.txt"
	@echo "installed into $(QGIS_PLUGINS)/rrsis_qgis (backend Python: $(abspath $(PYTHON))); enable it in QGIS: Plugins → Manage and Install"

# ---- a new user's walk under Xvfb: ZIP → fresh profile (and HOME) → Install… the backend → Start → query.
# Real install from PyPI into build/walk (3–4 min, ~6 GB); screenshots and walk.json in build/walk/shots.
WALK_RASTER ?= ../shared/data/rasterio_cogeo.tif
.PHONY: walk
walk: package
	rm -rf build/walk && mkdir -p build/walk/profiles build/walk/home
	HOME=$(abspath build/walk/home) WALK_ZIP=$(abspath dist/rrsis_qgis-$(VERSION).zip) \
	  WALK_RASTER=$(abspath $(WALK_RASTER)) WALK_OUT=$(abspath build/walk/shots) \
	  timeout 2400 xvfb-run -a -s "-screen 0 1600x1000x24" sh -c '(command -v openbox >/dev/null && openbox &); \
	  sleep 1; qgis --profiles-path $(abspath build/walk/profiles) --nologo --noversioncheck --code docs/walk_install.py' \
	  > build/walk/qgis.log 2>&1; grep '^\[walk' build/walk/qgis.log

# ---- a screenshot of QGIS desktop with the plugin (needs Debian's qgis and xvfb; tiny-random weights)
SHOT_RASTER ?= ../shared/data/rasterio_cogeo.tif
.PHONY: screenshot
screenshot: package setup
	rm -rf build/shot && mkdir -p build/shot/profiles/default/python/plugins
	cp -r $(PKG_DIR) build/shot/profiles/default/python/plugins/rrsis_qgis
	$(PYTHON) -m rrsis_qgis.server --model tiny-random --token-file build/shot/token > build/shot/server.json & \
	  for i in $$(seq 60); do grep -q listening build/shot/server.json 2>/dev/null && break; sleep 1; done; \
	  RRSIS_SHOT_RASTER=$(abspath $(SHOT_RASTER)) RRSIS_SHOT_OUT=$(abspath build/shot/screenshot.png) \
	  RRSIS_SHOT_TOKEN_FILE=$(abspath build/shot/token) \
	  RRSIS_SHOT_URL=http://127.0.0.1:$$(sed -n 's/.*"port": \([0-9]*\).*/\1/p' build/shot/server.json) \
	  timeout 180 xvfb-run -a -s "-screen 0 1500x900x24" qgis --profiles-path $(abspath build/shot) --nologo \
	  --noversioncheck --code docs/screenshot.py; kill %1 2>/dev/null; true
	@ls -la build/shot/screenshot.png

# ---- what an analyst sees of SAM 3 under Xvfb at 1366x768 (random weights, nothing downloaded):
# build/shot3/out/sam3-*.png, the ones in docs/screenshots/
SHOT3_RASTER ?= ../shared/data/spacenet4_atlanta_pan_sample.tif
.PHONY: screenshot-sam3
screenshot-sam3: package setup
	sh docs/screenshot_sam3.sh $(abspath $(PYTHON)) $(SHOT3_RASTER) build/shot3
