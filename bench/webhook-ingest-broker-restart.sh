#!/usr/bin/env bash
# Drill: webhook-ingest while its Kafka broker is killed (SIGKILL) and started again (docs/benchmarks.md).
# The packaged service and a single-node KRaft broker (dev-stack's EmbeddedKafkaMain) run as processes of their
# own; senders that retry anything but 200, as Meta does, post unique signed webhooks; the broker is killed
# KILLS times. Prints each restart's recovery time (broker ready -> first 200) and the slowest answer while it
# was down, then reads webhooks.raw.v1 back: every acknowledged webhook must be there. Exits non-zero if one is
# missing or a recovery took over 3 s.
#
#   bench/webhook-ingest-broker-restart.sh      (nothing else may use the CPU)
#
# Environment: WEBHOOKS (100000), SENDERS (32), KILLS (2), DOWN_SECONDS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=bench/.tools
mkdir -p "$TOOLS"
./mvnw -q -B -pl dev-stack -am package -DskipTests
./mvnw -q -B -pl webhook-ingest -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$TOOLS/webhook-ingest-test.classpath"
KAFKA_CP="$PWD/dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:$PWD/dev-stack/target/lib/*"
cd webhook-ingest
rm -rf target/broker-restart-drill
java -Xmx512m -DkafkaClasspath="$KAFKA_CP" -Dwebhooks="${WEBHOOKS:-100000}" -Dsenders="${SENDERS:-32}" \
  -Dkills="${KILLS:-2}" -DdownSeconds="${DOWN_SECONDS:-5}" \
  -cp "target/test-classes:target/classes:$(cat "../$TOOLS/webhook-ingest-test.classpath")" \
  com.bsp.onboarding.ingest.bench.BrokerRestartDrill 2>"../$TOOLS/webhook-ingest-broker-restart.log"
