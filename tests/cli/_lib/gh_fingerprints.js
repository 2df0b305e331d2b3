#!/usr/bin/env node
// Reference implementation for the tests: GitHub's primaryLocationLineHash, as the upload
// action computes it (github/codeql-action, src/fingerprints.ts, function hash()), ported
// step for step so that its output is the ground truth our C port (src/report/fingerprint.c)
// is compared with. Differences from the original: BigInt with explicit 64-bit wrapping stands
// in for the `long` package's signed 64-bit Long (same arithmetic modulo 2^64), and the
// callback collects the hashes instead of patching SARIF results.
//
// Usage: node gh_fingerprints.js FILE...
// Prints one JSON object: {"FILE": {"<line>": "<hex>:<occurrence>", ...}, ...}, every line.
'use strict';

const fs = require('fs');

const TAB = '\t'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);
const LF = '\n'.charCodeAt(0);
const CR = '\r'.charCodeAt(0);
const EOF = 65535;
const BLOCK_SIZE = 100;
const MOD = 37n;

// Long arithmetic: signed 64-bit, wrapping.
const wrap = (x) => BigInt.asIntN(64, x);

function computeFirstMod() {
  let firstMod = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) firstMod = wrap(firstMod * MOD);
  return firstMod;
}

// Calls callback(lineNumber, "hex:count") for every line of the file, like the action.
async function hash(callback, filepath) {
  const window = Array(BLOCK_SIZE).fill(0);
  const lineNumbers = Array(BLOCK_SIZE).fill(-1);
  let hashRaw = 0n;
  const firstMod = computeFirstMod();
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const hashCounts = {};

  const outputHash = function () {
    const hashValue = BigInt.asUintN(64, hashRaw).toString(16);
    if (!hashCounts[hashValue]) hashCounts[hashValue] = 0;
    hashCounts[hashValue]++;
    callback(lineNumbers[index], `${hashValue}:${hashCounts[hashValue]}`);
    lineNumbers[index] = -1;
  };

  const updateHash = function (current) {
    const begin = window[index];
    window[index] = current;
    hashRaw = wrap(wrap(wrap(MOD * hashRaw) + BigInt(current)) - wrap(firstMod * BigInt(begin)));
    index = (index + 1) % BLOCK_SIZE;
  };

  const processCharacter = function (current) {
    if (current === SPACE || current === TAB || (prevCR && current === LF)) {
      prevCR = false;
      return;
    }
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineNumbers[index] !== -1) outputHash();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    updateHash(current);
  };

  // The action reads the file as a UTF-8 stream (invalid bytes become U+FFFD) and walks
  // UTF-16 code units (charCodeAt), so an astral character counts twice.
  const readStream = fs.createReadStream(filepath, 'utf8');
  for await (const data of readStream) {
    for (let i = 0; i < data.length; ++i) processCharacter(data.charCodeAt(i));
  }
  processCharacter(EOF);

  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    updateHash(0);
  }
}

async function main() {
  const out = {};
  for (const file of process.argv.slice(2)) {
    const lines = {};
    await hash((line, value) => {
      lines[String(line)] = value;
    }, file);
    out[file] = lines;
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
