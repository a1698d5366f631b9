#!/bin/sh
# `make screenshot-sam3`: two SAM 3 backends (sam3-random, and sam3:FOLDER on a random save_pretrained folder),
# then QGIS under Xvfb at 1366x768 running docs/screenshot_sam3.py. Usage: screenshot_sam3.sh PYTHON RASTER DIR
# (DIR: build/shot3, made fresh; the plugin comes from build/package, the screenshots land in DIR/out).
set -eu
PYTHON=$1 RASTER=$2 DIR=$3
rm -rf "$DIR" && mkdir -p "$DIR/profiles/default/python/plugins" "$DIR/models" "$DIR/out"
cp -r build/package/rrsis_qgis "$DIR/profiles/default/python/plugins/rrsis_qgis"
"$PYTHON" -c "
import sys, torch
from rrsis_qgis.engine.sam3.random_release import random_model
torch.manual_seed(0)
model, processor = random_model()
model.save_pretrained(sys.argv[1]); processor.save_pretrained(sys.argv[1])" "$DIR/sam3-folder" 2>/dev/null

serve() {  # NAME MODEL: a backend on a free port; its port in $DIR/NAME.json once it listens
  "$PYTHON" -m rrsis_qgis.server --model "$2" --device cpu --token-file "$DIR/$1.token" > "$DIR/$1.json" &
  SERVERS="$SERVERS $!"
  for _ in $(seq 120); do grep -q listening "$DIR/$1.json" 2>/dev/null && return; sleep 1; done
  echo "the $2 backend did not start: $(cat "$DIR/$1.json")" >&2; exit 1
}
port() { sed -n 's/.*"port": \([0-9]*\).*/\1/p' "$DIR/$1.json"; }
SERVERS=""
trap 'kill $SERVERS 2>/dev/null' EXIT
serve random sam3-random
serve folder "sam3:$(realpath "$DIR/sam3-folder")"

RRSIS_SHOT_DIR=$(realpath "$DIR/out") RRSIS_SHOT_RASTER=$(realpath "$RASTER") RRSIS_SHOT_PYTHON=$PYTHON \
  RRSIS_SHOT_MODELS=$(realpath "$DIR/models") RRSIS_SHOT_FOLDER=$(realpath "$DIR/sam3-folder") \
  RRSIS_SHOT_URL=http://127.0.0.1:$(port random) RRSIS_SHOT_TOKEN_FILE=$(realpath "$DIR/random.token") \
  RRSIS_SHOT_FOLDER_URL=http://127.0.0.1:$(port folder) RRSIS_SHOT_FOLDER_TOKEN_FILE=$(realpath "$DIR/folder.token") \
  RRSIS_SHOT_PHRASE="${RRSIS_SHOT_PHRASE:-the building left of the road}" \
  RRSIS_SHOT_ABSENT="${RRSIS_SHOT_ABSENT:-the ship in the harbor}" \
  timeout 300 xvfb-run -a -s "-screen 0 1366x768x24" sh -c '(command -v openbox >/dev/null && openbox &); sleep 1;
  qgis --profiles-path "$0" --nologo --noversioncheck --code docs/screenshot_sam3.py' "$(realpath "$DIR")" \
  > "$DIR/qgis.log" 2>&1 || true
grep '^\[' "$DIR/qgis.log" || tail -20 "$DIR/qgis.log"
mkdir -p "$DIR/raw" && cp "$DIR"/out/sam3-*.png "$DIR/raw/"  # as grabbed, full colour
"$PYTHON" -c "
import sys
from PIL import Image
for path in sys.argv[1:]:  # 256 colours (octree keeps the badge's small green dot, median cut does not): < 200 kB
    Image.open(path).convert('RGB').quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True)
" "$DIR"/out/sam3-*.png
