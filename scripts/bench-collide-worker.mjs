// Browser benchmark of the collision search alone, in hashwall's worker, for both of its builds
// (portable and SIMD): the same seeds on a 640x480 canvas, one search at a time, with one more
// worker of the same build kept alive so that every search after the first runs V8's optimised
// code (as in the lab, whose forging worker stays up). Reports the worker's own time per search,
// the SIMD build's speed-up on each seed, and how much CPU a search burns after `terminate()`
// (the search pauses every 100 ms so that it stops at once; Chromium would otherwise let a busy
// worker run on for 2 s).
// Usage (after `trunk build --release`): node scripts/bench-collide-worker.mjs [searches=20]
import { serveDir, launchChromium } from './bench-lib.mjs';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const searches = Number(process.argv[2] ?? 20);
const root = mkdtempSync(join(tmpdir(), 'hashwall-bench-'));
cpSync('dist', root, { recursive: true });
for (const f of readdirSync('bench')) cpSync(join('bench', f), join(root, f));

/** CPU seconds used so far by every Chromium process (Linux /proc). */
function chromiumCpu() {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch { /* the process ended meanwhile */ }
  }
  return ticks / 100;
}

const server = await serveDir(root);
const browser = await launchChromium();
const stats = (xs, unit = ' ms', digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const f = (x) => `${x.toFixed(digits)}${unit}`;
  return `median ${f(q(0.5))}, mean ${f(s.reduce((a, b) => a + b, 0) / s.length)}, p90 ${f(q(0.9))}`;
};
const seeds = Array.from({ length: searches }, (_, k) => 5000 + k);
const times = {};
console.log(`The collision search in hashwall's worker, headless Chromium, 640x480, seeds ${seeds[0]}..${seeds.at(-1)}, one at a time:`);
for (const build of ['portable', 'simd']) {
  const page = await browser.newPage();
  await page.goto(`${server.url}collide.html`);
  await page.evaluate((b) => window.keep(b), build);
  const results = [];
  for (const seed of seeds) results.push((await page.evaluate(([b, s]) => window.race(b, [s]), [build, seed]))[0]);
  times[build] = results.map((r) => r.workerMs);
  console.log(`  ${build.padEnd(8)} first search (cold code) ${results[0].workerMs.toFixed(0)} ms; the rest: ${stats(times[build].slice(1))}`);
  await page.evaluate((b) => window.startAndTerminate(b, 5004, 300), build);
  const before = chromiumCpu();
  await new Promise((r) => setTimeout(r, 1000));
  console.log(`           CPU burnt in the second after terminating a search: ${(chromiumCpu() - before).toFixed(2)} s`);
  await page.close();
}
const ratios = seeds.slice(1).map((_, i) => times.portable[i + 1] / times.simd[i + 1]);
console.log(`  SIMD build's speed-up, seed by seed (warm): ${stats(ratios, 'x', 2)}`);
await browser.close();
server.close();
rmSync(root, { recursive: true, force: true });
