#!/usr/bin/env bash
# Runs the JMH benchmarks of the per-packet path (releng/jmh: classifier; classifier + tunnel accounting) and prints
# ns/packet and bytes allocated per packet (gc.alloc.rate.norm). Builds the benchmark jar first when missing
# (./mvnw -pl releng/jmh -am package). Extra arguments go to JMH, e.g. releng/jmh.sh -f 2 -i 10
set -euo pipefail
cd "$(dirname "$0")/.."
source releng/env.sh
mt_pick_jdk
jar=releng/jmh/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -pl releng/jmh -am package >&2
fi
exec "$JAVA_HOME/bin/java" -jar "$jar" -prof gc "$@" PerPacketBenchmark
