#!/usr/bin/env bash
# decode from a file vs from standard input ('-', spooled to a temporary file first), next to tshark -r FILE and
# tshark -r - on the same capture in the same run: wall seconds and peak RSS per run, best of N.
#   releng/decode-bench.sh [CAPTURE] [RUNS]   (default: a synthesized ~100 MB capture, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-}
runs=${2:-3}
if [ -z "$file" ]; then
  file=${BENCH_DIR:-/tmp/multitunnel-bench}/decode-bench.pcapng
  mkdir -p "$(dirname "$file")"
  [ -s "$file" ] || ./multitunnel synth "$file" --mns 100 --seconds 40 --pps 4000 --seed 7 >/dev/null
fi
echo "capture: $file ($(stat -c %s "$file") bytes), best of $runs runs"
best() { # label, command...
  local label=$1; shift; local b="" m=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -o /tmp/decode-bench.$$ -f "%e %M" bash -c "$*" >/dev/null 2>&1 || true
    read -r s kb < /tmp/decode-bench.$$
    if [ -z "$b" ] || awk "BEGIN{exit !($s < $b)}"; then b=$s; m=$kb; fi
  done
  rm -f /tmp/decode-bench.$$
  printf '%-34s %7.2f s  %8d KB peak RSS\n' "$label" "$b" "$m"
}
best "multitunnel decode FILE --json"    "./multitunnel decode '$file' --json"
best "multitunnel decode - --json"       "cat '$file' | ./multitunnel decode - --json"
best "multitunnel decode FILE --summary" "./multitunnel decode '$file' --summary"
best "multitunnel decode - --summary"    "cat '$file' | ./multitunnel decode - --summary"
best "cat FILE > spool (disk speed)"     "cat '$file' > /tmp/decode-bench-spool.$$; rm -f /tmp/decode-bench-spool.$$"
if command -v tshark >/dev/null; then
  best "tshark -r FILE"                  "tshark -r '$file'"
  best "tshark -r -"                     "cat '$file' | tshark -r -"
fi
