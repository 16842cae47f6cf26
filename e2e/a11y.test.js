// The accessibility audit: axe-core (npm) on every page of the app, in each mode (full page,
// presenter, embedded), in both themes, in English and Chinese, at 1280 and 375 px: no
// violation of WCAG 2.2 A or AA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, OUT, pickSamples } from './browser.js';

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ZH = JSON.parse(readFileSync(new URL('../www/locales/zh-CN.json', import.meta.url), 'utf8'));
// The few names the audit clicks or waits for, in each language.
const NAMES = {
  en: { behind: 'Behind the scenes', forge: 'Make the same-MD5 pair', step2: 'Step 2 of 4' },
  'zh-CN': {
    behind: ZH['sandbox.page.behind'],
    forge: ZH['lab.forge'],
    step2: ZH['replication.trial.counter_step'].replace('%{n}', '2'),
  },
};

// Each page, in a state that shows what it has: the replication two steps in, with results.
const PAGES = ['sandbox', 'replication&step=2', 'lab', 'fingerprint', 'sources'];
const MODES = { page: '', presenter: '&presenter=1', embed: '&embed=1' };

/** axe's violations on the page as it is now, one line each. */
async function violations(page) {
  // From the top of the page: the sandbox's sticky toolbar covers whatever scrolls under it,
  // which axe would count against the covered buttons' size.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Evaluated by the browser's debugger, so the page's Content-Security-Policy does not apply.
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const width of [1280, 375]) {
  for (const theme of ['light', 'dark']) {
    for (const lang of ['en', 'zh-CN']) {
      const names = NAMES[lang];
      test(`axe at ${width} px, ${theme}, ${lang}: every page in every mode`, async () => {
        const app = await openApp({ width, height: 900, colorScheme: theme });
        const { page } = app;
        const found = [];
        try {
          for (const scenario of PAGES) {
            for (const [mode, query] of Object.entries(MODES)) {
              await page.goto(new URL(`?scenario=${scenario}&theme=${theme}&lang=${lang}${query}`, page.url()).href);
              await page.waitForSelector('#main h2');
              await page.waitForFunction((l) => document.documentElement.lang === l, lang);
              if (scenario.startsWith('replication')) {
                await page.locator('#step-counter', { hasText: names.step2 }).waitFor({ timeout: 60_000 });
              }
              for (const v of await violations(page)) found.push(`${scenario} ${mode}: ${v}`);
              // And what opens on them: the server's timeline and the censor's console, a forged pair.
              if (mode === 'page' && scenario === 'sandbox') {
                await page.getByRole('button', { name: names.behind }).click();
                await page.waitForSelector('#backstage');
                for (const v of await violations(page)) found.push(`${scenario} behind the scenes: ${v}`);
              }
              if (mode === 'page' && scenario === 'lab') {
                await pickSamples(page, 'tank-column', 'cat');
                await page.getByRole('button', { name: names.forge }).click();
                await page.waitForSelector('#lab-result', { timeout: 60_000 });
                for (const v of await violations(page)) found.push(`${scenario} with a pair: ${v}`);
              }
              if (width === 375 && mode !== 'embed') {
                await page.screenshot({ path: `${OUT}/a11y-${scenario.split('&')[0]}-${mode}-${theme}-${lang}-${width}.png` });
              }
            }
          }
          assert.deepEqual(found, []);
          assert.deepEqual(app.problems, []);
        } finally {
          await app.close();
        }
      });
    }
  }
}
