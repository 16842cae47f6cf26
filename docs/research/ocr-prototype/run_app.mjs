// Prototype worker (bench/ocr-worker.js): end-to-end timing incl. image decode, downscale, greyscale, N engines.
import { launch, BASE, truth, kw } from './drv_common.mjs';
import fs from 'node:fs';
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
const { browser, page, log, reqs } = await launch();
await page.goto(`${BASE}/bench/app.html`);
await page.waitForFunction(() => window.appReady);
const out = { started: new Date().toISOString(), setups: [] };
const SETUPS = {
  'chi_sim+chi_tra (Debian fast)': ['/data/debian/chi_sim.traineddata', '/data/debian/chi_tra.traineddata'],
  'chi_sim+chi_tra (no dict)': ['/data/stripped/chi_sim.traineddata', '/data/stripped/chi_tra.traineddata'],
  'chi_sim+chi_tra+eng (no dict)': ['/data/stripped/chi_sim.traineddata', '/data/stripped/chi_tra.traineddata', '/data/stripped/eng.traineddata'],
};
for (const [name, models] of Object.entries(SETUPS)) {
  const inits = [];
  for (let i = 0; i < 5; i++) { inits.push(await page.evaluate((m) => appInit(m), models)); if (i < 4) await page.evaluate(() => appStop()); }
  const s = { name, models, init: inits, benches: [] };
  for (const scale of [0, 1000]) for (const img of ['sim', 'tra', 'eng', 'mixed', 'photo', 'small', 'camo']) {
    const r = await page.evaluate(([u, m]) => appBench(u, m, 10), [`/img/${img}.png`, scale]);
    const union = r.results.map((x) => x.text).join(' || ');
    const rec = { img, scale: scale || 'full', ...r, kw: kw(truth[img], union), loadavg: load() };
    s.benches.push(rec);
    console.log(`${name} ${scale || 'full'} ${img} e2e${Math.round(r.endToEndMs)} ocr${Math.round(r.ocrMs)} kw${rec.kw.hits}/${rec.kw.of} :: ${union}`);
  }
  await page.evaluate(() => appStop());
  out.setups.push(s);
  console.log('INIT', name, JSON.stringify(inits.map((x) => Math.round(x.totalMs))));
}
out.violations = await page.evaluate(() => appInfo().violations);
out.requests = [...new Set(reqs)]; out.log = [...new Set(log)].filter((l) => !/Estimating resolution/.test(l));
out.finished = new Date().toISOString();
fs.writeFileSync('results/app.json', JSON.stringify(out, null, 1));
await browser.close();
