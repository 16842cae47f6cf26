// Browser benchmark: a brand-new MD5 collision in headless Chromium with the lab's live mode,
// with one Web Worker and with one per core, racing seeds, for each build of the worker: the
// portable one (forced with the page address's `simd=off`) and the SIMD one. Prints the median
// and spread. Run k uses seed 5000 + 2k (worker i adds i), so every mode, both builds and every
// rerun search the same seeds: the figures compare like with like despite the heavy-tailed
// search time. Usage (after `trunk build --release`):
//   node scripts/bench-collide-browser.mjs [runs=10] [builds=portable,simd]
import { serveDir, launchChromium } from './bench-lib.mjs';

const runs = Number(process.argv[2] ?? 10);
const builds = (process.argv[3] ?? 'portable,simd').split(',');
const server = await serveDir('dist');
const browser = await launchChromium();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} s, mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} s, min ${s[0].toFixed(2)} s, p90 ${q(0.9).toFixed(2)} s, max ${s[s.length - 1].toFixed(2)} s`;
};
for (const build of builds) {
const page = await browser.newPage();
// Which worker wasm the page's workers fetched, to report the build that really ran.
const fetched = new Set();
page.on('request', (r) => { const m = /(worker(?:_simd)?_bg\.wasm)/.exec(r.url()); if (m) fetched.add(m[1]); });
await page.goto(`${server.url}${build === 'portable' ? '?simd=off' : ''}#lab`);
await page.waitForSelector('#live-start');
// The lab opens on JPEG twins (whose search has no canvas size); this benchmark is the GIF one.
await page.selectOption('#lab-format', 'gif');
const cores = await page.evaluate(() => navigator.hardwareConcurrency);
console.log(`New collisions for a 640x480 GIF canvas in headless Chromium (${cores} cores reported), ${runs} runs each, ${build} worker build:`);
await page.fill('#live-width', '640');
await page.fill('#live-height', '480');
await page.dispatchEvent('#live-width', 'change');
await page.dispatchEvent('#live-height', 'change');
for (const workers of [...new Set([1, cores])]) {
  await page.selectOption('#live-workers', String(workers));
  const times = [];
  const winners = [];
  for (let i = 0; i < runs; i++) {
    await page.fill('#live-seed', String(5000 + 2 * i));
    await page.dispatchEvent('#live-seed', 'change');
    await page.click('#live-start');
    await page.waitForFunction(() => /^A new collision/.test(document.querySelector('#live-message')?.textContent ?? ''), null, { timeout: 600_000 });
    const text = await page.locator('#live-message').textContent();
    if (!text.includes('for 640×480')) throw new Error(`searched the wrong canvas: ${text}`);
    times.push(Number(/found in ([\d.]+) s/.exec(text)[1]));
    winners.push(/seed (\d+)/.exec(text)[1]); if (process.env.DEBUG) console.log(text);
  }
  console.log(`  ${workers} worker${workers === 1 ? ' ' : 's'}: ${stats(times)}   runs: ${times.map((t) => t.toFixed(1)).join(' ')}`);
  console.log(`    winning seeds: ${winners.join(' ')}`);
}
console.log(`    worker wasm fetched: ${[...fetched].join(', ')}`);
const want = build === 'portable' ? 'worker_bg.wasm' : 'worker_simd_bg.wasm';
if (fetched.size !== 1 || !fetched.has(want)) throw new Error(`expected only ${want} for the ${build} build`);
await page.close();
}
await browser.close();
server.close();
