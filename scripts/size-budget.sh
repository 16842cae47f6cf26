#!/usr/bin/env bash
# The page's own wasm must stay under 500 KB gzipped with both languages (issue 12): every
# first load, the embed's included, waits for it. Run after `trunk build --release`; prints
# each wasm's size and fails when the page's is over. Workers load later and are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=500000
shopt -s nullglob
pages=(dist/hashwall-*_bg.wasm)
if [[ ${#pages[@]} -ne 1 ]]; then echo "expected one page wasm in dist/, found ${#pages[@]}"; exit 1; fi
for f in dist/*_bg.wasm; do
  printf '%-42s %9d B, gzip -9 %8d B\n' "$f" "$(stat -c%s "$f")" "$(gzip -9c "$f" | wc -c)"
done
size=$(gzip -9c "${pages[0]}" | wc -c)
if (( size > BUDGET )); then
  echo "the page's wasm is $size B gzipped: over its $BUDGET B budget by $((size - BUDGET)) B"
  exit 1
fi
echo "the page's wasm is $size B gzipped: $((BUDGET - size)) B under its $BUDGET B budget"

# The OCR worker's whole download (issue 11): its script, the engine's module, the larger of
# its two builds (a browser fetches one), and both models, under 4,000,000 B gzipped.
OCR_BUDGET=4000000
gz() { gzip -9c "$1" | wc -c; }
core=$(( $(gz dist/ocr/tesseract-core.wasm) > $(gz dist/ocr/tesseract-core-fallback.wasm) ? $(gz dist/ocr/tesseract-core.wasm) : $(gz dist/ocr/tesseract-core-fallback.wasm) ))
ocr=$(( $(gz dist/ocr-worker.js) + $(gz dist/ocr/lib.js) + core + $(gz dist/ocr/chi_sim.traineddata) + $(gz dist/ocr/chi_tra.traineddata) ))
if (( ocr > OCR_BUDGET )); then
  echo "the OCR download is $ocr B gzipped: over its $OCR_BUDGET B budget by $((ocr - OCR_BUDGET)) B"
  exit 1
fi
echo "the OCR download is $ocr B gzipped: $((OCR_BUDGET - ocr)) B under its $OCR_BUDGET B budget"
