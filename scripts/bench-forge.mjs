// Browser benchmark: forging a same-MD5 pair from two 12-megapixel JPEG photos in the lab,
// in headless Chromium (target: under 1 s), as JPEG twins and as 640x480 GIFs, in one run.
// Times the whole click-to-verified-result path and the worker's own time. Usage (after
// `trunk build --release`):
//   node scripts/bench-forge.mjs [runs=5]          FORMATS=jpeg,gif by default
import { serveDir, launchChromium } from './bench-lib.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const photos = mkdtempSync(join(tmpdir(), 'hashwall-photos-'));
execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'forge', '--', '--write-photos', photos], { stdio: 'inherit' });
const [a, b] = ['photo-a.jpg', 'photo-b.jpg'].map((n) => join(photos, n));

const server = await serveDir('dist');
const browser = await launchChromium();
const page = await browser.newPage();
// QUERY="?simd=off" measures the portable worker build.
await page.goto(`${server.url}${process.env.QUERY ?? ""}#lab`);
await page.waitForSelector('#lab-forge');
await page.setInputFiles('#lab-a-file', a);
await page.setInputFiles('#lab-b-file', b);
const median = (xs) => { const s = [...xs].sort((p, q) => p - q); return s[Math.floor(s.length / 2)]; };

for (const format of (process.env.FORMATS ?? 'jpeg,gif').split(',')) {
await page.selectOption('#lab-format', format);
if (format === 'gif') await page.selectOption('#lab-canvas', '640x480');
const wall = [];
const worker = [];
let last = '';
for (let i = 0; i < runs + 1; i++) {
  const t = await page.evaluate(async () => {
    const start = performance.now();
    document.querySelector('#lab-forge').click();
    // Wait for a new verdict (the previous result is replaced by "Forging…" first).
    await new Promise((resolve) => {
      const poll = () => {
        const v = document.querySelector('.verdict');
        const busy = document.querySelector('#lab-status');
        if (v && !busy) resolve(); else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    const text = document.querySelector('.verdict').textContent;
    return { ms: performance.now() - start, text };
  });
  const workerMs = Number(/in (\d+) ms in a Web Worker/.exec(t.text)?.[1]);
  last = t.text;
  if (i === 0) { console.log(`${format}: warm-up run (worker start-up and wasm compile included): ${t.ms.toFixed(0)} ms`); continue; }
  wall.push(t.ms); worker.push(workerMs);
}
const what = format === 'gif' ? 'a 640x480 GIF pair' : 'a JPEG pair';
console.log(`Forging ${what} with one MD5 from two 12-megapixel JPEGs in headless Chromium (${runs} runs):`);
console.log(`  click to verified result: median ${median(wall).toFixed(0)} ms  (runs: ${wall.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`  inside the worker (read, decode, fit, encode, lay out, verify): median ${median(worker).toFixed(0)} ms`);
console.log(`  target: under 1000 ms. Last result: ${last.replace(/^.*?bytes\. /, '')}`);
}
await browser.close();
server.close();
