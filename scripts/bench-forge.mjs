// Browser benchmark: forging a same-MD5 pair from two 12-megapixel JPEG photos in the lab,
// in headless Chromium (target: under 1 s). Times the whole click-to-verified-result path
// and the worker's own time. Usage (after `trunk build --release`):
//   node scripts/bench-forge.mjs [runs=5]
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const photos = mkdtempSync(join(tmpdir(), 'hashwall-photos-'));
execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'forge', '--', '--write-photos', photos], { stdio: 'inherit' });
const [a, b] = ['photo-a.jpg', 'photo-b.jpg'].map((n) => join(photos, n));

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  try {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const body = readFileSync(join('dist', path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/#lab`);
await page.waitForSelector('#lab-forge');
await page.setInputFiles('#lab-a-file', a);
await page.setInputFiles('#lab-b-file', b);
await page.selectOption('#lab-canvas', '640x480');

const wall = [];
const worker = [];
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
  if (i === 0) { console.log(`warm-up run (worker start-up and wasm compile included): ${t.ms.toFixed(0)} ms`); continue; }
  wall.push(t.ms); worker.push(workerMs);
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((p, q) => p - q); return s[Math.floor(s.length / 2)]; };
console.log(`Forging a 640x480 same-MD5 pair from two 12-megapixel JPEGs in headless Chromium (${runs} runs):`);
console.log(`  click to verified result: median ${median(wall).toFixed(0)} ms  (runs: ${wall.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`  inside the worker (read, decode, fit, quantise, LZW, layout, verify): median ${median(worker).toFixed(0)} ms`);
console.log(`  target: under 1000 ms`);
