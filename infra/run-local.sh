#!/usr/bin/env bash
# Runs the function locally with no AWS account: an S3-compatible store (Adobe S3Mock) on 127.0.0.1:9090 with the
# bucket image-tagger-demo, and the function in Quarkus dev mode on localhost:8080 (HTTP API, and raw Lambda events
# on /_lambda_). Stop with Ctrl-C; both stop. Offline? Set IMAGE_TAGGER_MODEL_MIRROR to a folder holding the model.
set -euo pipefail
cd "$(dirname "$0")/.."

S3_PORT="${S3_PORT:-9090}"
BUCKET="${BUCKET:-image-tagger-demo}"

./mvnw -B -q -ntp dependency:copy@s3mock-jar
java -Xmx256m -jar target/s3mock/s3mock.jar --server.address=127.0.0.1 \
  --com.adobe.testing.s3mock.httpPort="$S3_PORT" --server.port=$((S3_PORT + 101)) \
  --com.adobe.testing.s3mock.store.initialBuckets="$BUCKET" > target/s3mock-local.log 2>&1 &
s3mock=$!
trap 'kill $s3mock 2>/dev/null' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$S3_PORT/$BUCKET?list-type=2" > /dev/null && break
  kill -0 $s3mock 2>/dev/null || { echo "S3Mock did not start; see target/s3mock-local.log" >&2; exit 1; }
  sleep 1
done
echo "S3 store: http://127.0.0.1:$S3_PORT (bucket $BUCKET, any credentials)"

export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$S3_PORT" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
export TAGGER_S3_PATH_STYLE=true TAGGER_S3_ALLOWED_BUCKETS="$BUCKET"
./mvnw -B -ntp quarkus:dev -Dquarkus.console.enabled=false
