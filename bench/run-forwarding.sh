#!/usr/bin/env bash
# Runs the forwarding benchmark from a built tree; flags go to ForwardingBench (--help for the list).
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-forwarding.sh --consumers 50 --pps 1000 --seconds 15
# JAVA_HOME picks the driver's JDK; --jdk picks the SFU's (the process being measured).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/tributary-bench-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d "$here/target/lib" ]]; then
  echo "build first: ./mvnw -B -q -o package -pl bench -am -DskipTests" >&2
  exit 2
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED \
  -cp "$jar:$here/target/lib/*" io.tributary.bench.ForwardingBench "$@"
