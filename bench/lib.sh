# Shared by bench/run.sh and bench/serve-latency.sh; both set KEEL before calling `latency`.

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Save-to-reload latency of keel serve, in ms, the median of 5 edits: append a marker to one page
# and poll the served page every 5 ms until it shows the marker.
# Usage: latency ROOT PAGE_FILE URL_PATH PORT
latency() {
  local root=$1 page=$2 url_path=$3 port=$4
  "$KEEL" serve --root "$root" --port "$port" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
  local results=()
  for i in 1 2 3 4 5; do
    local marker="bench-edit-$i-$RANDOM"
    local start=$(date +%s%N)
    printf '\n%s\n' "$marker" >> "$root/$page"
    until curl -sf "http://127.0.0.1:$port/$url_path" | grep -q "$marker"; do sleep 0.005; done
    results+=($(( ($(date +%s%N) - start) / 1000000 )))
    sleep 0.3
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${results[@]}" | median
}
