#!/usr/bin/env bash
# Runs the join-time benchmark from a built tree: a standalone node in-process, K joiners timed.
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-join-time.sh --joins 20
# JAVA_HOME picks the JDK (driver and node share one JVM).
exec "$(dirname "$0")/run-bench.sh" JoinTimeBench "$@"
