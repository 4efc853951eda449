#!/usr/bin/env bash
# Regenerates the EMF model code (bundles/org.multitunnel.model/src-gen) from model/multitunnel.ecore + .genmodel,
# and the registration template model (model/template.ecore + .genmodel, package org.multitunnel.model.template)
# with EMF's own generator (model code only: the views label the model themselves, no item providers),
# run standalone from Maven Central jars (releng/model-generator). Run it after every change to the .ecore or
# .genmodel and commit the result; the Tycho build compiles src-gen and never generates.
# Generation goes to an empty scratch tree and the src-gen folders are replaced wholesale, so the output
# depends only on the model files (hand code lives in src/, never in src-gen/).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MVN=${MVN:-$(command -v mvn || echo ./mvnw)}   # only resolves the generator's jars (no Tycho build)
gen=releng/model-generator
build=$gen/target
mkdir -p "$build/classes"
"$MVN" -B -q ${MVN_OPTS:-} -f $gen/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$build/classpath.txt" >/dev/null
cp=$(cat "$build/classpath.txt")
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$build/classes" -cp "$cp" \
    $(find $gen/src/main/java -name '*.java')
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$JAVA_HOME/bin/java" -cp "$build/classes:$cp" org.multitunnel.releng.modelgen.GenerateModel \
    bundles/org.multitunnel.model/model/multitunnel.genmodel "$scratch" \
    org.multitunnel.model > "$build/generate.log"
# The registration template model (Testbed composer, send --template): model code only, same src-gen tree.
"$JAVA_HOME/bin/java" -cp "$build/classes:$cp" org.multitunnel.releng.modelgen.GenerateModel \
    bundles/org.multitunnel.model/model/template.genmodel "$scratch" org.multitunnel.model >> "$build/generate.log"
for p in org.multitunnel.model; do
  [ -d "$scratch/$p/src-gen" ] || { echo "generator wrote no $p/src-gen (see $build/generate.log)" >&2; exit 1; }
  rm -rf "bundles/$p/src-gen"
  cp -r "$scratch/$p/src-gen" "bundles/$p/src-gen"
done
echo "regenerated: $(find bundles/org.multitunnel.model/src-gen -name '*.java' | wc -l) Java files"
