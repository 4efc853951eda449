#!/usr/bin/env bash
# The speed table of issue 14, measured: generates benchmark captures with `multitunnel synth` (once; reused) and runs
# on each, in the same run and on the same file, every tool several times, printing the medians of
#   wall s, CPU s (user+sys), peak RSS MiB (VmHWM, includes the mapped file), peak RssAnon MiB (sampled every 10 ms
#   from /proc/PID/status: the process's own memory, not the mapped file's page cache)
# for
#   analyze     multitunnel analyze FILE --json /dev/null              (all cores)
#   analyze-1t  multitunnel analyze FILE --json /dev/null --threads 1  (the 1 -> N speed-up)
#   tshark      tshark -r FILE -q -z conv,ip
#   tcpdump     tcpdump -r FILE -w /dev/null                           (no dissection: the reading floor)
# Captures (pcap, µs timestamps, TLS/TCP 443 bulk + web and RTP-sized UDP both ways, all four encapsulations):
#   1m   200 mobile nodes x 2-4 care-of addresses, 600 s, ~1M packets, ~890 MB
#   10m  2000 mobile nodes x 2-4 care-of addresses, 3600 s, ~10M packets, ~8.9 GB   (only with BENCH_10M=1)
# The product is built first if needed (./multitunnel does it). Files go to BENCH_DIR (default /tmp/multitunnel-bench;
# never into the repository) and are deleted at the end unless BENCH_KEEP=1.
# Usage: releng/bench.sh     env: BENCH_DIR, BENCH_RUNS (3), BENCH_10M (0), BENCH_RUNS_10M (BENCH_RUNS), BENCH_KEEP (0),
#                                 BENCH_TOOLS ("analyze analyze-1t tshark tcpdump")
# Needs: tshark tcpdump time bc  (DEBIAN_FRONTEND=noninteractive apt-get install -y tshark tcpdump time bc)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${BENCH_DIR:-/tmp/multitunnel-bench}
runs=${BENCH_RUNS:-3}
tools=${BENCH_TOOLS:-analyze analyze-1t tshark tcpdump}
for t in tshark tcpdump /usr/bin/time bc; do
  command -v "$t" >/dev/null || { echo "bench: $t is missing: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark tcpdump time bc" >&2; exit 2; }
done
mkdir -p "$dir"
mt="$root/multitunnel"
"$mt" --version >/dev/null   # builds the product when needed, outside the measurements
export MULTITUNNEL_NO_REBUILD=1

captures=(1m)
[ "${BENCH_10M:-0}" = 1 ] && captures+=(10m)
synth_args() {
  case $1 in
    1m) echo "--mns 200 --coas 2-4 --seconds 600 --pps 1667 --traffic mixed --seed 7" ;;
    10m) echo "--mns 2000 --coas 2-4 --seconds 3600 --pps 2778 --traffic mixed --seed 7" ;;
  esac
}

# measure NAME CMD...: one run; appends "wall cpu maxrss_mib rssanon_mib" to $dir/NAME.runs
measure() {
  local name=$1; shift
  local tf="$dir/.time.$$"
  /usr/bin/time -o "$tf" -f "%e %U %S %M" "$@" > "$dir/$name.out" 2> "$dir/$name.err" &
  local tp=$! child="" peak=0 a
  while kill -0 "$tp" 2>/dev/null; do
    [ -z "$child" ] && child=$(pgrep -P "$tp" | head -1 || true)
    if [ -n "$child" ] && a=$(awk '/^RssAnon:/{print $2}' "/proc/$child/status" 2>/dev/null) && [ -n "$a" ]; then
      [ "$a" -gt "$peak" ] && peak=$a
    fi
    sleep 0.01
  done
  if ! wait "$tp"; then
    echo "bench: $name failed:" >&2; tail -5 "$dir/$name.err" >&2; exit 1
  fi
  tail -1 "$tf" | awk -v p="$peak" '{printf "%.3f %.3f %.1f %.1f\n", $1, $2 + $3, $4 / 1024, p / 1024}' \
    >> "$dir/$name.runs"
  rm -f "$tf"
}

median() { # column N of FILE
  awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.2f", m}'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $("$mt" --version), $(tshark --version | head -1), $(tcpdump --version 2>&1 | head -1)"
for c in "${captures[@]}"; do
  file="$dir/bench-$c.pcap"
  if [ ! -s "$file" ]; then
    need=$([ "$c" = 10m ] && echo 10 || echo 2)
    avail=$(df -BG --output=avail "$dir" | tail -1 | tr -dc 0-9)
    [ "$avail" -gt "$need" ] || { echo "bench: $dir has ${avail} GiB free, $c needs ~$need GiB" >&2; exit 1; }
    echo "== synthesizing $file: multitunnel synth $file $(synth_args "$c") --no-expected"
    # shellcheck disable=SC2046
    "$mt" synth "$file" $(synth_args "$c") --no-expected
  fi
  size=$(stat -c %s "$file")
  cat "$file" > /dev/null   # every tool starts with the file in the page cache
  for t in $tools; do rm -f "$dir/$c-$t.runs"; done
  n=$runs
  [ "$c" = 10m ] && n=${BENCH_RUNS_10M:-$runs}
  for r in $(seq "$n"); do
    for t in $tools; do
      case $t in
        analyze) measure "$c-$t" "$mt" analyze "$file" --json /dev/null ;;
        analyze-1t) measure "$c-$t" "$mt" analyze "$file" --json /dev/null --threads 1 ;;
        tshark) measure "$c-$t" tshark -r "$file" -q -z conv,ip ;;
        tcpdump) measure "$c-$t" tcpdump -r "$file" -w /dev/null ;;
      esac
    done
  done
  packets=$("$mt" bench "$file" --only stream --repeat 0 --json | sed -E 's/.*"packets": ([0-9]+).*/\1/')
  echo
  printf "capture %s: %s, %'d packets, %'d bytes (medians of %d runs)\n" "$c" "$file" "$packets" "$size" "$n"
  tw=$(median 1 "$dir/$c-tshark.runs" 2>/dev/null || echo 0)
  tc=$(median 2 "$dir/$c-tshark.runs" 2>/dev/null || echo 0)
  printf "%-11s %8s %8s %12s %12s %12s %10s %10s\n" tool "wall s" "CPU s" "peak RSS MiB" "RssAnon MiB" "packets/s" "wall vs ts" "CPU vs ts"
  for t in $tools; do
    w=$(median 1 "$dir/$c-$t.runs"); cpu=$(median 2 "$dir/$c-$t.runs")
    printf "%-11s %8s %8s %12s %12s %'12.0f %9.1fx %9.1fx\n" "$t" "$w" "$cpu" "$(median 3 "$dir/$c-$t.runs")" \
      "$(median 4 "$dir/$c-$t.runs")" "$(echo "$packets / $w" | bc -l)" \
      "$(echo "if ($w > 0) $tw / $w else 0" | bc -l)" "$(echo "if ($cpu > 0) $tc / $cpu else 0" | bc -l)"
  done
  case " $tools " in *" analyze "*) case " $tools " in *" analyze-1t "*)
    printf "speed-up 1 -> %d threads (wall): %.2fx\n" "$(nproc)" \
      "$(echo "$(median 1 "$dir/$c-analyze-1t.runs") / $(median 1 "$dir/$c-analyze.runs")" | bc -l)" ;; esac ;; esac
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -f "$file"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg). RssAnon excludes the mapped capture; peak RSS includes its page cache."
