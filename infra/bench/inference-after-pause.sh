#!/usr/bin/env bash
# ONNX Runtime's inference after a pause, in the function's Java session and in the peer's onnxruntime-node, one
# after the other: why side-by-side.sh also measures the peer as deployed (README, "Speed, memory and cost").
#
#   infra/bench/inference-after-pause.sh
#
# Needs what side-by-side.sh needs (a JDK 17+, Node.js 20+, the shared folder beside the checkout, the peer installed
# in PEER_DIR, default /tmp/node-peer). Pass JAVA_HOME to run the Java side on another JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="target/side-by-side"
mkdir -p "$out"
shared="$(cd ../shared && pwd)"
export IMAGE_TAGGER_MODEL_MIRROR="${IMAGE_TAGGER_MODEL_MIRROR:-$shared/models}"
./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -Xmx512m -Dshared.dir="$shared" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/classes:target/test-classes:$(cat "$out/classpath")" dev.imagetagger.bench.InferenceAfterPause \
  2>/dev/null
node infra/bench/inference-after-pause.js "$shared/models/mobilenetv2-12-int8.onnx"
