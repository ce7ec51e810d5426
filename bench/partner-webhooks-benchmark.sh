#!/usr/bin/env bash
# Benchmark: partner-webhooks delivering signed webhooks, measured at a local receiver (docs/benchmarks.md).
# The service runs as its packaged jar in its own JVM (-Xmx256m); the driver starts an embedded Kafka broker,
# a fast receiver and (HANGING=true) a second endpoint that accepts connections and never answers, writes
# link-issued events to io-links.events.v1 and times each webhook from its write to Kafka to the receiver.
#
#   bench/partner-webhooks-benchmark.sh      (needs only the local PostgreSQL; nothing else may use the CPU)
#
# Environment: BURST_EVENTS (30000, the throughput phase), RATE (500 events/s) for SECONDS_AT_RATE (40) with the first
# WARMUP_SECONDS (10) not counted (the latency phase), HANGING (true).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=bench/.tools
mkdir -p "$TOOLS"
./mvnw -q -B -pl partner-webhooks -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$TOOLS/partner-webhooks-test.classpath"
cd partner-webhooks
java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -DburstEvents="${BURST_EVENTS:-30000}" -Drate="${RATE:-500}" -Dseconds="${SECONDS_AT_RATE:-40}" \
  -DwarmupSeconds="${WARMUP_SECONDS:-10}" -Dhanging="${HANGING:-true}" \
  -cp "target/test-classes:target/classes:$(cat "../$TOOLS/partner-webhooks-test.classpath")" \
  com.bsp.onboarding.partnerwebhooks.bench.DeliveryBenchmark 2>"../$TOOLS/partner-webhooks-benchmark.log"
