// Two languages: `lang=` chooses, the menu switches at any time without losing what is on
// screen (even a half-typed message), the choice is remembered, the page's `lang` attribute
// follows, the Chinese catalogue is fetched once from the app's own origin, and no page shows
// an English sentence left untranslated. Screenshots of every mode in both languages at 1280
// and 375 px are written for a person to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, OUT, BASE_URL } from './browser.js';

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const currentTab = (page) => page.locator('a.tab[aria-current="page"]').textContent();

/** Runs of three or more English words in what the page shows, outside code, digests, file
 * names, titles of works and the user's own content: text a translation missed. */
async function untranslated(page) {
  return page.evaluate(() => {
    const skip = 'code, pre, .digest, .mono, .hex-table, textarea, input, select, option, ' +
      '[lang="en"], [translate="no"], .bubble-text, .file-name, script, style';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const runs = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(skip) || el.closest('[hidden]') || !el.getClientRects().length) continue;
      // Titles of works (《We Chat, They Watch》) keep their own language.
      const text = node.textContent.replace(/《[^》]*》/g, '');
      for (const m of text.matchAll(/\b[A-Za-z][a-z']+(?:[ ,-]+[A-Za-z][a-z']+){2,}/g)) runs.push(m[0]);
    }
    return runs;
  });
}

test('lang= chooses, the menu switches without losing state, and the choice is remembered', async () => {
  const app = await openApp({ path: '?scenario=sandbox' });
  const { page } = app;
  try {
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await currentTab(page), 'Two-systems sandbox');
    // Something only the screen holds: a message typed but not sent.
    const draft = page.locator('#phone-0 .compose-text').first();
    await draft.fill('半句话 half a sentence');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(await currentTab(page), '两套系统沙盒');
    assert.equal(params(page).lang, 'zh-CN');
    assert.equal(await draft.inputValue(), '半句话 half a sentence', 'the draft survives the switch');
    // The Chinese text was fetched once, from the app's own origin; nothing left it.
    const catalogue = app.requests.filter((u) => u.includes('locales/zh-CN.json'));
    assert.equal(catalogue.length, 1, catalogue.join('\n'));
    const origin = new URL(BASE_URL).origin;
    assert.deepEqual(app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    // Back to English and to Chinese again: no second fetch.
    await page.getByLabel('语言').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await currentTab(page), 'Two-systems sandbox');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(app.requests.filter((u) => u.includes('locales/zh-CN.json')).length, 1);
    // Remembered: the next visit with no lang= opens in Chinese; lang= wins over the memory.
    await page.goto(new URL('?scenario=lab', BASE_URL).href);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.equal(await currentTab(page), '碰撞实验室');
    await page.goto(new URL('?scenario=lab&lang=en', BASE_URL).href);
    await page.waitForFunction(() => document.querySelector('a.tab[aria-current="page"]')?.textContent === 'Collision lab');
    assert.equal(await htmlLang(page), 'en');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

const PAGES = ['sandbox', 'replication', 'lab', 'fingerprint', 'sources'];
const MODES = [['page', ''], ['presenter', '&presenter=1'], ['embed', '&embed=1']];

test('every page and mode in Chinese: nothing left in English, screenshots at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const app = await openApp({ width, path: '?scenario=sandbox&lang=zh-CN' });
    const { page } = app;
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      for (const scenario of PAGES) {
        for (const [mode, extra] of MODES) {
          if (scenario === 'sources' && mode !== 'page') continue;
          for (const lang of ['zh-CN', 'en']) {
            await page.goto(new URL(`?scenario=${scenario}&lang=${lang}${extra}`, BASE_URL).href);
            await page.waitForFunction((l) => document.documentElement.lang === l, lang);
            if (scenario === 'sources') await page.waitForSelector('.source-entry, .sources-section, #main h2');
            await page.waitForTimeout(150);
            await page.screenshot({ path: `${OUT}/lang-${lang}-${scenario}-${mode}-${width}.png`, fullPage: mode !== 'embed' });
            if (lang === 'zh-CN' && scenario !== 'sources') {
              const runs = await untranslated(page);
              assert.deepEqual(runs, [], `${scenario} ${mode} at ${width} px shows English`);
            }
          }
        }
      }
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  }
});
