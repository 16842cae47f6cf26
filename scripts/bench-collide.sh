#!/usr/bin/env bash
# Benchmark of our MD5 collision attack (src/collide) against the reference figures of the
# public fastcoll tool, measured on this kind of machine (docs/attack.md §11.1).
#
#   scripts/bench-collide.sh [RUNS] [FIRST_SEED] [PREFIX]
#
# RUNS (default 40) searches, one at a time, seeds FIRST_SEED.. (default 1001, as the reference
# run), on a 64-byte GIF prefix:
#   PREFIX=reference (default): the reference run's own prefix (256x256, "MD5 collision demo
#                               prefix"), whose chaining value is in Stevens' recommended class;
#   PREFIX=app:                 the app's prefixes gif_prefix(w, h, nonce) with nonces chosen by
#                               docs/attack.md §10.3: the 15 prefixes of www/collisions/gif-blocks.txt,
#                               run i using line i mod 15 (one fixed chaining value would measure
#                               that value's luck more than the class's);
#   PREFIX=random:              a new prefix per run, as the issue-13 side-by-side run made them:
#                               "GIF89a", random width and height (1..4096), no colour table, a
#                               comment whose 47 bytes of text are random printable ASCII, then 0x7B;
#                               drawn from the run's seed, so every rerun measures the same prefixes.
#                               Its chaining value is whatever it is: no nonce picks a good class;
#   PREFIX=random-app:          the same random widths and heights, each with the app's own GIF
#                               prefix (`collide --canvas`): the nonce in its comment gives the
#                               best class of chaining value (docs/attack.md §10.3), as in the lab;
#   PREFIX=FILE:                any 64-byte prefix file.
# FORCE=SPEC in the environment passes `--force SPEC` to every run (forced bytes of block 1, e.g.
# FORCE='57=ff,58=fe|e3-ef'), to price them against the same runs without.
# TARGET_CPU=CPU in the environment builds for that processor instead of this one (the default,
# `.cargo/config.toml`), in target/cpu-CPU: TARGET_CPU=x86-64 gives the x86-64 baseline (SSE2), to
# compare the same searches with and without the wider vectors.
# Each run's user CPU seconds come from bash's `time`; the script prints min, median, mean, p90
# and max next to the reference, and the loop counts per block-1 solution next to docs/attack.md §11.2.
set -euo pipefail

runs=${1:-40}
first=${2:-1001}
which=${3:-reference}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${TARGET_CPU:-}" ]; then
  RUSTFLAGS="-C target-cpu=$TARGET_CPU" CARGO_TARGET_DIR="$root/target/cpu-$TARGET_CPU" \
    cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin collide
  bin="$root/target/cpu-$TARGET_CPU/release/collide"
else
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin collide
  bin="$root/target/release/collide"
fi

# One or more prefix files; run i uses prefixes[i mod count].
prefixes=()
case "$which" in
  reference)
    # "GIF89a", 256x256, no global colour table, comment of 47 bytes, then 0x7B.
    { printf 'GIF89a\x00\x01\x00\x01\x00\x00\x00\x21\xfe\x2f'
      printf 'MD5 collision demo prefix .....................'
      printf '\x7b'; } > "$work/prefix-0.bin"
    prefixes=("$work/prefix-0.bin") ;;
  app)
    n=0
    while read -r hex; do
      echo "$hex" | xxd -r -p > "$work/prefix-$n.bin"
      prefixes+=("$work/prefix-$n.bin")
      n=$((n + 1))
    done < <(grep -v '^#' "$root/www/collisions/gif-blocks.txt" | cut -d' ' -f3)
    ;;
  random-app)
    prefixes=(canvas) ;;
  random)
    for ((i = 0; i < runs; i++)); do
      python3 - "$((first + i))" "$work/prefix-$i.bin" <<'PY'
import random, sys
rng = random.Random(int(sys.argv[1]))
w, h = rng.randint(1, 4096), rng.randint(1, 4096)
text = bytes(rng.randint(0x20, 0x7e) for _ in range(47))
prefix = b"GIF89a" + w.to_bytes(2, "little") + h.to_bytes(2, "little") + b"\0\0\0" + b"\x21\xfe\x2f" + text + b"\x7b"
open(sys.argv[2], "wb").write(prefix)
PY
      prefixes+=("$work/prefix-$i.bin")
    done ;;
  *)
    cp "$which" "$work/prefix-0.bin"
    prefixes=("$work/prefix-0.bin") ;;
esac
for p in "${prefixes[@]}"; do
  [ "$p" = canvas ] && continue
  size=$(wc -c < "$p")
  if [ "$size" -ne 64 ]; then
    echo "bench-collide: prefix is $size bytes, want 64" >&2
    exit 1
  fi
done

