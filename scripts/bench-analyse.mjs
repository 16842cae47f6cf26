// Browser benchmark: the worker's analysis of a picture (what the sandbox's hidden pipeline and
// the console run on every file: MD5 and the collision detector, decoding, the edge-map
// signature of the fitted visual matcher and PDQ's), timed inside the page from the request to
// the answer, for both worker builds in one run: the portable one and the SIMD one (compiled
// with `simd128`, where the compiler turns the matchers' loops into vector instructions).
// Pictures: a 640x480 tray drawing (PNG), a tray photo (JPEG) and a generated 12-megapixel
// photo (JPEG). Usage (after `trunk build --release`): node scripts/bench-analyse.mjs [runs=7]
import { serveDir, launchChromium } from './bench-lib.mjs';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 7);
const photos = mkdtempSync(join(tmpdir(), 'hashwall-photos-'));
execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'forge', '--', '--write-photos', photos], { stdio: 'inherit' });
const pictures = [
  ['www/samples/protest-leaflet.png', 'image/png'],
  ['www/samples/mountain-lake.jpg', 'image/jpeg'],
  [join(photos, 'photo-a.jpg'), 'image/jpeg'],
];
const root = mkdtempSync(join(tmpdir(), 'hashwall-bench-'));
cpSync('dist', root, { recursive: true });
for (const f of readdirSync('bench')) cpSync(join('bench', f), join(root, f));

// Runs in the page: one worker per build, kept for every run (so that V8's optimised code is
// measured after the first), the builds alternating; returns ms per run per build.
async function measure({ runs, mime }) {
  const file = document.getElementById('file').files[0];
  const start = (url) => new Promise((resolve) => {
    const w = new Worker(url);
    w.onmessage = (e) => { if (e.data.json === '"Ready"') resolve(w); };
  });
  const builds = { portable: await start('./worker-start.js?simd=off'), simd: await start('./worker-start.js') };
  const times = { portable: [], simd: [] };
  let id = 0;
  for (let r = 0; r <= runs; r++) {
    for (const [name, worker] of Object.entries(builds)) {
      id += 1;
      const t0 = performance.now();
      const reply = await new Promise((resolve, reject) => {
        worker.onmessage = (e) => {
          const done = JSON.parse(e.data.json).Done;
          if (done?.id === id) done.reply.Analysed ? resolve(done.reply.Analysed) : reject(new Error(e.data.json));
        };
        worker.postMessage({ json: JSON.stringify({ id, request: { Analyse: { name: file.name, mime } } }), files: [file] });
      });
      if (!reply.facts.picture?.signature || !reply.facts.picture?.pdq) throw new Error(`${name}: no signatures in ${JSON.stringify(reply.facts).slice(0, 300)}`);
      if (r > 0) times[name].push(performance.now() - t0);
    }
  }
  Object.values(builds).forEach((w) => w.terminate());
  return times;
}

const server = await serveDir(root);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}hash.html`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`The worker's analysis of a picture, headless Chromium ${browser.version()}, ${runs} warm runs per build (after one):`);
for (const [path, mime] of pictures) {
  await page.setInputFiles('#file', path);
  const t = await page.evaluate(measure, { runs, mime });
  const [p, s] = [median(t.portable), median(t.simd)];
  console.log(`  ${path.split('/').pop().padEnd(20)} portable median ${p.toFixed(0)} ms, SIMD ${s.toFixed(0)} ms: ${(p / s).toFixed(2)}x`);
}
await browser.close();
server.close();
rmSync(root, { recursive: true, force: true });
rmSync(photos, { recursive: true, force: true });
