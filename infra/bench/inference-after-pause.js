#!/usr/bin/env node
// The peer's side of InferenceAfterPause (src/test/java/dev/imagetagger/bench): onnxruntime-node, one thread, one
// fixed input; per pause the median of 200 inferences each after sleeping that long, then the inferences that follow
// the longest pause back to back. Run by inference-after-pause.sh; PEER_DIR holds the installed peer.
//   PEER_DIR=/tmp/node-peer node inference-after-pause.js MODEL.onnx
'use strict';
const path = require('path');
const { createRequire } = require('module');
const ort = createRequire(path.join(process.env.PEER_DIR || '/tmp/node-peer', 'package.json'))('onnxruntime-node');

const PAUSES_MS = [0, 10, 20, 50], WARM_UP = 50, TIMED = 200, IN_A_ROW = 6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

(async () => {
  const session = await ort.InferenceSession.create(process.argv[2], { intraOpNumThreads: 1, interOpNumThreads: 1 });
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const input = new ort.Tensor('float32', Float32Array.from({ length: 3 * 224 * 224 }, () => random() * 4 - 2),
    [1, 3, 224, 224]);
  const timeOne = async () => {
    const start = process.hrtime.bigint();
    await session.run({ [session.inputNames[0]]: input });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (const pause of PAUSES_MS) {
    const times = [];
    for (let i = -WARM_UP; i < TIMED; i++) {
      await sleep(pause);
      const ms = await timeOne();
      if (i >= 0) times.push(ms);
    }
    console.log(`node  pause ${String(pause).padStart(2)} ms: median ${median(times).toFixed(2)} ms`);
  }
  const longest = PAUSES_MS[PAUSES_MS.length - 1];
  const inARow = Array.from({ length: IN_A_ROW }, () => []);
  for (let i = 0; i < TIMED / 2; i++) {
    await sleep(longest);
    for (let k = 0; k < IN_A_ROW; k++) inARow[k].push(await timeOne());
  }
  const medians = inARow.map((xs) => median(xs).toFixed(2)).join(' ');
  console.log(`node  after a ${longest} ms pause, back to back: ${medians} ms`);
})();