if [ "$which" = random-app ]; then echo "prefix (random-app): the app's GIF prefix for a random canvas per run"
else echo "prefix ($which): $(xxd -p "${prefixes[0]}" | tr -d '\n')${prefixes[1]:+ and $((${#prefixes[@]} - 1)) more}"; fi
echo "runs: $runs, seeds $first..$((first + runs - 1)), one at a time"
: > "$work/times"
: > "$work/counts"
TIMEFORMAT=%U
for ((i = 0; i < runs; i++)); do
  seed=$((first + i))
  prefix=${prefixes[$((i % ${#prefixes[@]}))]}
  if [ "$prefix" = canvas ]; then
    source=(--canvas "$(python3 -c 'import random, sys; r = random.Random(int(sys.argv[1])); print(f"{r.randint(1, 4096)}x{r.randint(1, 4096)}")' "$seed")")
  else source=(--prefix "$prefix"); fi
  { time "$bin" "${source[@]}" ${FORCE:+--force "$FORCE"} --seed "$seed" --out "$work/a.bin" "$work/b.bin" --stats > "$work/out"; } 2> "$work/time"
  user=$(tail -n1 "$work/time")
  # Verify the pair independently of the attack's own check.
  if [ "$(md5sum < "$work/a.bin")" != "$(md5sum < "$work/b.bin")" ] || cmp -s "$work/a.bin" "$work/b.bin"; then
    echo "seed $seed: NOT a collision" >&2
    exit 1
  fi
  variant=$(sed -n 's/.*variant \([A-Z0-9]*\).*/\1/p' "$work/out")
  printf 'seed %5d  %6.2f s user  variant %s\n' "$seed" "$user" "$variant"
  echo "$user" >> "$work/times"
  grep '=' "$work/out" >> "$work/counts"
done

echo
# The reference's recorded figures (it cannot run here): its 40 runs on the reference prefix
# (docs/attack.md §11.1), or, for random prefixes, its 30 runs of issue 13's side-by-side run.
if [ "$which" = random ] || [ "$which" = random-app ]; then ref=(30 1.93 2.65 5.81)
else ref=(40 2.41 2.74 5.02); fi
sort -n "$work/times" | awk -v rn="${ref[0]}" -v rmed="${ref[1]}" -v rmean="${ref[2]}" -v rp90="${ref[3]}" '
  { t[NR] = $1; sum += $1 }
  END {
    n = NR
    median = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
    k = int(0.9 * n + 0.999999); if (k < 1) k = 1
    printf "%-28s %6s %7s %6s %6s %6s\n", "user CPU s (" n " runs)", "min", "median", "mean", "p90", "max"
    printf "%-28s %6.2f %7.2f %6.2f %6.2f %6.2f\n", "ours", t[1], median, sum / n, t[k], t[n]
    printf "%-28s %6s %7.2f %6.2f %6.2f\n", "reference fastcoll (" rn " runs)", "", rmed, rmean, rp90
    printf "%-28s %6s %7.2f %6.2f %6.2f\n", "ours / reference", "", median / rmed, (sum / n) / rmean, t[k] / rp90
  }'

echo
awk -F= '
  { sum[$1] += $2 }
  END {
    s = sum["block1_solutions"]
    if (s == 0) exit
    printf "block 1, per unfiltered solution (%d solutions)   ours      attack.md §11.2\n", s
    printf "  restarts                                   %9.1f %9s\n", sum["block1_restarts"] / s, "62"
    printf "  Q17 batches that succeed                   %9.1f %9s\n", sum["block1_early_passes"] / s, "27"
    printf "  passes of the Q21 check                    %9.1f %9s\n", sum["block1_q21_passes"] / s, "6.8"
    printf "  Q4-tunnel values tried                     %9.1f %9s\n", sum["block1_q4_values"] / s, "99"
    printf "  Q9/Q10-tunnel values tried                 %9.1f %9s\n", sum["block1_q9q10_values"] / s, "786"
    printf "  of which pass Q22..Q24                     %9.1f %9s\n", sum["block1_q9q10_passes"] / s, "24"
    printf "  Q9-tunnel iterations (millions)            %9.2f %9s\n", sum["block1_inner_iterations"] / s / 1e6, "1.53"
    printf "  candidates through Q64                     %9.2f %9s\n", sum["block1_candidates"] / s, "2.8"
    printf "  share of candidates with exact dCV1        %8.0f%% %9s\n", 100 * s / sum["block1_candidates"], "36%"
    printf "  solutions per accepted block 1             %9.1f\n", s / (s - sum["block1_unusable"])
    printf "block 2, per solution: restarts %.0f, Q1 draws %.0f, inner iterations %.2f M\n",
      sum["block2_restarts"] / sum["block2_solutions"], sum["block2_early_draws"] / sum["block2_solutions"],
      sum["block2_inner_iterations"] / sum["block2_solutions"] / 1e6
    n = sum["block2_solutions"]
    printf "wall time per collision, mean: block 1 %.2f s, block 2 %.2f s\n",
      sum["block1_wall_seconds"] / n, sum["block2_wall_seconds"] / n
  }' "$work/counts"
