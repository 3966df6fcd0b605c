#!/usr/bin/env bash
# Runs target/function.zip, the native build's or the custom runtime's (-Daot), as Lambda runs it: unzipped read-only
# into /var/task of the public provided.al2023 base image, under the Lambda Runtime Interface Emulator built into that
# image, with S3Mock (the jar the build copies to target/s3mock) as its S3. First lists the shared libraries of every
# ELF file of the zip (the runner, or java/bin/java and the JDK's libraries; each bundled .so) in that image (ldd), and
# fails on one "not found". Then invokes every sample of events/, the photo of events/objects/ in each of its formats
# through S3 (JPEG, CMYK JPEG, PNG, interlaced PNG, GIF, BMP, TIFF, WebP: each decoding path and ImageIO reader), POST
# /classify by reference, and the problem+json errors; fails on a function error, a wrong answer or a missing shared
# library. Needs Docker, Java, curl and jq; .github/workflows/native.yml runs it after each build.
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

unzip -q target/function.zip -d "$task"

# Every ELF file of the package (the native runner, or the custom runtime's java/bin/java and JDK libraries; each
# bundled .so) against the libraries of Lambda's image, with Lambda's own LD_LIBRARY_PATH: a library missing there
# (libX11 for AWT's X11 toolkit, libstdc++ for ONNX Runtime) fails only when first loaded, as an Error. Two libraries
# are loaded by path before those that need them, which the loader then finds by soname: the java launcher loads
# libjvm.so (every JDK library needs it), ONNX Runtime's Java libonnxruntime.so (its JNI library needs
# libonnxruntime.so.1); the listing preloads them likewise. The dynamic loader lists (ldd runs it; the image may lack
# ldd), with --preload (glibc 2.33 and later; provided.al2023 has 2.34).
# shellcheck disable=SC2016 # expanded by the container's shell
libraries=$(docker run --rm -v "$task:/var/task:ro" \
  -e LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib \
  --entrypoint /bin/bash "$image" -c '
  shopt -s globstar nullglob
  loader=(/lib64/ld-linux-*.so.* /lib/ld-linux-*.so.*)
  preload=()
  for library in /var/task/java/lib/server/libjvm.so /var/task/libonnxruntime.so /var/task/native/libonnxruntime.so; do
    if [[ -f "$library" ]]; then preload+=("$library"); fi
  done
  for file in /var/task/**; do
    [[ -f "$file" ]] || continue
    IFS= read -r -n 4 magic < "$file" || true
    [[ "$magic" == $'"'"'\x7fELF'"'"' ]] || continue
    echo "$file:"
    "${loader[0]}" --preload "${preload[*]}" --list "$file" || echo "$file: ldd failed, not found"
  done') || fail "could not list the shared libraries in $image"
echo "$libraries" > target/lambda-image-ldd.txt
if [[ -f "$task/runner" ]]; then # the native build
  listed=(/var/task/runner /var/task/libonnxruntime.so /var/task/libonnxruntime4j_jni.so)
else # the custom runtime (-Daot)
  listed=(/var/task/java/bin/java /var/task/java/lib/server/libjvm.so /var/task/java/lib/libawt.so
    /var/task/native/libonnxruntime.so /var/task/native/libonnxruntime4j_jni.so /var/task/native/libaws-lambda-jni.so)
fi
for file in "${listed[@]}"; do
  grep -qxF "$file:" <<< "$libraries" || fail "ldd did not read $file (target/lambda-image-ldd.txt)"
done
if grep -F "not found" <<< "$libraries"; then
  fail "a shared library is missing from $image (target/lambda-image-ldd.txt)"
fi
echo "ok: ldd finds every library of $(grep -c ':$' <<< "$libraries") ELF files in $image"

java -Xmx256m -jar target/s3mock/s3mock.jar --com.adobe.testing.s3mock.httpPort=9090 --server.port=9191 \
  --server.address=127.0.0.1 --com.adobe.testing.s3mock.store.initialBuckets=$bucket > target/s3mock.log 2>&1 &
s3mock=$!
container=$(docker run -d --network host -v "$task:/var/task:ro" \
  -e AWS_REGION=us-east-1 -e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_EC2_METADATA_DISABLED=true \
  -e TAGGER_S3_ENDPOINT=$s3 -e TAGGER_S3_PATH_STYLE=true -e TAGGER_S3_ALLOWED_BUCKETS=$bucket \
  -e DISABLE_SIGNAL_HANDLERS=true \
  --entrypoint /usr/local/bin/aws-lambda-rie "$image" /var/task/bootstrap)
await "$s3/$bucket"
await "http://127.0.0.1:8080/"

photo=events/objects/cups.jpg # ImageNet class 968, cup
for key in "uploads/robin in the garden été.jpg" uploads/zebra.jpg "uploads/passenger car.jpg" uploads/golfcart.jpg \
  uploads/daisy.jpg backfill/tench.jpg "backfill/traffic light.jpg"; do
  put "$key" "$photo"
done
put "backfill/notes 2026.txt" events/sqs-s3-notifications.json
head -c 300 "$photo" > "$scratch/broken.jpg" # the headers, cut before the image data
put backfill/broken.jpg "$scratch/broken.jpg"

event events/apigw-http-classify.json | invoke \
  | expect "HTTP classification" '.statusCode == 200 and (.body | fromjson | .predictions[0].index == 968)'
event events/apigw-rest-classify.json | invoke \
  | expect "REST API (payload 1.0) classification" '.statusCode == 200 and (.body | fromjson | .predictions[0].index == 968) and (has("cookies") | not)'
event events/s3-object-created.json | invoke | expect "S3 notification" '.results[0].outcome == "ok"'
event events/eventbridge-object-created.json | invoke | expect "EventBridge" '.results[0].outcome == "ok"'
event events/sns-s3-notification.json | invoke | expect "SNS" '.results[0].outcome == "ok"'
event events/sqs-s3-notifications.json | invoke \
  | expect "SQS: only the unreadable message fails" '[.batchItemFailures[].itemIdentifier] == ["2e1424d4-f796-459a-8184-9c92662be6da"]'
event events/batch-operations-1.0.json | invoke \
  | expect "Batch Operations 1.0" '[.results[].resultString] == ["ok", "unsupported", "skipped-gone"]'
event events/batch-operations-2.0.json | invoke \
  | expect "Batch Operations 2.0" '[.results[].resultString] == ["ok", "corrupt"]'

formats=0
for path in events/objects/*; do
  file=$(basename "$path")
  put "formats/$file" "$path"
  event events/s3-object-created.json | jq -c --arg key "formats/$file" '.Records[0].s3.object.key = $key' | invoke \
    | expect "$file through S3" '.results[0].outcome == "ok"'
  [[ $(tag "formats/$file" tagger-class) == 968 ]] || fail "$file: tagger-class is not 968"
  formats=$((formats + 1))
done
[[ $formats -ge 8 ]] || fail "only $formats sample objects in events/objects"

# HTTP calls: the sample's API Gateway event with another body and content type.
http() { # content type, body (base64 when the type is not JSON), query string: prints the function's answer
  local base64=true
  if [[ "$1" == application/json ]]; then base64=false; fi
  event events/apigw-http-classify.json | jq -c --arg type "$1" --arg body "$2" --arg query "$3" --argjson b64 $base64 '
    .headers["content-type"] = $type | del(.headers["content-length"]) | .body = $body | .isBase64Encoded = $b64
    | .rawQueryString = $query
    | if $query == "" then del(.queryStringParameters)
      else .queryStringParameters = ($query | split("&") | map(split("=") | {(.[0]): .[1]}) | add) end' \
    | invoke
}
reference() { # bucket, key: the JSON body of a call by reference that tags the object
  jq -cn --arg bucket "$1" --arg key "$2" '{bucket: $bucket, key: $key, tag: true}'
}
problem() { # status, description; the answer on stdin: that status as application/problem+json, without a stack trace
  # shellcheck disable=SC2016 # jq variables
  jq -e --argjson status "$1" '
    def header($name): [(.headers // {} | to_entries[]), (.multiValueHeaders // {} | to_entries[] | .value |= .[0])]
      | map(select(.key | ascii_downcase == $name)) | .[0].value // "";
    .statusCode == $status and (header("content-type") | startswith("application/problem+json"))
    and (.body | fromjson | .status == $status and (.type | type == "string") and (.title | type == "string"))
    and ([.body | fromjson | .. | strings | contains("\tat ")] | any | not)' > /dev/null \
    || fail "$2: not a $1 problem+json answer"
  echo "ok: $2: $1 problem+json"
}
put reference/cups.gif events/objects/cups.gif
http application/json "$(reference "$bucket" reference/cups.gif)" "topK=3" \
  | expect "POST /classify by reference, tagging the object" '.statusCode == 200 and (.body | fromjson
    | .outcome == "ok" and .tagged == true and .key == "reference/cups.gif" and .predictions[0].index == 968)'
[[ $(tag reference/cups.gif tagger-class) == 968 ]] || fail "by reference: tagger-class is not 968"
http application/json "$(reference other-bucket reference/cups.gif)" "" \
  | problem 403 "a bucket off the allow-list"
http application/json "$(reference "$bucket" formats/never-uploaded.jpg)" "" | problem 404 "a missing object"
http application/json '{"note": "no bucket, no key"}' "" | problem 400 "a JSON body without bucket and key"
http image/jpeg "$(base64 -w0 "$photo")" "topK=0" | problem 400 "a malformed topK"
http image/jpeg "$(base64 -w0 events/s3-object-created.json)" "" | problem 415 "not an image"
http image/jpeg "$(base64 -w0 "$scratch/broken.jpg")" "" | problem 422 "a corrupt image"

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
echo "function.zip in $image: every sample answered"
