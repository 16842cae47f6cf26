#!/usr/bin/env bash
# Trunk post-build hook: the main worker's SIMD build (worker_simd.js, worker_simd_bg.wasm).
#
# Trunk builds the main worker without `simd128` (the fallback, for a browser without wasm SIMD)
# and cannot give one asset its own RUSTFLAGS, so this hook builds the same `worker` binary a
# second time with `-C target-feature=+simd128`, in a target directory of its own (the flag
# changes every crate, and sharing `target/` would rebuild both variants each time), then runs
# wasm-bindgen and wasm-opt as Trunk does for the other worker. `www/worker-start.js` picks one
# of the two at worker start by feature detection.
set -euo pipefail
cd "$(dirname "$0")/.."
staging=${TRUNK_STAGING_DIR:?build-simd-worker.sh runs as a Trunk hook (TRUNK_STAGING_DIR is not set)}

if [[ "${TRUNK_PROFILE:-debug}" == release ]]; then
  profile=web-fast
  opt=(-O3)
else
  profile=dev
  opt=()
fi
target_dir=target/simd
RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR="$target_dir" \
  cargo build --quiet --target wasm32-unknown-unknown --profile "$profile" \
  --no-default-features --features later --bin worker
wasm-bindgen --target no-modules --no-typescript --out-dir "$staging" --out-name worker_simd \
  "$target_dir/wasm32-unknown-unknown/${profile/dev/debug}/worker.wasm"
if (( ${#opt[@]} )); then
  # The features Rust's wasm32 target enables by default, plus SIMD.
  wasm-opt "${opt[@]}" --enable-simd --enable-bulk-memory --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
    --enable-multivalue \
    "$staging/worker_simd_bg.wasm" -o "$staging/worker_simd_bg.wasm"
fi
