#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native, wasm in headless Chromium, and
# Playwright end-to-end tests against a release build. Ends with "N passed, N failed" and
# exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

OUT=target/test-output
rm -rf "$OUT"; mkdir -p "$OUT"
LOG="$OUT/test.log"
: > "$LOG"
broken=0   # a step that failed without reporting a failed test (a build error, a crash) counts as one failure

step() { printf '\n== %s\n' "$*" | tee -a "$LOG"; }
counts() {  # passed and failed tests reported in the log so far (cargo, node:test, and gates)
  awk '/test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
       /^# pass [0-9]+$/ { p += $3 } /^# fail [0-9]+$/ { f += $3 }
       /^gate .*: passed$/ { p += 1 } /^gate .*: failed$/ { f += 1 }
       END { print p + 0, f + 0 }' "$LOG"
}
gate() {  # a check that counts as one test: formatting, lints
  local name=$1; shift
  if "$@" 2>&1 | tee -a "$LOG"; then echo "gate $name: passed" | tee -a "$LOG"; else echo "gate $name: failed" | tee -a "$LOG"; fi
}
run() {  # runs a step, teeing into the log; a non-zero exit that reported no failed test is "broken"
  local before after
  before=$(counts | cut -d' ' -f2)
  "$@" 2>&1 | tee -a "$LOG"
  local status=${PIPESTATUS[0]}
  after=$(counts | cut -d' ' -f2)
  if [[ $status -ne 0 && $after -eq $before ]]; then
    broken=$((broken + 1))
    echo "!! step failed without a test failure: $*" | tee -a "$LOG"
  fi
  return "$status"
}

step "formatting and lints (each a test)"
gate "cargo fmt --check" cargo fmt --check
gate "clippy, native" cargo clippy --all-targets -- -D warnings
gate "clippy, wasm32" cargo clippy --target wasm32-unknown-unknown --lib --bins --test web --test web_samples -- -D warnings
# The page and the main worker are built without the documents feature (see index.html).
gate "clippy, wasm32 without documents" cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --bins -- -D warnings
# The main worker's SIMD build (scripts/build-simd-worker.sh): its own flags, its own target dir.
gate "clippy, wasm32 with simd128" env RUSTFLAGS="-C target-feature=+simd128" CARGO_TARGET_DIR=target/simd \
  cargo clippy --target wasm32-unknown-unknown --no-default-features --features later --lib --bins -- -D warnings

step "native tests (cargo test)"
run cargo test --all-targets

step "wasm tests in headless Chromium"
run cargo test --target wasm32-unknown-unknown --test web
step "wasm tests in Node (the sample tray drawn by wasm32)"
run cargo test --target wasm32-unknown-unknown --test web_samples

step "release build (trunk)"
if run trunk build --release; then
  gate "page wasm within its 500 KB gzipped budget" scripts/size-budget.sh
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist >"$OUT/http.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null' EXIT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done
  step "end-to-end tests (Playwright, Chromium)"
  BASE_URL="http://127.0.0.1:$PORT/" E2E_OUT="$OUT/e2e" run node --test --test-concurrency=1 e2e/
fi

read -r passed failed < <(counts)
failed=$((failed + broken))
echo
echo "Screenshots and logs: $OUT/"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
