#!/usr/bin/env bash
# Benchmark of the reference home agent and of the load generator (issue 15), both on loopback on this machine:
# for each table size (bindings = nodes x BIDs) one `multitunnel agent ha` is started, then `multitunnel load`
#   A) at the full rate (default 20,000 requests/s, HMAC-MD5 on every request and reply): the agent's answered rate
#      and latency in the sustain phase, the agent's CPU time per request (from /proc), its live heap per binding
#      (jcmd GC.class_histogram, which runs a full GC, against the empty agent) and the generator's CPU per request;
#   B) at half the rate: the latency percentiles.
# Then the generator alone at a rate above what the pair can do (its achieved rate = its maximum here), and, with
# HA_BENCH_BASELINE=<git ref>, the agent of that commit at the small sizes for comparison (same generator).
# Each agent first carries a short unmeasured load (JIT warm-up); in the measured runs the sustain phase's first 3 s
# are skipped too (the generator's own warm-up); per-second values are medians and worst seconds, "lost" counts
# the replies that did not come within the timeout in that window.
# Usage: releng/ha-bench.sh     (env: BENCH_DIR, HA_BENCH_SIZES, HA_BENCH_BIDS, HA_BENCH_RATE, HA_BENCH_SECONDS,
#                                HA_BENCH_MAXRATE, HA_BENCH_BASELINE, HA_JAVA_OPTS, LOAD_JAVA_OPTS)
# Needs: python3 and the JDK's jcmd. Only javac is used (no Maven/Tycho); the jars come from ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
out=${BENCH_DIR:-/tmp/multitunnel-ha-bench}
sizes=${HA_BENCH_SIZES:-"1000 10000 50000 100000"}
bids=${HA_BENCH_BIDS:-4}
rate=${HA_BENCH_RATE:-20000}
secs=${HA_BENCH_SECONDS:-15}
maxrate=${HA_BENCH_MAXRATE:-40000}
port=$((20000 + RANDOM % 20000))
M2=${M2_REPO:-$HOME/.m2/repository}
command -v python3 >/dev/null || { echo "ha-bench: python3 is missing" >&2; exit 2; }
mkdir -p "$out"
keys="$out/mnha.keys" # a bench-only key, in a private file (a literal --key would warn)
printf '256 00112233445566778899aabbccddeeff\n' > "$keys" && chmod 600 "$keys"

jars() { # EMF (model bundle), pcap4j + JNA (capture.live, needed by the cli bundle)
  for p in org/eclipse/emf/org.eclipse.emf.common org/eclipse/emf/org.eclipse.emf.ecore \
           org/eclipse/emf/org.eclipse.emf.ecore.xmi org/pcap4j/pcap4j-core net/java/dev/jna/jna; do
    find "$M2/$p" -name '*.jar' ! -name '*sources*' ! -name '*javadoc*' 2>/dev/null | sort -V | tail -1
  done | paste -sd:
}
cp=$(jars)
compile() { # SRC_ROOT DEST
  rm -rf "$2"; mkdir -p "$2"
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$2" -cp "$cp" \
    $(find "$1"/bundles/org.multitunnel.{wire,capture,capture.live,model,analysis,agent,cli}/src \
           "$1"/bundles/org.multitunnel.model/src-gen -name '*.java')
  for r in "$1"/bundles/org.multitunnel.*/resources; do [ -d "$r" ] && cp -r "$r/." "$2/"; done
}
echo "== compiling the core bundles and the command line with javac"
compile . "$out/classes"
if [ -n "${HA_BENCH_BASELINE:-}" ]; then
  echo "== compiling the home agent of $HA_BENCH_BASELINE for comparison"
  rm -rf "$out/baseline-src"; mkdir -p "$out/baseline-src"
  git archive "$HA_BENCH_BASELINE" bundles | tar -x -C "$out/baseline-src"
  compile "$out/baseline-src" "$out/baseline-classes"
fi

