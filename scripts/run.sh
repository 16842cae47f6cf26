#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on http://127.0.0.1:${PORT:-8080}/
# (for live rebuilds while developing, run `trunk serve` instead).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
trunk build --release
PORT="${PORT:-8080}"
echo
echo "hashwall is served at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
