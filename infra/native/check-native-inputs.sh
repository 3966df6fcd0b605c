#!/usr/bin/env bash
# Checks the inputs of the native build on a machine without GraalVM or Docker. Quarkus runs its whole native build
# pipeline against a stand-in native-image (./native-image) that records its command line; this script then checks
# that command line, the native-image configuration Quarkus and the project hand it, the function.zip layout, and the
# static initialisers of the compiled classes (which native-image runs at build time).
# It is a check of what the native build receives, not a native build: run the real one with
#   ./mvnw package -Dnative -Dquarkus.native.container-build=true
# Quarkus writes its outputs to target/native-inputs-check, so that target/function.zip keeps the real (JVM)
# artifact of an earlier build rather than a package around the stand-in runner, which a deploy would ship. The
# OpenAPI files go there too: Quarkus resolves their relative folder from the output folder, and a src/main in
# target/ would hide src/main/zip.native (the bootstrap) from the function.zip step, which looks for it the same way.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/native-inputs-check

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/bin"
cp infra/native/native-image "$home/bin/native-image"
rm -rf "$out"
mkdir -p "$out"
record="$PWD/$out/native-image.args"
initialisers="$PWD/$out/build-time-initialisers.txt"

# After the package, in the same Maven run: the compiled classes' static initialisers, read from their bytecode
# (src/test/java/dev/imagetagger/infra/BuildTimeInitialisers.java), against the run-time list native-image received.
GRAALVM_HOME="$home" NATIVE_IMAGE_RECORD="$record" ./mvnw -B -ntp -q package -Dnative -DskipTests \
  -Dquarkus.native.container-build=false -Dquarkus.package.output-directory="$PWD/$out" \
  -Donnxruntime.libraries.directory="$PWD/$out" -Dquarkus.smallrye-openapi.store-schema-directory="$PWD/$out/openapi" \
  org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.imagetagger.infra.BuildTimeInitialisers \
  -Dexec.args="$PWD/target/classes $initialisers $record"

