#!/usr/bin/env node
// The Node.js peer (../shared/bench/node-peer) as Lambda runs a function: a process that polls the Runtime API for
// API Gateway HTTP events (POST /classify: the photo base64-encoded in the body, or {"bucket","key"} of one in S3 for
// photos over an HTTP call's 4.5 MiB, read with the peer's AWS SDK v3 client) and answers each with the top class
// and the same two timings bench.js takes, decode+preprocess (sharp) and inference (onnxruntime-node). Its
// classification is bench.js's, unchanged: one thread, RGB, shorter side to 256 (linear), centre crop 224, ImageNet
// mean/std. bench.js runs each photo back to back in one loop; here every photo waits for its event, as the deployed
// function does, so the two builds are timed in the same shape.
//
//   AWS_LAMBDA_RUNTIME_API=host:port PEER_DIR=/tmp/node-peer PEER_MODEL=MODEL.onnx PEER_WARM_UP=PHOTO.jpg \
//     S3=http://127.0.0.1:PORT node peer-as-deployed.js
// (PEER_DIR holds the peer, installed: its node_modules give onnxruntime-node, sharp and @aws-sdk/client-s3.)
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const peer = createRequire(path.join(process.env.PEER_DIR || '/tmp/node-peer', 'package.json'));
const ort = peer('onnxruntime-node');
const sharp = peer('sharp');
const { S3Client, GetObjectCommand } = peer('@aws-sdk/client-s3');
sharp.concurrency(1);
sharp.cache(false);

const MEAN = [0.485, 0.456, 0.406], STD = [0.229, 0.224, 0.225];
async function tensor(buf) {
  const { width: w, height: h } = await sharp(buf).metadata();
  const r = 256 / Math.min(w, h);
  const nw = w > h ? Math.round(r * w) : 256, nh = w > h ? 256 : Math.round(r * h);
  const data = await sharp(buf).removeAlpha().resize(nw, nh, { kernel: 'linear' })
    .extract({ left: Math.floor(nw / 2) - 112, top: Math.floor(nh / 2) - 112, width: 224, height: 224 })
    .raw().toBuffer();
  const t = new Float32Array(3 * 224 * 224);
  for (let i = 0; i < 224 * 224; i++) {
    for (let c = 0; c < 3; c++) t[c * 224 * 224 + i] = (data[i * 3 + c] / 255 - MEAN[c]) / STD[c];
  }
  return new ort.Tensor('float32', t, [1, 3, 224, 224]);
}

// Lambda's Node.js runtime keeps one connection to the Runtime API open, as this agent does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
function runtimeApi(method, route, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, agent, path: `/2018-06-01/runtime/${route}`,
      headers: body ? { 'content-type': 'application/json' } : {} }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const s3 = new S3Client({ region: 'us-east-1', endpoint: process.env.S3, forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
async function photoOf(event) {
  if (event.isBase64Encoded) return Buffer.from(event.body, 'base64');
  const { bucket, key } = JSON.parse(event.body);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body.transformToByteArray());
}

async function classify(session, event) {
  const photo = await photoOf(event);
  const a = process.hrtime.bigint();
  const input = await tensor(photo);
  const b = process.hrtime.bigint();
  const scores = (await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]].data;
  const c = process.hrtime.bigint();
  let top = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[top]) top = i;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ class: top,
    timings: { decodeAndPreprocessMs: Number(b - a) / 1e6, inferenceMs: Number(c - b) / 1e6 } }) };
}

(async () => {
  const session = await ort.InferenceSession.create(process.env.PEER_MODEL, { intraOpNumThreads: 1,
    interOpNumThreads: 1 });
  await session.run({ [session.inputNames[0]]: await tensor(fs.readFileSync(process.env.PEER_WARM_UP)) });
  for (;;) {
    const next = await runtimeApi('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    let answer;
    try {
      answer = await classify(session, JSON.parse(next.body));
    } catch (e) {
      await runtimeApi('POST', `invocation/${id}/error`, JSON.stringify({ errorMessage: String(e) }));
      continue;
    }
    await runtimeApi('POST', `invocation/${id}/response`, JSON.stringify(answer));
  }
})();
