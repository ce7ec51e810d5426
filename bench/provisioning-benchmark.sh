#!/usr/bin/env bash
# Benchmark: waba-provisioner provisions WABAS (1000) signups end to end, with Graph emulated at LATENCY_MS
# (50) per call: subscribe, share the credit line, verify it (2 reads), check the number, register it,
# read the template namespace: 7 calls of 50 ms per WABA. The service runs as its packaged jar in its own
# JVM; the driver starts an embedded Kafka broker, the provider emulator and the signups, then counts
# provisioned WABAs in the service's database and checks every side effect happened exactly once.
#
#   bench/provisioning-benchmark.sh        (needs only the local PostgreSQL; nothing else may use the CPU)
#
# Environment: WABAS (1000), LATENCY_MS (50), CONCURRENCY (64, the runner's), TIMEOUT_SECONDS (120).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=bench/.tools
mkdir -p "$TOOLS"
./mvnw -q -B -pl waba-provisioner -am install -DskipTests
./mvnw -q -B -pl waba-provisioner dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$TOOLS/provisioner-test.classpath"
cd waba-provisioner
java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dwabas="${WABAS:-1000}" -DlatencyMs="${LATENCY_MS:-50}" -Dconcurrency="${CONCURRENCY:-64}" -DtimeoutSeconds="${TIMEOUT_SECONDS:-120}" \
  -cp "target/test-classes:target/classes:$(cat "../$TOOLS/provisioner-test.classpath")" \
  com.bsp.onboarding.provisioner.bench.ProvisioningBenchmark 2>"../$TOOLS/provisioning-benchmark.log"
