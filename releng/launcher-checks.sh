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
check "workbench refuses a missing capture file" bash -c 'DISPLAY=:999 ./workbench /nonexistent.pcap >/dev/null 2>&1; [ $? -eq 66 ]'
echo "launcher checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
