#!/usr/bin/env bash
# Fuzzes every coverage-guided fuzz target (Jazzer) one after another, SECONDS each (default 600), and prints each
# one's summary line: executions, edges covered (cov) and features (ft). A finding stops that target with a reproducer
# written into its Inputs folder under src/test/resources, where every test run then replays it, and the script
# exits non-zero once every target has run (CI runs it after the tests: .ci/run).
# Usage: infra/bench/fuzz.sh [SECONDS] [TARGET...]    (run from the worktree root; needs the build's dependencies)
set -euo pipefail
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(dev.imagetagger.image.jpeg.JpegDecoderCoverageFuzzTest dev.imagetagger.image.png.PngDecoderCoverageFuzzTest
           dev.imagetagger.image.ExifOrientationCoverageFuzzTest dev.imagetagger.events.InvocationsCoverageFuzzTest)
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz.classpath
# A copy of the classes, so that a build meanwhile does not change them under the fuzzer.
rm -rf target/fuzz && mkdir -p target/fuzz && cp -r target/classes target/test-classes target/fuzz/
failed=0
classpath="target/fuzz/test-classes:target/fuzz/classes:$(cat target/fuzz.classpath)"
for target in "${targets[@]}"; do
  log="target/fuzz/${target##*.}.log"
  echo "== $target, ${seconds} s (log: $log)"
  status=0
  java -Xmx512m '-Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$ClassName' \
    -cp "$classpath" com.code_intelligence.jazzer.Jazzer --target_class="$target" \
    -max_total_time="$seconds" -timeout=10 >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" || true
  grep -E '^== Java Exception|^INFO: Crash|Test unit written|^==[0-9]+== ERROR' "$log" || true
  echo "exit status $status"
  [ "$status" -eq 0 ] || failed=1
done
exit "$failed"
