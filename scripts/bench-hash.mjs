// Browser benchmark: MD5 of a large file in Chromium, hashwall's worker (Rust md-5 in wasm)
// against hash-wasm (the fastest in-browser MD5) in the same run, same chunked reads.
// Usage: node scripts/bench-hash.mjs [size-in-MB=500] [runs=3]   (after `trunk build --release`)
import { serveDir, launchChromium } from './bench-lib.mjs';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, cpSync, openSync, writeSync, closeSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sizeMB = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 3);
const root = mkdtempSync(join(tmpdir(), 'hashwall-bench-'));
cpSync('dist', root, { recursive: true });
for (const f of readdirSync('bench')) cpSync(join('bench', f), join(root, f));
cpSync('node_modules/hash-wasm/dist/md5.umd.min.js', join(root, 'md5.umd.min.js'));

// A file of random bytes, written in pieces so memory stays small; its MD5 by Node.
const file = join(root, 'big.bin');
const fd = openSync(file, 'w');
const md5 = createHash('md5');
const piece = Buffer.alloc(1 << 20);
for (let i = 0; i < sizeMB; i++) {
  randomFillSync(piece);
  writeSync(fd, piece); md5.update(piece);
}
closeSync(fd);
const expected = md5.digest('hex');

const server = await serveDir(root);
const url = `${server.url}hash.html`;
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(url);
await page.setInputFiles('#file', file);

// hash-wasm reads one slice after another (FileReaderSync), or, like hashwall, the next slice
// while it hashes this one (`hash-wasm-ahead`): hashwall is compared with both.
const results = { hashwall: [], 'hashwall-portable': [], 'hash-wasm': [], 'hash-wasm-ahead': [], 'hashwall-detect': [] };
for (let i = 0; i < runs; i++) {
  for (const which of Object.keys(results)) {
    const r = await page.evaluate((w) => window.runBench(w), which);
    if (r.hex !== expected) throw new Error(`${which} gave ${r.hex}, expected ${expected}`);
    results[which].push(r);
  }
}
await browser.close();
server.close();
rmSync(root, { recursive: true, force: true });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`MD5 of a ${sizeMB} MB file in headless Chromium, ${runs} runs each, 4 MiB chunks in a Web Worker (all digests verified):`);
for (const [which, rs] of Object.entries(results)) {
  const ms = median(rs.map((r) => r.ms));
  console.log(`  ${which.padEnd(17)} median ${(ms / 1000).toFixed(2)} s  (${(sizeMB / (ms / 1000)).toFixed(0)} MB/s)  runs: ${rs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s  longest main-thread frame gap: ${Math.max(...rs.map((r) => r.longestFrameGap)).toFixed(0)} ms`);
}
for (const other of ['hash-wasm', 'hash-wasm-ahead']) {
  const ratio = median(results[other].map((r) => r.ms)) / median(results.hashwall.map((r) => r.ms));
  console.log(`  hashwall speed relative to ${other}: ${ratio.toFixed(2)}x (above 1 means hashwall is faster)`);
}
const cost = median(results['hashwall-detect'].map((r) => r.ms)) / median(results.hashwall.map((r) => r.ms));
console.log(`  the collision detector over the file costs ${cost.toFixed(2)}x hashwall's plain MD5 (issue 13's aim: under 3x)`);
