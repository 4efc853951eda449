#!/usr/bin/env bash
# Reproduces the capture engine's benchmark (issue 4): generates a multipath capture of about 1M packets and ~450
# tunnels with the synthesizer (once; reused afterwards), then measures on that same file, in the same run and each
# under /usr/bin/time -v (wall clock, CPU, peak RSS):
#   ours      one JVM, one cold pass: read + classify + tunnel attribution + series (multitunnel bench --only tunnels)
#   ours-gui  one JVM, one cold pass: open + packet index + classify + attribution (what opening a file in the GUI does)
#   tshark    tshark -r FILE -q -z conv,ip
#   tcpdump   tcpdump -r FILE -w /dev/null
# and finally prints the in-process stage rates (best of 3 after warm-up). Only javac is used (no Maven/Tycho):
# the wire and capture bundles and the bench/synth commands are compiled into $BENCH_DIR/classes.
# Usage: releng/bench.sh            (env: BENCH_DIR, BENCH_MNS, BENCH_SECONDS, BENCH_PPS, BENCH_SEED, JAVA_OPTS)
# Needs: tshark tcpdump time  (DEBIAN_FRONTEND=noninteractive apt-get install -y tshark tcpdump time)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
out=${BENCH_DIR:-/tmp/multitunnel-bench}
mns=${BENCH_MNS:-150}
secs=${BENCH_SECONDS:-200}
pps=${BENCH_PPS:-5100}
seed=${BENCH_SEED:-7}
for t in tshark tcpdump /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "bench: $t is missing: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark tcpdump time" >&2; exit 2; }
done
mkdir -p "$out"

echo "== compiling wire, capture and the bench/synth commands with javac"
rm -rf "$out/classes"; mkdir -p "$out/classes"
cli=bundles/org.multitunnel.cli/src/org/multitunnel/cli
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$out/classes" \
  $(find bundles/org.multitunnel.wire/src bundles/org.multitunnel.capture/src -name '*.java') \
  "$cli/Command.java" "$cli/UsageException.java" "$cli/Standalone.java" "$cli/DecodeAsOption.java" "$cli/BenchCommand.java" "$cli/SynthCommand.java"
java=("$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$out/classes")

file="$out/bench-mns$mns-s$secs-pps$pps-seed$seed.pcapng"
if [ ! -s "$file" ]; then
  echo "== synthesizing $file"
  "${java[@]}" org.multitunnel.cli.SynthCommand "$file" --mns "$mns" --coas 2-4 --seconds "$secs" --pps "$pps" --seed "$seed"
fi
size=$(stat -c %s "$file")
packets=$("${java[@]}" org.multitunnel.cli.BenchCommand "$file" --only stream --repeat 0 --json | sed -E 's/.*"packets": ([0-9]+).*/\1/')
sync; cat "$file" > /dev/null   # every tool starts with the file in the page cache

timed() { # NAME CMD...: runs CMD under time -v, keeps its output and the measurements
  local name=$1; shift
  echo "== $name: $*"
  /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.out" 2>&1 || { echo "bench: $name failed, see $out/$name.out" >&2; exit 1; }
}
timed ours "${java[@]}" org.multitunnel.cli.BenchCommand "$file" --only tunnels --repeat 0
timed ours-gui "${java[@]}" org.multitunnel.cli.BenchCommand "$file" --only gui --repeat 0
timed tshark tshark -r "$file" -q -z conv,ip
timed tcpdump tcpdump -r "$file" -w /dev/null

wall() { # seconds from "Elapsed (wall clock) time (h:mm:ss or m:ss): ..."
  grep 'Elapsed (wall clock)' "$out/$1.time" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}
cpu() { awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$out/$1.time"; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out/$1.time"; }

echo
echo "capture: $file"
printf "  %'d packets, %'d bytes, %s tunnels (tshark conv,ip: %s IPv4 conversations)\n" "$packets" "$size" \
  "$(grep -oE '[0-9]+ tunnels' "$out/ours.out" | head -1 | cut -d' ' -f1)" "$(grep -c '<->' "$out/tshark.out")"
tw=$(wall tshark)
printf "\n%-9s %10s %10s %12s %14s %12s\n" tool "wall s" "CPU s" "peak RSS MB" "packets/s" "vs tshark"
for t in ours ours-gui tshark tcpdump; do
  w=$(wall $t)
  printf "%-9s %10.2f %10.2f %12s %'14.0f %11.1fx\n" "$t" "$w" "$(cpu $t)" "$(rss $t)" \
    "$(echo "$packets / $w" | bc -l)" "$(echo "$tw / $w" | bc -l)"
done
echo
echo "ours (one cold pass, inside the JVM):"; grep -E '^(tunnels|memory)' "$out/ours.out" | sed 's/^/  /'
echo "ours-gui (one cold pass, inside the JVM):"; grep -E '^(gui|memory)' "$out/ours-gui.out" | sed 's/^/  /'
echo
echo "== in-process stage rates (best of 3 after a warm-up)"
"${java[@]}" org.multitunnel.cli.BenchCommand "$file"
echo
echo "peak RSS of our runs includes the memory-mapped capture's page cache (RssFile above); tshark and tcpdump read()."
