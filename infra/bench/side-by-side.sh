#!/usr/bin/env bash
# The packaged function against the Node.js peer (onnxruntime-node + sharp), side by side in one run, as Lambda runs
# each: a Runtime API on loopback, S3Mock, one process per build. Prints the S3-triggered cold start (Init + first
# invocation on a 500x375 JPEG, alternated with the peer's cold.js) and the warm speed per photo (the answer's
# decode + preprocess + inference timings) for the ImageNet-sized and the 3-48 MP photos, against the peer twice:
# its bench.js (each photo back to back in one loop) and the peer as deployed (peer-as-deployed.js: bench.js's
# classification behind the same Runtime API, fed the same events, so that both wait for each event alike).
#
#   infra/bench/side-by-side.sh [BUILD...] [--runs N] [--passes N] [--cold N] [--sets imagenet-sample,large]
#
# BUILD, repeatable (default: --jvm target/function.zip):
#   --jvm ZIP       a managed JVM build under AWS's Runtime Interface Client, with the java21 runtime's options (C1
#                   only, serial GC, CDS) and the SAM template's JAVA_TOOL_OPTIONS. Options after it shape it:
#     --java HOME                 the JDK the runtime runs (default: the one running this script's java)
#     --compilation c1|default    default: the JVM's own tiered compilation, as the java25 runtime starts SnapStart
#                                 versions and provisioned concurrency; c1 (the default) as java17/java21 always do
#     --java-tool-options "S"     instead of the template's
#     --snap-start                AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: the checkpoint hooks run at the end of
#                                 Init, the restore hooks before the first invocation
#   --custom ZIP    a custom-runtime (provided.al2023) build: any zip with an executable bootstrap at its root
#
# Needs: the zips built (./mvnw package, and e.g. ./mvnw package -Daot into another directory), a JDK 17+, Node.js
# 20+, unzip, the shared folder beside the checkout, and the peer installed once:
#   cp -r ../shared/bench/node-peer /tmp/node-peer && (cd /tmp/node-peer && ONNXRUNTIME_NODE_INSTALL=skip npm install)
# (PEER_DIR points at it; default /tmp/node-peer). Output and logs: target/side-by-side/. The machine is noisy: read
# ratios, and rerun.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="target/side-by-side"
mkdir -p "$out"
args=("$@")
if [ ${#args[@]} -eq 0 ] || ! printf '%s\n' "${args[@]}" | grep -qx -e --jvm -e --custom; then
  args=(--jvm target/function.zip "${args[@]}")
fi

shared="$(cd ../shared && pwd)"
export IMAGE_TAGGER_MODEL_MIRROR="${IMAGE_TAGGER_MODEL_MIRROR:-$shared/models}"
# Test classes and the Runtime Interface Client (target/lambda-ric), without rebuilding function.zip.
./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test
java -Xmx512m -Dshared.dir="$shared" -Dlambda.ric.dir=target/lambda-ric \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Daws.accessKeyId=test -Daws.secretAccessKey=test -Daws.region=us-east-1 -Daws.disableEc2Metadata=true \
  -cp "target/classes:target/test-classes:$(cat "$out/classpath")" \
  dev.imagetagger.bench.DeployedComparison "${args[@]}" | tee "$out/report.txt"
