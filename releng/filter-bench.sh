#!/usr/bin/env bash
# Display-filter speed (issue 12): the engine (header fields read in place, dissection only where a filter needs it)
# against tshark -Y on the same ~1M-packet capture in the same run, plus the former way (dissect every frame) for
# the first filter. The capture is releng/bench.sh's synthesized file (generated once, shared with that script).
# Each tool runs cold in its own process under /usr/bin/time; the engine also prints its in-JVM best of 3.
# Usage: releng/filter-bench.sh [FILTER...]   (env: BENCH_DIR, BENCH_MNS, BENCH_SECONDS, BENCH_PPS, BENCH_SEED)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=${BENCH_DIR:-/tmp/multitunnel-bench}
mns=${BENCH_MNS:-150}; secs=${BENCH_SECONDS:-200}; pps=${BENCH_PPS:-5100}; seed=${BENCH_SEED:-7}
for t in tshark /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "filter-bench: $t is missing (apt-get install -y tshark time)" >&2; exit 69; }
done
mkdir -p "$out"
echo "== compiling wire, capture, the filter engine and the synth command with javac"
rm -rf "$out/filter-classes"; mkdir -p "$out/filter-classes"
cli=bundles/org.multitunnel.cli/src/org/multitunnel/cli
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$out/filter-classes" \
  $(find bundles/org.multitunnel.wire/src bundles/org.multitunnel.capture/src \
         bundles/org.multitunnel.analysis/src/org/multitunnel/analysis/filter -name '*.java') \
  "$cli/Command.java" "$cli/UsageException.java" "$cli/Standalone.java" "$cli/BenchCommand.java" \
  "$cli/SynthCommand.java"
cp -r bundles/org.multitunnel.analysis/resources/. "$out/filter-classes/"
java=("$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$out/filter-classes")
file="$out/bench-mns$mns-s$secs-pps$pps-seed$seed.pcapng"
if [ ! -s "$file" ]; then
  echo "== synthesizing $file"
  "${java[@]}" org.multitunnel.cli.SynthCommand "$file" --mns "$mns" --coas 2-4 --seconds "$secs" --pps "$pps" --seed "$seed"
fi
if [ $# -gt 0 ]; then
  filters=("$@")
else
  # one binding of the capture: its registrations (home and care-of address) and its tunnel, in Wireshark fields
  tshark -n -r "$file" -c 2000 -Y 'mip.type == 1' -T fields -e mip.homeaddr -e mip.coa >"$out/filter-pick.txt" 2>/dev/null
  read -r hoa coa <"$out/filter-pick.txt"
  tshark -n -r "$file" -c 20000 -Y 'gre.key' -T fields -e gre.key >"$out/filter-pick.txt" 2>/dev/null
  read -r key <"$out/filter-pick.txt"
  filters=("mip.homeaddr == $hoa && (mip.coa == $coa || ip.dst == $coa) || ip.addr == $coa"
           "ip.addr == $coa" "udp.port == 434" "gre.key == $key" "mip.type == 1" "frame.len > 1400")
fi
sync; cat "$file" > /dev/null   # both tools start with the file in the page cache
echo "== capture: $file ($(stat -c %s "$file") bytes)"
echo
echo "== engine (one JVM: open + index once, then each filter: first pass, best of 3; --full: every frame dissected)"
/usr/bin/time -v -o "$out/filter-ours.time" "${java[@]}" org.multitunnel.analysis.filter.bench.FilterBench "$file" \
  --full "${filters[0]}" >"$out/filter-ours-full.out" 2>&1 || true
"${java[@]}" org.multitunnel.analysis.filter.bench.FilterBench "$file" "${filters[@]}" | tee "$out/filter-ours.out"
grep '^dissect' "$out/filter-ours-full.out" || true
echo
echo "== tshark -Y (one cold process per filter; wall seconds)"
for f in "${filters[@]}"; do
  /usr/bin/time -f "%e" -o "$out/filter-tshark.time" tshark -n -r "$file" -Y "$f" -T fields -e frame.number \
    >"$out/filter-tshark.out" 2>/dev/null
  printf "tshark  %-70s %'9d matched  %7.2f s\n" "$f" "$(wc -l <"$out/filter-tshark.out")" "$(cat "$out/filter-tshark.time")"
done
