// Browser benchmark: the MD5 kernels alone, with no file to read. The file benchmark
// (bench-hash.mjs) is bounded by Chromium reading the file, so there every reader converges on
// the same time; this one times hashwall's kernel (RustCrypto md-5 in wasm, built as the worker
// is: tools/md5-kernel) against hash-wasm's on the same bytes in the same page, each fed 4 MiB
// chunks that JavaScript copies into the module's memory, as the worker copies file slices.
// Usage: node scripts/bench-md5-kernel.mjs [MB=256] [runs=7]   (builds tools/md5-kernel first)
import { serveDir, launchChromium } from './bench-lib.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mb = Number(process.argv[2] ?? 256);
const runs = Number(process.argv[3] ?? 7);
execFileSync('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown'],
  { cwd: 'tools/md5-kernel', stdio: 'inherit' });
const root = mkdtempSync(join(tmpdir(), 'hashwall-kernel-'));
cpSync('tools/md5-kernel/target/wasm32-unknown-unknown/release/md5_kernel.wasm', join(root, 'kernel.wasm'));
cpSync('node_modules/hash-wasm/dist/md5.umd.min.js', join(root, 'md5.umd.min.js'));
writeFileSync(join(root, 'index.html'), '<!doctype html><script src="md5.umd.min.js"></script>');

// Runs in the page: both kernels over the same random bytes, alternating, every digest checked
// against the other's; returns milliseconds per run for each.
async function race({ mb, runs }) {
  const CHUNK = 4 << 20;
  const total = mb << 20;
  const data = new Uint8Array(total);
  for (let i = 0; i < total; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
  const { instance } = await WebAssembly.instantiateStreaming(fetch('kernel.wasm'));
  const k = instance.exports;
  const hw = await hashwasm.createMD5();
  const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const kernels = {
    hashwall: () => {
      k.init();
      for (let at = 0; at < total; at += CHUNK) {
        const n = Math.min(CHUNK, total - at);
        const to = k.buffer(n); // may grow the memory: take its buffer afterwards
        new Uint8Array(k.memory.buffer, to, n).set(data.subarray(at, at + n));
        k.update(n);
      }
      const digest = k.finish();
      return hex(new Uint8Array(k.memory.buffer, digest, 16));
    },
    'hash-wasm': () => {
      hw.init();
      for (let at = 0; at < total; at += CHUNK) hw.update(data.subarray(at, at + CHUNK));
      return hw.digest('hex');
    },
  };
  const times = { hashwall: [], 'hash-wasm': [] };
  for (let r = 0; r < runs; r++) {
    const digests = [];
    for (const [name, run] of Object.entries(kernels)) {
      const t0 = performance.now();
      digests.push(run());
      times[name].push(performance.now() - t0);
    }
    if (digests[0] !== digests[1]) throw new Error(`digests differ: ${digests.join(' ')}`);
  }
  return times;
}

const server = await serveDir(root);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(server.url);
const times = await page.evaluate(race, { mb, runs });
const version = browser.version();
await browser.close();
server.close();
rmSync(root, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`MD5 kernels over ${mb} MB in memory, headless Chromium ${version}, ${runs} runs each, alternating (digests agree):`);
for (const [name, ms] of Object.entries(times)) {
  console.log(`  ${name.padEnd(10)} median ${median(ms).toFixed(0)} ms  (${(mb * 1.048576 / (median(ms) / 1000)).toFixed(0)} MB/s)  runs: ${ms.map((t) => t.toFixed(0)).join(', ')} ms`);
}
console.log(`  hashwall speed relative to hash-wasm: ${(median(times['hash-wasm']) / median(times.hashwall)).toFixed(2)}x (above 1 means hashwall is faster)`);