java=("$JAVA_HOME/bin/java")
ha_pid=""
cleanup() { [ -n "$ha_pid" ] && kill "$ha_pid" 2>/dev/null || true; }
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo x; } # x: the process has ended
heap_bytes() { "$JAVA_HOME/bin/jcmd" "$1" GC.class_histogram | awk '/^Total/ {print $3}'; }
slots() { "$JAVA_HOME/bin/jcmd" "$1" GC.class_histogram | awk '/org.multitunnel.agent.ha.HaSlot$/ {n = $2} END {print n + 0}'; }

start_ha() { # CLASSES LOG
  "${java[@]}" ${HA_JAVA_OPTS:-} -cp "$1:$cp" org.multitunnel.cli.Main agent ha --listen "127.0.0.1:$port" \
    --key-file "$keys" --max-lifetime 65534 >"$2.out" 2>"$2.err" &
  ha_pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$2.err" 2>/dev/null && return 0; sleep 0.1; done
  echo "ha-bench: agent did not start, see $2.err" >&2; exit 1
}
stop_ha() { kill "$ha_pid"; wait "$ha_pid" 2>/dev/null || true; ha_pid=""; }

run_load() { # NAME NODES RATE DURATION [SAMPLE]: SAMPLE=1 measures CPU and heap in the middle of the sustain phase
  local name=$1 nodes=$2 r=$3 d=$4 sample=${5:-0}
  rm -f "$out/$name.cpu" "$out/$name.heap" "$out/$name.json"
  "${java[@]}" ${LOAD_JAVA_OPTS:-} -cp "$out/classes:$cp" org.multitunnel.cli.Main load \
    --target "127.0.0.1:$port" --nodes "$nodes" --bids "$bids" --rate "$r" --duration "$d" --key-file "$keys" \
    --lifetime 600 --report "$out/$name.json" --quiet >"$out/$name.out" 2>&1 &
  local lp=$! reg window
  reg=$(python3 -c "print($nodes * $bids / $r + 3)")
  window=$(python3 -c "print(max(1, min(5, int($d - $nodes * $bids / $r - 4))))")
  if [ "$sample" = 1 ]; then
    sleep "$reg"
    local a1 l1 a2 l2
    a1=$(cpu_ticks "$ha_pid"); l1=$(cpu_ticks "$lp"); sleep "$window"; a2=$(cpu_ticks "$ha_pid"); l2=$(cpu_ticks "$lp")
    if [[ "$a1$l1$a2$l2" != *x* ]]; then   # ms of CPU in the window (none when the run ended before it)
      echo "$(( (a2 - a1) * 10 )) $(( (l2 - l1) * 10 )) $window" > "$out/$name.cpu"
    fi
    if [ -z "${HA_BENCH_BASELINE_RUN:-}" ]; then
      echo "$(heap_bytes "$ha_pid") $(slots "$ha_pid")" > "$out/$name.heap" # total live bytes, bindings held
    fi
  fi
  wait "$lp" || true
}

summarise() { # NAME BINDINGS RATE → one table row (python reads the report, the CPU window and the heap sample)
  python3 - "$out" "$1" "$2" "$3" "${4:-0}" <<'EOF'
import json, os, statistics, sys
out, name, bindings, rate, empty = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
r = json.load(open(f"{out}/{name}.json"))
sustain = [p for p in r["phases"] if p["name"] == "sustain"]
if sustain:
    lo, hi = sustain[0]["start"] + 3, sustain[0]["end"] - 1
    secs = [s for s in r["series"] if lo <= s["t"] <= hi - 1]
else:
    secs = []
ans = [s["answered"] for s in secs]
p50 = [s["p50"] for s in secs if s["p50"] is not None]
p99 = [s["p99"] for s in secs if s["p99"] is not None]
t = r["totals"]
cells = [f"{bindings:>8}", f"{rate:>7}"]
cells.append(f"{statistics.median(ans):>9.0f}" if ans else f"{'-':>9}")
cells.append(f"{min(ans):>9.0f}" if ans else f"{'-':>9}")
cells.append(f"{statistics.median(p50):>7.2f}" if p50 else f"{'-':>7}")
cells.append(f"{statistics.median(p99):>7.2f}" if p99 else f"{'-':>7}")
cells.append(f"{max(p99):>8.2f}" if p99 else f"{'-':>8}")
cells.append(f"{sum(s['lost'] for s in secs):>7}")
cpu = f"{out}/{name}.cpu"
if os.path.exists(cpu) and ans:
    ha_ms, gen_ms, window = map(int, open(cpu).read().split())
    req = statistics.median(ans) * window
    cells.append(f"{ha_ms * 1000 / req:>7.1f}")
    cells.append(f"{gen_ms * 1000 / req:>7.1f}")
else:
    cells += [f"{'-':>7}", f"{'-':>7}"]
heap = f"{out}/{name}.heap"
if os.path.exists(heap) and empty:
    total, slots = open(heap).read().split()
    cells.append(f"{(int(total) - empty) / int(slots):>8.0f}" if int(slots) else f"{'-':>8}")
else:
    cells.append(f"{'-':>8}")
cells.append(f" {r['verdict']}")
print(" ".join(cells))
EOF
}

