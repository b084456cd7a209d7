#!/usr/bin/env bash
# Runs the pipe-hop benchmark from a built tree: CPU per packet of a pipe hop between two workers,
# and across nodes (it starts the second node as a child JVM).
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-pipe-hop.sh --pps 20000 --seconds 5
# JAVA_HOME picks the JDK (one JVM: workers and driver).
exec "$(dirname "$0")/run-bench.sh" PipeHopBench "$@"