passed=0
failed=0
check() { # description, command...
  local what=$1
  shift
  if "$@" > /dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $what" >&2
  fi
}
# Listings are read whole before grepping: `unzip | grep -q` fails under pipefail when grep stops reading early.
arg() { grep -qxF -- "$1" "$record"; }
sources=$(ls -d "$out"/*-native-image-source-jar)
runner_jar=$(ls "$sources"/*-runner.jar)
jar_listing=$(unzip -Z1 "$runner_jar")
jni_config=$(unzip -p "$runner_jar" META-INF/native-image/dev.imagetagger/image-tagger/jni-config.json || true)
resource_config=$(unzip -p "$runner_jar" META-INF/native-image/resource-config.json || true)
zip_listing=$(unzip -Z1 "$out/function.zip")
bootstrap=$(unzip -p "$out/function.zip" bootstrap)
bootstrap_mode=$(unzip -Z "$out/function.zip" bootstrap)
in_jar() { grep -qxF -- "$1" <<< "$jar_listing"; }
jni() { grep -qF -- "\"$1\"" <<< "$jni_config"; }
resources() { grep -qF -- "$1" <<< "$resource_config"; }
zipped() { grep -qxF -- "$1" <<< "$zip_listing"; }

check "native-image was called" test -s "$record"
check "the static initialisers were read" test -f "$initialisers"
check "no static initialiser run at image build time touches ImageIO, AWT, ONNX Runtime, threads, the clock or the environment ($initialisers)" test ! -s "$initialisers"
check "ONNX Runtime and TwelveMonkeys are initialised at run time" arg "--initialize-at-run-time=ai.onnxruntime,com.twelvemonkeys"
check "AWT (ImageIO) support is on" grep -q "io.quarkus.awt.runtime.graal.AwtFeature" "$record"
check "HTTPS is enabled (quarkus.ssl.native)" arg "--enable-url-protocols=http,https"
check "no JVM fallback image" arg "--no-fallback"
# The classes to register are those the packaged JNI library looks up by name: jni-config.json is the one list
# kept by hand, and it must name each of them (an ONNX Runtime upgrade that looks up a new class fails here).
jni_classes=$(unzip -p "$out/function.zip" libonnxruntime4j_jni.so \
  | grep -aoE '(ai/onnxruntime|java/lang)/[A-Za-z0-9_$]+' | tr / . | sort -u)
check "the JNI library names the classes it looks up" test "$(wc -l <<< "$jni_classes")" -ge 5
for class in $jni_classes; do
  check "JNI registration of $class (looked up by libonnxruntime4j_jni.so)" jni "$class"
done
check "the model is packaged in the application jar" in_jar "model/mobilenetv2-12-int8.onnx"
check "the model's verified sha256 is packaged beside it" in_jar "model/mobilenetv2-12-int8.onnx.sha256"
check "the labels are packaged in the application jar" in_jar "model/imagenet-synsets.txt"
check "the model resources are included in the image" resources "model/"
check "the JNI configuration ships in the application jar" in_jar "META-INF/native-image/dev.imagetagger/image-tagger/jni-config.json"
check "function.zip has the bootstrap" zipped "bootstrap"
check "function.zip has the runner" zipped "runner"
check "function.zip has libonnxruntime.so" zipped "libonnxruntime.so"
check "function.zip has libonnxruntime4j_jni.so" zipped "libonnxruntime4j_jni.so"
check "the bootstrap loads ONNX Runtime from the package" grep -qF "onnxruntime.native.path" <<< "$bootstrap"
check "the bootstrap is executable in the zip" grep -q '^.rwx' <<< "$bootstrap_mode"
check "the warm-up photo is included in the image" resources "warm-up/"

# The CI workflow runs the native function.zip in Lambda's provided.al2023 image (it cannot run here): check that the
# workflow calls the script, that every repository file the two name exists, and that the script is sound shell.
workflow=.github/workflows/native.yml
invoke=infra/native/invoke-in-lambda-image.sh
check "the workflow runs $invoke" grep -qF "run: $invoke" "$workflow"
check "$invoke is executable" test -x "$invoke"
check "$invoke parses (bash -n)" bash -n "$invoke"
if command -v shellcheck > /dev/null; then
  check "shellcheck passes on infra/native" shellcheck "$invoke" infra/native/check-native-inputs.sh infra/native/native-image
fi
named=$(grep -ohE '\b(infra|events|src)/[A-Za-z0-9._/-]*[A-Za-z0-9]' "$workflow" "$invoke" | sort -u)
while read -r file; do
  check "$file (named by the workflow or $invoke) exists" test -e "$file"
done <<< "$named"
for sample in events/*.json; do
  check "$invoke invokes $sample" grep -qxF "$sample" <<< "$named"
done

# One builder image everywhere: application.properties names it (so the README's command builds in it); the workflow
# takes it from there, the documents name that one and no other, and the stand-in answers --version as its Mandrel.
builder=$(sed -n 's/^quarkus\.native\.builder-image=//p' src/main/resources/application.properties)
check "application.properties names the builder image" \
  grep -qE '^quay\.io/quarkus/[a-z0-9-]+:jdk-[0-9]+$' <<< "$builder"
for document in README.md infra/README.md infra/template.yaml; do
  check "$document names the builder image $builder" grep -qF "$builder" "$document"
done
images=$(grep -ohE 'quay\.io/quarkus/[a-z0-9-]*builder-image[:A-Za-z0-9._-]*' README.md infra/README.md \
  infra/template.yaml "$workflow" "$invoke" src/main/resources/application.properties | sort -u)
check "no document or script names another builder image ($(tr '\n' ' ' <<< "$images"))" test "$images" = "$builder"
check "the workflow does not choose its own builder image" \
  test -z "$(grep -F -- "-Dquarkus.native.builder-image" "$workflow")"
mandrel=$(infra/native/native-image --version)
check "the stand-in native-image is the builder image's Mandrel (${builder##*:})" \
  grep -qF "Mandrel-${builder##*:jdk-}." <<< "$mandrel"

echo "native build inputs: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
