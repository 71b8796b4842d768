#!/usr/bin/env bash
# keel serve's save-to-served latency alone (the `latency` part of bench/run.sh, measured the same
# way), for one or more keel binaries run in turn, so two commits can be compared side by side.
# Usage: bash bench/serve-latency.sh [ROUNDS] [KEEL ...]   (default: 1 round of target/release/keel)
# Each round runs every binary once on the bundled playbook and once on a generated 3×1,000-page
# corpus (5 edits each) and prints each run's median; then the median of those medians.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-1}
shift || true
if [ $# -eq 0 ]; then
  cargo build --release --quiet --bin keel --example gen_corpus
  set -- "$PWD/target/release/keel"
fi
GEN=${GEN:-$PWD/target/release/examples/gen_corpus}
[ -x "$GEN" ] || cargo build --release --quiet --example gen_corpus
WORK=$(mktemp -d)
trap 'rm -rf "$WORK" /dev/shm/keel-latency-*' EXIT

. bench/lib.sh

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
declare -A play big
for round in $(seq "$ROUNDS"); do
  for KEEL in "$@"; do
    rm -rf "$WORK/playbook"; mkdir -p "$WORK/playbook"
    cp -r content themes i18n keel.yaml "$WORK/playbook/"
    "$GEN" --pages 1000 --out /dev/shm/keel-latency-1k >/dev/null
    p=$(latency "$WORK/playbook" content/en/crises/payment-outage.md en/crises/payment-outage/ 18741)
    b=$(latency /dev/shm/keel-latency-1k content/en/s0/p-000000.md en/s0/p-000000/ 18742)
    echo "round $round  $KEEL  playbook $p ms  3×1,000 $b ms"
    play[$KEEL]+="$p "; big[$KEEL]+="$b "
  done
done
echo
echo "| keel | bundled playbook (3×83 pages) | generated 3×1,000 pages |"
echo "|---|---|---|"
for KEEL in "$@"; do
  pm=$(printf '%s\n' ${play[$KEEL]} | median); bm=$(printf '%s\n' ${big[$KEEL]} | median)
  echo "| $KEEL | $pm ms | $bm ms |"
done
