#!/usr/bin/env bash
# End-to-end checks of the built launchers (what a user types), run by ./run-tests after the Maven build.
# Prints the plain "N passed, N failed" summary line CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0; fail=0
check() { # name, command...
  local name=$1; shift
  if out=$("$@" 2>&1); then pass=$((pass+1)); echo "ok   $name"; else fail=$((fail+1)); echo "FAIL $name"; echo "$out" | tail -n 20; fi
}
check "multitunnel --help prints usage"  bash -c './multitunnel --help | grep -q "Usage: multitunnel COMMAND"'
check "multitunnel --version"            bash -c './multitunnel --version | grep -Eq "^multitunnel [0-9]+\.[0-9]+\.[0-9]+$"'
check "multitunnel rejects unknown commands with 64" bash -c './multitunnel nosuchcommand >/dev/null 2>&1; [ $? -eq 64 ]'
check "multitunnel analyze --json on the demo names its three mobile nodes" bash -c \
  './multitunnel analyze test-captures/demo-multipath.pcapng --json - | sed -n "/^  \"mobileNodes\": \[/,/^  \"tunnels\": \[/p" | grep -c "\"homeAddress\": \"10.1.0.[123]\"" | grep -qx 3'
check "multitunnel decode --json prints one object per signalling packet" bash -c \
  '[ "$(./multitunnel decode test-captures/demo-multipath.pcapng --json | grep -c "^{\"frame\": ")" -ge 18 ]'
check "multitunnel analyze refuses a file that is not a capture with 65" bash -c \
  './multitunnel analyze README.md >/dev/null 2>&1; [ $? -eq 65 ]'
D=test-captures/demo-multipath.pcapng
check "multitunnel help decode prints decode's usage" bash -c \
  './multitunnel help decode | head -1 | grep -q "^Usage: multitunnel decode "'
check "multitunnel decode DIRECTORY is one line with 66" bash -c \
  'd=$(mktemp -d); ./multitunnel decode "$d" >/dev/null 2>"$d.err"; rc=$?; rmdir "$d"
   [ $rc -eq 66 ] && [ "$(wc -l < "$d.err")" -eq 1 ] && grep -q "is a directory" "$d.err" && ! grep -q Exception "$d.err"; r=$?; rm -f "$d.err"; exit $r'
check "multitunnel decode -Y with a bad filter is one line with 64" bash -c \
  'e=$(./multitunnel decode '"$D"' -Y "mip.code ==" 2>&1 >/dev/null); rc=$?; [ $rc -eq 64 ] && [ "$(printf "%s\n" "$e" | wc -l)" -eq 1 ]'
check "multitunnel decode - reads pcapng, pcap and gzip from standard input" bash -c \
  '[ "$(./multitunnel decode - --json < '"$D"' | grep -c "^{\"frame\": ")" -eq 18 ] &&
   [ "$(gzip -c test-captures/scenario-two-nodes.pcap | ./multitunnel decode - -c 3 --summary | wc -l)" -eq 3 ]'
check "multitunnel decode - keeps its copy of standard input unlinked: nothing left even when killed" bash -c '
  set -m; d=$(mktemp -d); p=$d.fifo; mkfifo "$p"
  MULTITUNNEL_JAVA_OPTS=-Djava.io.tmpdir=$d ./multitunnel decode - < "$p" >/dev/null 2>&1 & pid=$!
  exec 3>"$p"; cat '"$D"' >&3
  for i in $(seq 150); do ls -l /proc/$pid/fd 2>/dev/null | grep -q "$d/.*(deleted)" && break; sleep 0.1; done
  ls -l /proc/$pid/fd | grep -q "$d/.*(deleted)" || { echo "no unlinked copy open in $d"; exit 1; }
  seen=$(ls -A "$d"); kill -KILL "$pid"; wait "$pid"; exec 3>&-; rm -f "$p"
  left=$(ls -A "$d"); rmdir "$d" 2>/dev/null
  [ -z "$seen$left" ] || { echo "visible while reading: $seen; after the kill: $left"; exit 1; }'
check "multitunnel decode -T fields prints tshark-style columns" bash -c \
  '[ "$(./multitunnel decode '"$D"' -T fields -e frame.number -e mip.ext.mp.bid -Y "mip.type == 1" -c 4)" = "$(printf "1\t1\n3\t2")" ]'
check "multitunnel analyze --json creates missing folders, like --csv" bash -c \
  'd=$(mktemp -d); ./multitunnel analyze '"$D"' --json "$d/a/b/x.json" && [ -s "$d/a/b/x.json" ]; r=$?; rm -rf "$d"; exit $r'
check "multitunnel send to a host that does not resolve says so with 68" bash -c \
  'e=$(./multitunnel send --to nosuchhost.invalid:434 --home-address 10.1.0.5 --care-of 10.0.0.1 2>&1 >/dev/null); rc=$?
   [ $rc -eq 68 ] && printf "%s" "$e" | grep -q "does not resolve"'
check "workbench refuses a missing capture file" bash -c 'DISPLAY=:999 ./workbench /nonexistent.pcap >/dev/null 2>&1; [ $? -eq 66 ]'
echo "launcher checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
