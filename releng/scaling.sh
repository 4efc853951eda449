#!/usr/bin/env bash
# Scaling of `multitunnel analyze` with tunnels and with registrations per node (issues 14 and 15): synthesizes
#   tunnels-N   N/4 mobile nodes x 4 care-of addresses (N tunnels, every one registered and carrying data),
#               10 s at N data packets/s (so packets grow with N)
#   churn-R     one mobile node re-registering R times over 255 BIDs, each time from a new care-of address (a new
#               binding each time: the node's history grows to R), two data packets after each reply
# and prints, per capture, packets, wall and CPU seconds, peak RssAnon and CPU µs per packet: time linear in the
# packets means a flat µs/packet column. Files go to SCALING_DIR (default /tmp/multitunnel-scaling), deleted after.
# Usage: releng/scaling.sh            env: SCALING_DIR, SCALING_TUNNELS ("10000 20000 50000 100000"),
#                                          SCALING_CHURN ("10000 100000 1000000")
set -euo pipefail
cd "$(dirname "$0")/.."
mt="$(pwd)/multitunnel"
dir=${SCALING_DIR:-/tmp/multitunnel-scaling}
mkdir -p "$dir"
"$mt" --version >/dev/null
export MULTITUNNEL_NO_REBUILD=1
printf "%-16s %10s %8s %8s %12s %10s\n" capture packets "wall s" "CPU s" "RssAnon MiB" "CPU us/pkt"
run() { # NAME FILE
  local tf="$dir/.time" peak=0 child="" a
  /usr/bin/time -o "$tf" -f "%e %U %S" "$mt" analyze "$2" --json /dev/null > /dev/null 2> "$dir/err" & local tp=$!
  while kill -0 "$tp" 2>/dev/null; do
    [ -z "$child" ] && child=$(pgrep -P "$tp" | head -1 || true)
    if [ -n "$child" ] && a=$(awk '/^RssAnon:/{print $2}' "/proc/$child/status" 2>/dev/null) && [ -n "$a" ]; then
      [ "$a" -gt "$peak" ] && peak=$a
    fi
    sleep 0.02
  done
  wait "$tp" || { echo "scaling: analyze $2 failed" >&2; cat "$dir/err" >&2; exit 1; }
  local packets
  packets=$("$mt" bench "$2" --only stream --repeat 0 --json | sed -E 's/.*"packets": ([0-9]+).*/\1/')
  tail -1 "$tf" | awk -v n="$1" -v p="$packets" -v r="$peak" \
    '{printf "%-16s %10d %8.2f %8.2f %12.0f %10.2f\n", n, p, $1, $2 + $3, r / 1024, ($2 + $3) * 1e6 / p}'
}
for n in ${SCALING_TUNNELS:-10000 20000 50000 100000}; do
  f="$dir/tunnels-$n.pcap"
  "$mt" synth "$f" --mns $((n / 4)) --coas 4-4 --seconds 10 --pps "$n" --seed 3 --no-expected > /dev/null
  run "tunnels-$n" "$f"
  rm -f "$f"
done
for r in ${SCALING_CHURN:-10000 100000 1000000}; do
  f="$dir/churn-$r.pcap"
  "$mt" synth "$f" --churn "$r" --bids 255 > /dev/null
  run "churn-$r" "$f"
  rm -f "$f"
done
