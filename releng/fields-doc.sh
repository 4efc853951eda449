#!/usr/bin/env bash
# Renders docs/fields.md from the display-filter field registry (bundles/org.multitunnel.analysis/resources/
# org/multitunnel/analysis/filter/fields.txt), the one source of filter names, types and descriptions.
# Run after editing fields.txt; FieldsDocTest fails while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
out=$(mktemp -d /tmp/fieldsdoc.XXXXXX)
trap 'rm -rf "$out"' EXIT
src=bundles/org.multitunnel.analysis/src/org/multitunnel/analysis/filter
"$JAVA_HOME/bin/javac" --release 21 -d "$out" "$src/FieldType.java" "$src/FieldInfo.java" "$src/FieldRegistry.java" \
    "$src/FieldsDoc.java"
cp bundles/org.multitunnel.analysis/resources/org/multitunnel/analysis/filter/fields.txt \
    "$out/org/multitunnel/analysis/filter/"
"$JAVA_HOME/bin/java" -cp "$out" org.multitunnel.analysis.filter.FieldsDoc docs/fields.md
