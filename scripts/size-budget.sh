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
