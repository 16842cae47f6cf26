// Browser benchmark: a brand-new MD5 collision in headless Chromium with the lab's live mode,
// with one Web Worker and with one per core, racing seeds. Prints the median and spread.
// Usage (after `trunk build --release`): node scripts/bench-collide-browser.mjs [runs=10]
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, extname } from 'node:path';

const runs = Number(process.argv[2] ?? 10);
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
await page.waitForSelector('#live-start');
const cores = await page.evaluate(() => navigator.hardwareConcurrency);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} s, mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} s, min ${s[0].toFixed(2)} s, p90 ${q(0.9).toFixed(2)} s, max ${s[s.length - 1].toFixed(2)} s`;
};
console.log(`New collisions for a 640x480 GIF canvas in headless Chromium (${cores} cores reported), ${runs} runs each:`);
await page.fill('#live-width', '640');
await page.fill('#live-height', '480');
await page.dispatchEvent('#live-width', 'change');
await page.dispatchEvent('#live-height', 'change');
for (const workers of [...new Set([1, cores])]) {
  await page.selectOption('#live-workers', String(workers));
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.click('#live-start');
    await page.waitForFunction(() => /^A new collision/.test(document.querySelector('#live-message')?.textContent ?? ''), null, { timeout: 600_000 });
    const text = await page.locator('#live-message').textContent();
    times.push(Number(/found in ([\d.]+) s/.exec(text)[1]));
  }
  console.log(`  ${workers} worker${workers === 1 ? ' ' : 's'}: ${stats(times)}   runs: ${times.map((t) => t.toFixed(1)).join(' ')}`);
}
await browser.close();
server.close();
