// Browser benchmark: the evasion lab in headless Chromium (issue 11, F7). Each run picks one
// of the tray's pictures (640x480 drawings) or a 1200x830 photo-like poster the page draws, and
// times the whole grid: 29 variants made and judged by MD5, the fitted matcher and PDQ in the
// main worker, and read by the OCR worker. While it runs, a timer in the page measures how
// late the main thread answers (the longest gap between 16 ms ticks): the page must stay
// responsive. The first run also pays for loading the lab's wasm and the workers; it is
// reported apart. Usage (after `trunk build --release`):  node scripts/bench-evasion.mjs [runs=8]
import { serveDir, launchChromium } from './bench-lib.mjs';
import { readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 8);
const tray = ['protest-leaflet.png', 'tank-column.png', 'candle-vigil.png', 'empty-chair.png', 'cat.png', 'flowers.png'];
const server = await serveDir('dist');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}?scenario=evasion`);
await page.getByRole('heading', { name: 'Evasion lab' }).waitFor();

/** A 1200x830 poster with text on a busy background, as PNG bytes. */
async function poster(seed) {
  return page.evaluate(async (seed) => {
    let s = seed;
    const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const canvas = new OffscreenCanvas(1200, 830);
    const c = canvas.getContext('2d');
    for (let i = 0; i < 50; i++) {
      c.fillStyle = `hsl(${random() * 360} 60% 65%)`;
      c.beginPath(); c.arc(random() * 1200, random() * 830, 40 + random() * 160, 0, 7); c.fill();
    }
    c.fillStyle = '#111'; c.font = '90px "Noto Sans CJK SC", sans-serif';
    c.fillText('纪念六四 1989', 120, 300); c.fillText('学生民主运动', 120, 450);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, seed);
}

const times = [];
const gaps = [];
for (let run = 0; run <= runs; run++) {
  const big = run % 2 === 1;
  const name = big ? `poster-${run}.png` : tray[(run / 2 | 0) % tray.length];
  const buffer = big ? Buffer.from(await poster(run)) : readFileSync(new URL(`../www/samples/${name}`, import.meta.url));
  await page.evaluate(() => {
    window.gap = 0;
    let last = performance.now();
    window.ticker = setInterval(() => { const now = performance.now(); window.gap = Math.max(window.gap, now - last - 16); last = now; }, 16);
  });
  const t0 = Date.now();
  await page.getByLabel('Choose a picture…').setInputFiles({ name, mimeType: 'image/png', buffer });
  await page.getByText('All 29 variants checked.').waitFor({ timeout: 300_000 });
  const ms = Date.now() - t0;
  const gap = await page.evaluate(() => { clearInterval(window.ticker); return window.gap; });
  console.log(`${run === 0 ? 'first (loads the workers)' : `run ${run}`}: ${name} ${big ? '1200x830' : '640x480'}: ${ms} ms, longest main-thread delay ${gap.toFixed(0)} ms`);
  if (run > 0) { times.push({ ms, big }); gaps.push(gap); }
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `min ${s[0]} / median ${s[Math.floor((s.length - 1) / 2)]} / mean ${mean.toFixed(0)} / max ${s[s.length - 1]} ms`;
};
console.log(`grid of 29, 640x480: ${stats(times.filter((t) => !t.big).map((t) => t.ms))}`);
console.log(`grid of 29, 1200x830: ${stats(times.filter((t) => t.big).map((t) => t.ms))}`);
console.log(`longest main-thread delay over all runs: ${Math.max(...gaps).toFixed(0)} ms`);
await browser.close();
server.close();
