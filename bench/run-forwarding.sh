#!/usr/bin/env bash
# Runs the forwarding benchmark from a built tree; flags go to ForwardingBench (--help for the list).
#   ./mvnw -B -q -o package -pl bench -am -DskipTests
#   bench/run-forwarding.sh --consumers 50 --pps 1000 --seconds 15
# JAVA_HOME picks the driver's JDK; --jdk picks the SFU's (the process being measured).
exec "$(dirname "$0")/run-bench.sh" ForwardingBench "$@"
