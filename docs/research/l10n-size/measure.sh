#!/usr/bin/env bash
# Builds the same 300 messages × 2 languages with each library and prints wasm sizes
# (raw, and gzip -9 after wasm-opt -Oz when wasm-opt is on PATH).
set -euo pipefail
cd "$(dirname "$0")"
for v in plain rusti18n fluent; do
  cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features "$v" --target-dir target
  f=target/wasm32-unknown-unknown/release/l10n_size.wasm
  cp "$f" "target/$v.wasm"
  if command -v wasm-opt >/dev/null; then wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "target/$v.wasm" -o "target/$v.wasm"; fi
  printf '%-9s raw %7d B  gzip -9 %7d B\n' "$v" "$(stat -c %s "target/$v.wasm")" "$(gzip -9c "target/$v.wasm" | wc -c)"
done
