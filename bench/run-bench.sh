#!/usr/bin/env bash
# Runs a benchmark main class from a built tree: bench/run-bench.sh CLASS [flags...]
# (run-forwarding.sh, run-join-time.sh and run-pipe-hop.sh name theirs). JAVA_HOME picks the JDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/tributary-bench-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$here/target/lib" ]]; then
  echo "build first: ./mvnw -B -q -o package -pl bench -am -DskipTests" >&2
  exit 2
fi
main="$1"
shift
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED \
  -cp "$jar:$here/target/lib/*" "io.tributary.bench.$main" "$@"
