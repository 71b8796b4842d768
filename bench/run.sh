#!/usr/bin/env bash
# Keel's benchmark: build generated corpora of 3×1,000 and 3×10,000 pages (en, pl, he) with the
# output on tmpfs (/dev/shm) and on disk; report the median wall time of several clean builds,
# pages per second, peak RSS, output size and the no-op rebuild; then the preview server's
# save-to-reload latency on the bundled playbook and on the 3×1,000-page corpus.
# Usage: bash bench/run.sh [--quick]   (--quick: 1,000 pages only, fewer runs)
# KEEL=… GEN=… point at another build's keel and gen_corpus (to compare two commits side by side).
# ZOLA=…/zola adds the same-words comparison with Zola (gen_corpus --zola), alternating runs.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${1:-}
SIZES="1000 10000"; RUNS_SMALL=5; RUNS_LARGE=3
[ "$QUICK" = "--quick" ] && { SIZES="1000"; RUNS_SMALL=3; }
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else echo "needs GNU time (apt-get install time)"; exit 1; fi
fi
if [ -z "${KEEL:-}" ]; then
  cargo build --release --quiet --bin keel --example gen_corpus
fi
KEEL=${KEEL:-$PWD/target/release/keel}
GEN=${GEN:-$PWD/target/release/examples/gen_corpus}
DISK=$PWD/target/bench
mkdir -p "$DISK"

. bench/lib.sh

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "keel: $("$KEEL" --version 2>/dev/null | head -1), $KEEL, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "| pages | output on | runs | median wall (s) | pages/s | peak RSS (MiB) | output size | no-op rebuild: wall (s) and files written |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  runs=$RUNS_SMALL; [ "$n" -ge 10000 ] && runs=$RUNS_LARGE
  for where in tmpfs disk; do
    if [ "$where" = tmpfs ]; then root=/dev/shm/keel-bench-$n; else root=$DISK/corpus-$n; fi
    "$GEN" --pages "$n" --out "$root" >/dev/null
    times=(); rss=()
    for _ in $(seq "$runs"); do
      rm -rf "$root/public"
      sync
      out=$( { /usr/bin/time -f "%e %M" "$KEEL" build --root "$root" >/dev/null; } 2>&1 | tail -1)
      times+=("${out% *}"); rss+=("${out#* }")
    done
    pages=$(find "$root/public" -name index.html -not -path "*/print/*" | wc -l)
    med=$(printf '%s\n' "${times[@]}" | median)
    maxrss=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    size=$(du -sh "$root/public" | cut -f1)
    noop=$( { /usr/bin/time -f "%e" "$KEEL" build --root "$root" | sed -E 's/.*; ([0-9]+) of.*/\1/'; } 2>&1 | tr '\n' ' ')
    printf '| 3×%s (%s) | %s | %s | %s | %.0f | %.0f | %s | %s |\n' "$n" "$pages" "$where" "$runs" "$med" "$(echo "$pages / $med" | bc -l)" "$(echo "$maxrss / 1024" | bc -l)" "$size" "$noop"
  done
done

# The same words built by Keel and by Zola, output on tmpfs, runs alternating (K Z K Z …).
if [ -n "${ZOLA:-}" ]; then
  echo
  echo "zola: $("$ZOLA" --version 2>/dev/null | head -1)"
  echo
  echo "| pages | runs | Keel median (ms) | Zola median (ms) | speed ratio | peak RSS Keel / Zola (MiB) |"
  echo "|---|---|---|---|---|---|"
  for n in $SIZES; do
    runs=$RUNS_SMALL; [ "$n" -ge 10000 ] && runs=$RUNS_LARGE
    k=/dev/shm/keel-bench-k$n; z=/dev/shm/keel-bench-z$n
    "$GEN" --pages "$n" --out "$k" >/dev/null
    "$GEN" --pages "$n" --out "$z" --zola >/dev/null
    kt=(); zt=(); kr=0; zr=0
    for _ in $(seq "$runs"); do
      rm -rf "$k/public"; out=$( { /usr/bin/time -f "%e %M" "$KEEL" build --root "$k" >/dev/null; } 2>&1 | tail -1)
      kt+=("${out% *}"); [ "${out#* }" -gt "$kr" ] && kr=${out#* }
      rm -rf "$z/public"; /usr/bin/time -o /dev/shm/keel-bench-time -f "%e %M" "$ZOLA" --root "$z" build >/dev/null 2>&1
      out=$(tail -1 /dev/shm/keel-bench-time)
      zt+=("${out% *}"); [ "${out#* }" -gt "$zr" ] && zr=${out#* }
    done
    km=$(printf '%s\n' "${kt[@]}" | median); zm=$(printf '%s\n' "${zt[@]}" | median)
    printf '| 3×%s | %s | %.0f | %.0f | %.2f× | %.0f / %.0f |\n' "$n" "$runs" "$(echo "$km * 1000" | bc -l)" "$(echo "$zm * 1000" | bc -l)" "$(echo "$zm / $km" | bc -l)" "$(echo "$kr / 1024" | bc -l)" "$(echo "$zr / 1024" | bc -l)"
  done
fi

# Save-to-reload latency of keel serve (bench/lib.sh).
echo
echo "| keel serve: save to served page | median of 5 (ms) |"
echo "|---|---|"
cp -r content themes i18n keel.yaml "$DISK/" 2>/dev/null || true
rm -rf "$DISK/playbook"; mkdir -p "$DISK/playbook"; cp -r content themes i18n keel.yaml "$DISK/playbook/"
echo "| bundled playbook (3×$(find content/en -name "*.md" -o -name "*.yaml" | wc -l) pages), one Markdown page | $(latency "$DISK/playbook" content/en/crises/payment-outage.md en/crises/payment-outage/ 18731) |"
"$GEN" --pages 1000 --out /dev/shm/keel-bench-serve >/dev/null
echo "| generated 3×1,000 pages, one Markdown page | $(latency /dev/shm/keel-bench-serve content/en/s0/p-000000.md en/s0/p-000000/ 18732) |"
rm -rf /dev/shm/keel-bench-* "$DISK"
