#!/usr/bin/env bash
# Runs the placement simulator from a built tree: a synthetic day of rooms, one table row per strategy.
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-placement.sh --seed 42 --hours 24
# JAVA_HOME picks the JDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/tributary-bench-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$here/target/lib" ]]; then
  echo "build first: ./mvnw -B -q -o package -pl bench -am -DskipTests" >&2
  exit 2
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$jar:$here/target/lib/*" io.tributary.bench.placement.PlacementSimulator "$@"
