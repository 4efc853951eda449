#!/usr/bin/env bash
# Fast inner loop for the plain-Java core bundles: compiles bundles/<name>/src (+ src-gen) and the matching
# bundles/<name>.tests/src with javac, then runs their JUnit 5 tests with the console launcher — seconds
# instead of a Tycho build. The authoritative run is still the README's test command (Tycho + OSGi).
# Usage: releng/devtest.sh org.multitunnel.wire [org.multitunnel.capture ...]   (dependencies first)
#        DEVTEST_SELECT="--select-class=org.multitunnel.wire.FooTest" releng/devtest.sh org.multitunnel.wire
#        DEVTEST_TEST_BUNDLES="org.multitunnel.analysis" compiles only that bundle's tests (others' may be mid-edit)
#        DEVTEST_OUT=dir keeps the classes (default: a fresh temp dir, so parallel runs don't collide)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=${M2_REPO:-$HOME/.m2/repository}
JUNIT=$M2/org/junit/platform/junit-platform-console-standalone/1.13.4/junit-platform-console-standalone-1.13.4.jar
[ -f "$JUNIT" ] || mvn -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.13.4 >/dev/null
out=${DEVTEST_OUT:-$(mktemp -d /tmp/devtest.XXXXXX)}
rm -rf "$out"; mkdir -p "$out/main" "$out/test"
extra=${DEVTEST_CP:-}
srcs=(); tsrcs=()
for b in "$@"; do
  for d in bundles/$b/src bundles/$b/src-gen; do [ -d "$d" ] && while IFS= read -r f; do srcs+=("$f"); done < <(find "$d" -name '*.java'); done
  case " ${DEVTEST_TEST_BUNDLES:-$*} " in *" $b "*) ;; *) continue ;; esac
  [ -d bundles/$b.tests/src ] && while IFS= read -r f; do tsrcs+=("$f"); done < <(find bundles/$b.tests/src -name '*.java')
done
"$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$out/main" -cp "$extra" "${srcs[@]}"
for b in "$@"; do [ -d bundles/$b/resources ] && cp -r bundles/$b/resources/. "$out/main/" || true; done
if [ ${#tsrcs[@]} -gt 0 ]; then
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$out/test" -cp "$out/main:$JUNIT:$extra" "${tsrcs[@]}"
  # tests find their data relative to the test bundle directory, as under Tycho
  first=${DEVTEST_TEST_BUNDLES:-$1}; first=${first%% *}
  cd "bundles/$first.tests"
  exec "$JAVA_HOME/bin/java" -jar "$JUNIT" execute --disable-banner --details=${DEVTEST_DETAILS:-summary} \
     -cp "$out/main:$out/test${extra:+:$extra}" ${DEVTEST_SELECT:---scan-classpath}
fi
