#!/usr/bin/env bash
# Puts the OCR worker's engine and models in www/ocr/ (not committed: they are rebuilt from
# their packages), for Trunk to copy into dist/. Idempotent; called by scripts/setup.sh.
#   engine: tesseract-wasm 0.11.0 from npm (BSD-2-Clause; Tesseract inside, Apache-2.0)
#   models: Debian's tesseract-ocr-chi-sim and -chi-tra 1:4.1.0-2 (tessdata_fast, Apache-2.0),
#           without their word dictionaries (src/bin/tessdata.rs says why)
set -euo pipefail
cd "$(dirname "$0")/.."
TESSDATA=/usr/share/tesseract-ocr/5/tessdata
ENGINE=node_modules/tesseract-wasm/dist
OUT=www/ocr
mkdir -p "$OUT"
for f in lib.js tesseract-core.wasm tesseract-core-fallback.wasm; do
  cmp -s "$ENGINE/$f" "$OUT/$f" || cp "$ENGINE/$f" "$OUT/$f"
done
cp node_modules/tesseract-wasm/LICENSE.md "$OUT/tesseract-wasm-LICENSE.md"
for lang in chi_sim chi_tra; do
  if [[ ! -s "$OUT/$lang.traineddata" || "$TESSDATA/$lang.traineddata" -nt "$OUT/$lang.traineddata" ]]; then
    cargo run --quiet --release --bin tessdata -- "$TESSDATA/$lang.traineddata" "$OUT/$lang.traineddata"
  fi
done
