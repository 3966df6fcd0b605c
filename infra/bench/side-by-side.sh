#!/usr/bin/env bash
# Speed of the function against the Node.js peer (onnxruntime-node + sharp), side by side in one run, on the same
# photos and model, one thread each. Per photo: the median of --runs classifications (decode + preprocess +
# inference) after one warm-up. Per set: the median and p95 over its photos, and the ratio function / peer.
#
#   infra/bench/side-by-side.sh [--runs N] [--heap 512m]
#
# Needs: a JDK 17+, Node.js 20+, the shared folder beside the checkout, and the peer installed once:
#   cp -r ../shared/bench/node-peer /tmp/node-peer && (cd /tmp/node-peer && ONNXRUNTIME_NODE_INSTALL=skip npm install)
# (PEER_DIR points at it; default /tmp/node-peer). The machine is noisy: read ratios, and rerun.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5
heap=512m
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
shared="$(cd ../shared && pwd)"
peer="${PEER_DIR:-/tmp/node-peer}"
model="$shared/models/mobilenetv2-12-int8.onnx"
out="target/side-by-side"
mkdir -p "$out"

export IMAGE_TAGGER_MODEL_MIRROR="${IMAGE_TAGGER_MODEL_MIRROR:-$shared/models}"
./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath" -Dmdep.includeScope=test

declare -A sets=(
  [imagenet-sample]="$(ls "$shared"/images/imagenet-sample/*.JPEG)"
  [large]="$(ls "$shared"/images/large/*.jpg)"
  [jpeg-structures-12mp]="$(ls "$shared"/images/jpeg-structures/EveningGlow-*.jpg)"
)
for set in imagenet-sample large jpeg-structures-12mp; do
  # shellcheck disable=SC2086 # one photo per word
  java -Xmx"$heap" -Dshared.dir="$shared" -cp "target/classes:target/test-classes:$(cat "$out/classpath")" \
    dev.imagetagger.bench.PeerComparison --runs "$runs" ${sets[$set]} > "$out/$set.function.txt"
  : > "$out/$set.peer.txt"
  # The peer prints a line per photo for at most 20 photos at a time.
  # shellcheck disable=SC2086
  printf '%s\n' ${sets[$set]} | xargs -n 20 node "$peer/bench.js" "$model" --runs "$runs" >> "$out/$set.peer.txt"
  grep -h "peak heap" "$out/$set.function.txt" | sed "s/^/$set: function /"
done

python3 - "$out" <<'PY'
import math, re, statistics, sys
out = sys.argv[1]
def per_file(path, pattern):
    values = {}
    for line in open(path):
        m = re.match(pattern, line)
        if m:
            values[m.group(1)] = sum(float(g) for g in m.groups()[1:])
    return values
def p95(xs):
    xs = sorted(xs)
    return xs[math.ceil(0.95 * len(xs)) - 1]
print(f"{'set':22} {'photos':>6} {'function median/p95 ms':>24} {'peer median/p95 ms':>20} {'ratio median':>13} {'ratio p95':>10}")
for s in ["imagenet-sample", "large", "jpeg-structures-12mp"]:
    f = per_file(f"{out}/{s}.function.txt", r"(\S+): total ([\d.]+) ms")
    p = per_file(f"{out}/{s}.peer.txt", r"(\S+): decode\+preprocess ([\d.]+) ms, inference ([\d.]+) ms")
    both = sorted(set(f) & set(p))
    fv, pv = [f[k] for k in both], [p[k] for k in both]
    ratios = [f[k] / p[k] for k in both]
    print(f"{s:22} {len(both):6d} {statistics.median(fv):12.1f} / {p95(fv):7.1f} {statistics.median(pv):10.1f} / {p95(pv):7.1f}"
          f" {statistics.median(fv) / statistics.median(pv):12.2f}x {p95(fv) / p95(pv):9.2f}x")
    if s != "imagenet-sample":
        for k in both:
            print(f"    {k:40} function {f[k]:7.1f} ms  peer {p[k]:7.1f} ms  {f[k] / p[k]:5.2f}x")
PY
