#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --test, to test) hashwall. Idempotent.
# Everything comes from crates.io, npm, or Debian packages; nothing is downloaded from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14   # trunk 0.22 needs a newer rustc than this machine has
step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  step "installing trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]]; then
  step "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  # Its own lockfile pins a crate the registry no longer serves, so fall back to fresh resolution.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked || cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/playwright-core || ! -d node_modules/hash-wasm || ! -d node_modules/axe-core || ! -d node_modules/tesseract-wasm ]]; then
  step "installing npm packages (the OCR engine; dev tools: binaryen, playwright-core, hash-wasm, axe-core)"
  npm ci --no-audit --no-fund
fi

# Tests drive Debian's Chromium; the CJK and emoji fonts make screenshots of Chinese text readable.
if [[ "${1:-}" == "--test" ]] && ! { command -v chromium && command -v chromedriver && fc-list | grep -qi "Noto Sans CJK"; } >/dev/null 2>&1; then
  step "installing Debian chromium, chromium-driver and fonts"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji
fi

# The OCR worker's models: Debian's Simplified and Traditional Chinese Tesseract data.
if [[ ! -s /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata || ! -s /usr/share/tesseract-ocr/5/tessdata/chi_tra.traineddata ]]; then
  step "installing Debian tesseract-ocr-chi-sim and tesseract-ocr-chi-tra (OCR models)"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    tesseract-ocr-chi-sim tesseract-ocr-chi-tra
fi
step "preparing the OCR worker's files (www/ocr)"
scripts/ocr-assets.sh
