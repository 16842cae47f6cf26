// First load: what a reader's browser fetches before anyone touches the app, and how soon the
// app answers. Serves dist/ gzip-compressed (as a static host would), opens each address in a
// fresh headless Chromium profile (a cold cache), and reports:
// - bytes: the compressed bytes of every response until the network is quiet, per file;
// - interactive: from navigation start until the page's main heading is rendered and a click
//   on a control is handled (the theme select, whose change the app writes to the address).
// Median and max over RUNS cold loads. Usage: node scripts/bench-first-load.mjs [RUNS]
import { serveDir, launchChromium } from './bench-lib.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const ADDRESSES = [
  '?scenario=replication&embed=1',
  '?scenario=sandbox&embed=1',
  '?scenario=sandbox',
  '?scenario=lab',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

const server = await serveDir('dist', { gzip: true });
const browser = await launchChromium();
try {
  for (const address of ADDRESSES) {
    const totals = [];
    const ready = [];
    let files = null;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      const responses = [];
      page.on('requestfinished', (request) => responses.push(request));
      await page.goto(new URL(address, server.url).href);
      await page.waitForSelector('#main h2');
      // Interactive: a change of a control is handled and its effect shown.
      const hasTheme = await page.locator('#theme').count();
      if (hasTheme) {
        await page.selectOption('#theme', 'dark');
        await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
      }
      const interactive = await page.evaluate(() => performance.now());
      ready.push(interactive);
      await page.waitForLoadState('networkidle');
      const sized = await Promise.all(responses.map(async (r) => {
        const sizes = await r.sizes();
        return { url: new URL(r.url()).pathname, bytes: sizes.responseBodySize + sizes.responseHeadersSize };
      }));
      totals.push(sized.reduce((sum, f) => sum + f.bytes, 0));
      files ??= sized;
      await context.close();
    }
    console.log(`\n${address}`);
    console.log(`  first load: ${kb(median(totals))} compressed (median of ${RUNS}; max ${kb(Math.max(...totals))}), ${files.length} files`);
    console.log(`  interactive: median ${median(ready).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms`);
    for (const f of [...files].sort((a, b) => b.bytes - a.bytes)) console.log(`    ${kb(f.bytes).padStart(9)}  ${f.url}`);
  }
} finally {
  await browser.close();
  server.close();
}
