#!/usr/bin/env bash
# Runs the native target/function.zip as Lambda runs it: unzipped read-only into /var/task of the public
# provided.al2023 base image, under the Lambda Runtime Interface Emulator built into that image, with S3Mock (the jar
# the build copies to target/s3mock) as its S3. Invokes every sample of events/ and the photo of events/objects/ as
# JPEG, PNG, WebP and TIFF through S3, and fails on a function error, a wrong answer or a missing shared library.
# Needs Docker, Java, curl and jq; .github/workflows/native.yml runs it after the native build.
set -euo pipefail
cd "$(dirname "$0")/../.."

image=public.ecr.aws/lambda/provided:al2023 # the OS-only base image of the provided.al2023 runtime
bucket="image-tagger-demo"
s3=http://127.0.0.1:9090
invocations=http://127.0.0.1:8080/2015-03-31/functions/function/invocations
scratch=$(mktemp -d)
task=$scratch/task
container=""
s3mock=""
finish() {
  if [[ -n "$container" ]]; then
    docker logs "$container" > target/lambda-image.log 2>&1 || true
    docker rm -f "$container" > /dev/null || true
  fi
  if [[ -n "$s3mock" ]]; then kill "$s3mock" || true; fi
  rm -rf "$scratch"
}
trap finish EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }
await() { # url: waits up to a minute for it to answer
  for _ in $(seq 60); do curl -s -o /dev/null "$1" && return 0; sleep 1; done
  fail "nothing answers at $1"
}
# Object keys are URL-encoded segment by segment, so that "/" stays a separator.
put() { # key, file
  curl -fsS -o /dev/null -T "$2" "$s3/$bucket/$(jq -rn --arg k "$1" '$k | split("/") | map(@uri) | join("/")')"
}
tag() { # key, tag: the tag's value
  curl -fsS "$s3/$bucket/$(jq -rn --arg k "$1" '$k | split("/") | map(@uri) | join("/")')?tagging" \
    | tr -d '\n' | sed -n "s|.*<Key>$2</Key>[[:space:]]*<Value>\([^<]*\)</Value>.*|\1|p"
}
# The samples' ETags name the photos they were written for; the objects here are other files, so they go (also
# inside the JSON that SNS and SQS carry as strings).
event() { # sample file
  jq -c 'def bare: del(.. | objects | .eTag?, .etag?);
    walk(if type == "string" and startswith("{") then (try (fromjson | bare | tojson) catch .) else . end) | bare' "$1"
}
invoke() { # event JSON on stdin: prints the function's answer, fails on a function error
  local answer
  answer=$(curl -fsS "$invocations" -H 'Content-Type: application/json' --data-binary @-)
  if jq -e 'has("errorType")?' <<< "$answer" > /dev/null; then fail "function error: $answer"; fi
  echo "$answer"
}
expect() { # description, jq filter that must hold on the answer on stdin
  jq -e "$2" > /dev/null || fail "$1"
  echo "ok: $1"
}

java -Xmx256m -jar target/s3mock/s3mock.jar --com.adobe.testing.s3mock.httpPort=9090 --server.port=9191 \
  --server.address=127.0.0.1 --com.adobe.testing.s3mock.store.initialBuckets=$bucket > target/s3mock.log 2>&1 &
s3mock=$!
unzip -q target/function.zip -d "$task"
container=$(docker run -d --network host -v "$task:/var/task:ro" \
  -e AWS_REGION=us-east-1 -e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_EC2_METADATA_DISABLED=true \
  -e TAGGER_S3_ENDPOINT=$s3 -e TAGGER_S3_PATH_STYLE=true -e TAGGER_S3_ALLOWED_BUCKETS=$bucket \
  -e DISABLE_SIGNAL_HANDLERS=true \
  --entrypoint /usr/local/bin/aws-lambda-rie "$image" /var/task/bootstrap)
await "$s3/$bucket"
await "http://127.0.0.1:8080/"

photo=events/objects/fox-squirrel.jpg # ImageNet class 335, fox squirrel
for key in "uploads/robin in the garden été.jpg" uploads/zebra.jpg "uploads/passenger car.jpg" uploads/golfcart.jpg \
  uploads/daisy.jpg backfill/tench.jpg "backfill/traffic light.jpg"; do
  put "$key" "$photo"
done
put "backfill/notes 2026.txt" events/sqs-s3-notifications.json
head -c 300 "$photo" > "$scratch/broken.jpg" # the headers, cut before the image data
put backfill/broken.jpg "$scratch/broken.jpg"

event events/apigw-http-classify.json | invoke \
  | expect "HTTP classification" '.statusCode == 200 and (.body | fromjson | .predictions[0].index == 335)'
event events/s3-object-created.json | invoke | expect "S3 notification" '.results[0].outcome == "ok"'
event events/eventbridge-object-created.json | invoke | expect "EventBridge" '.results[0].outcome == "ok"'
event events/sns-s3-notification.json | invoke | expect "SNS" '.results[0].outcome == "ok"'
event events/sqs-s3-notifications.json | invoke \
  | expect "SQS: only the unreadable message fails" '[.batchItemFailures[].itemIdentifier] == ["2e1424d4-f796-459a-8184-9c92662be6da"]'
event events/batch-operations-1.0.json | invoke \
  | expect "Batch Operations 1.0" '[.results[].resultString] == ["ok", "unsupported", "skipped-gone"]'
event events/batch-operations-2.0.json | invoke \
  | expect "Batch Operations 2.0" '[.results[].resultString] == ["ok", "corrupt"]'

for file in fox-squirrel.jpg fox-squirrel.png fox-squirrel.webp fox-squirrel.tif; do
  put "formats/$file" "events/objects/$file"
  event events/s3-object-created.json | jq -c --arg key "formats/$file" '.Records[0].s3.object.key = $key' | invoke \
    | expect "$file through S3" '.results[0].outcome == "ok"'
  [[ $(tag "formats/$file" tagger-class) == 335 ]] || fail "$file: tagger-class is not 335"
done

answer=$(jq -c '.source = "aws.ec2" | del(."detail-type")' events/eventbridge-object-created.json \
  | curl -fsS "$invocations" --data-binary @-)
jq -e '.errorType == "dev.imagetagger.events.UnrecognisedEventException"' <<< "$answer" > /dev/null \
  || fail "an unrecognised event is not a function error: $answer"
echo "ok: an unrecognised event is a function error"

docker logs "$container" > target/lambda-image.log 2>&1
if grep -E -i "error while loading shared libraries|UnsatisfiedLinkError|cannot open shared object" \
  target/lambda-image.log; then
  fail "a shared library is missing (target/lambda-image.log)"
fi
grep -E "Init Duration|REPORT" target/lambda-image.log | head -3 || true
echo "native function.zip in $image: every sample answered"
