#!/usr/bin/env bash
# Runs the join-time benchmark from a built tree: a standalone node in-process, K joiners timed.
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-join-time.sh --joins 20
# JAVA_HOME picks the JDK (driver and node share one JVM).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/tributary-bench-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$here/target/lib" ]]; then
  echo "build first: ./mvnw -B -q -o package -pl bench -am -DskipTests" >&2
  exit 2
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED \
  -cp "$jar:$here/target/lib/*" io.tributary.bench.JoinTimeBench "$@"
