# Sourced by ./workbench, ./multitunnel, ./run-tests and .ci/run: picks a JDK that can build and run the
# product (Java >= the java.release of pom.xml, which SWT 3.135 requires) and names the build outputs.
# shellcheck shell=bash
MT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MT_JAVA_RELEASE=$(sed -n 's:.*<java.release>\([0-9]*\)</java.release>.*:\1:p' "$MT_ROOT/pom.xml" | head -n1)

mt_java_version() { # prints the feature version of the java in $1/bin/java
  # the JDK's release file answers without starting a JVM (~0.1 s saved on every ./multitunnel start)
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1)
  if [ -n "$v" ]; then echo "$v"; return; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

mt_pick_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    v=$(mt_java_version "$c")
    if [ -n "$v" ] && [ "$v" -ge "$MT_JAVA_RELEASE" ]; then
      export JAVA_HOME=$c
      return 0
    fi
  done
  echo "MultiTunnel needs a JDK $MT_JAVA_RELEASE or newer (set JAVA_HOME); none found under /usr/lib/jvm." >&2
  echo "On Debian/Ubuntu: apt-get install openjdk-21-jdk (or any newer JDK)." >&2
  return 1
}

MT_PRODUCT="$MT_ROOT/product/org.multitunnel.product/target/products/multitunnel/linux/gtk/x86_64/multitunnel"

# True when the product is missing or any source, manifest or model file is newer than it.
mt_needs_build() {
  [ -f "$MT_PRODUCT/configuration/config.ini" ] || return 0
  [ -n "$(find "$MT_ROOT/bundles" "$MT_ROOT/releng" "$MT_ROOT/product" "$MT_ROOT/pom.xml" \
      -newer "$MT_PRODUCT/configuration/config.ini" -type f \
      \( -name '*.java' -o -name 'MANIFEST.MF' -o -name '*.xml' -o -name '*.e4xmi' -o -name '*.target' \
         -o -name '*.product' -o -name '*.properties' -o -name '*.css' -o -name '*.ecore' \) \
      -not -path '*/target/*' -print -quit)" ]
}

mt_build() {
  echo "Building MultiTunnel Workbench (first time: a few minutes to fetch the target platform)..." >&2
  (cd "$MT_ROOT" && ./mvnw -B -q -DskipTests verify) >&2
}