header() {
  printf "%8s %7s %9s %9s %7s %7s %8s %7s %7s %7s %8s  %s\n" bindings "rate/s" "answer/s" "worst/s" "p50 ms" \
    "p99 ms" "worst99" lost "HA us" "gen us" "B/bind" verdict
}

rows=()
for n in $sizes; do
  nodes=$(( n / bids )); d=$(( n / rate + secs ))
  echo "== $n bindings ($nodes nodes x $bids BIDs)"
  start_ha "$out/classes" "$out/ha-$n"
  run_load "warm-$n" 250 5000 4 0 # the agent's JIT warms up on 1,000 bindings first (not measured)
  sleep 8
  run_load "full-$n" "$nodes" "$rate" "$d" 1
  run_load "half-$n" "$nodes" $(( rate / 2 )) $(( n * 2 / rate + secs )) 0
  sleep 8 # everything de-registered; the replay window (7 s) passes, so the table is empty again
  empty=$(heap_bytes "$ha_pid") # the same agent, warmed up and empty: the base of the per-binding heap
  stop_ha
  rows+=("$(summarise "full-$n" "$n" "$rate" "$empty")" "$(summarise "half-$n" "$n" $(( rate / 2 )))")
done

echo "== the generator's maximum: $maxrate requests/s asked, 4000 bindings"
start_ha "$out/classes" "$out/ha-max"
HA_BENCH_BASELINE_RUN=1 run_load "max" $(( 4000 / bids )) "$maxrate" "$secs" 1
stop_ha
maxrow=$(summarise max 4000 "$maxrate")
offered=$(python3 -c "
import json; r = json.load(open('$out/max.json')); s = [p for p in r['phases'] if p['name'] == 'sustain']
xs = [x['offered'] for x in r['series'] if s and s[0]['start'] + 3 <= x['t'] <= s[0]['end'] - 2]
print(sorted(xs)[len(xs) // 2] if xs else '-')")

baserows=()
if [ -n "${HA_BENCH_BASELINE:-}" ]; then
  for n in 1000 10000; do
    echo "== baseline $HA_BENCH_BASELINE: $n bindings"
    start_ha "$out/baseline-classes" "$out/baseline-ha-$n"
    HA_BENCH_BASELINE_RUN=1 run_load "baseline-$n" $(( n / bids )) $(( rate / 4 )) $(( n * 4 / rate + secs )) 1
    stop_ha
    baserows+=("$(summarise "baseline-$n" "$n" $(( rate / 4 )))")
  done
fi

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work shares these cores)"
echo "agent and generator on 127.0.0.1, HMAC-MD5 on every request and reply, $bids BIDs per node;"
echo "answer/s and latency over the sustain phase (first 3 s skipped), per second: median and worst;"
echo "HA us / gen us = CPU microseconds per request of the agent / of the generator; B/bind = agent heap per binding"
echo
header
for row in "${rows[@]}"; do echo "$row"; done
echo
echo "generator maximum (asked $maxrate/s): offered $offered/s (median second)"
header
echo "$maxrow"
if [ ${#baserows[@]} -gt 0 ]; then
  echo
  echo "baseline agent $HA_BENCH_BASELINE (same generator, rate $(( rate / 4 ))/s):"
  header
  for row in "${baserows[@]}"; do echo "$row"; done
fi
