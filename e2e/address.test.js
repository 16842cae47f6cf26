// The address and presenter mode: every URL parameter chooses what it names, the app writes
// back what it shows (so a copied link reopens it), bad values fall back with no error, and
// in presenter mode a clicker's keys walk the guided replication.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, OUT } from './browser.js';

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);
const current = (page) => page.locator('a.tab[aria-current="page"]').textContent();

test('scenario, theme and presenter come from the address and are written back', async () => {
  const app = await openApp({ path: '?scenario=lab&theme=dark&presenter=1' });
  const { page } = app;
  try {
    assert.equal(await current(page), 'Collision lab');
    const root = (name) => page.evaluate((n) => document.documentElement.getAttribute(n), name);
    assert.equal(await root('data-theme'), 'dark');
    assert.equal(await root('data-presenter'), '');
    assert.equal(await page.getByRole('button', { name: 'Presenter mode' }).getAttribute('aria-pressed'), 'true');
    // Presenter mode is larger type.
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(size >= 20, `body font ${size}px`);
    // Changing the theme and leaving presenter mode are written back in place.
    await page.getByLabel('Theme').selectOption('light');
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.waitForFunction(() => !location.search.includes('presenter'));
    assert.deepEqual(params(page), { scenario: 'lab', theme: 'light' });
    assert.equal(await root('data-theme'), 'light');
    assert.equal(await root('data-presenter'), null);
    // Each scenario by its address, and a tab click pushes a history entry.
    for (const [scenario, name] of [['sandbox', 'Two-systems sandbox'], ['replication', 'Guided replication'],
      ['fingerprint', 'Fingerprint files'], ['sources', 'Sources'], ['lab', 'Collision lab']]) {
      await page.goto(new URL(`?scenario=${scenario}`, page.url()).href);
      await page.waitForSelector('#main');
      assert.equal(await current(page), name, scenario);
      assert.equal(params(page).scenario, scenario);
    }
    await page.getByRole('link', { name: 'Fingerprint files' }).click();
    assert.equal(params(page).scenario, 'fingerprint');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('a.tab[aria-current="page"]')?.textContent === 'Collision lab');
    // The old-style links still work, and are rewritten.
    await page.evaluate(() => { location.hash = '#sources/S5'; });
    await page.waitForFunction(() => location.search.includes('scenario=sources'));
    assert.deepEqual(params(page), { scenario: 'sources', entry: 'S5' });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('bad values fall back quietly, with no error', async () => {
  const app = await openApp({ path: '?scenario=nowhere&step=99&lang=xx&theme=plaid&presenter=maybe&embed=7' });
  const { page } = app;
  try {
    assert.equal(await current(page), 'Two-systems sandbox');
    assert.deepEqual(params(page), { scenario: 'sandbox' });
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), null);
    assert.equal(await page.locator('[role="alert"]').count(), 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a link to step 3 of the replication opens there, and a copied link reopens it', async () => {
  const app = await openApp({ path: '?scenario=replication&step=3&lang=en' });
  const { page, context } = app;
  try {
    await page.locator('#step-counter', { hasText: 'Step 3 of 4' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Let the hidden analysis run' }).waitFor();
    assert.deepEqual(params(page), { scenario: 'replication', step: '3', lang: 'en' });
    // The address follows the steps.
    await page.getByRole('button', { name: 'Let the hidden analysis run' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('step') === '4');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('step') === '3');
    // "Copy link to this step" copies the address shown.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link to this step' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url());
    // A reload (or the copied link) shows the same step.
    await page.goto(copied);
    await page.locator('#step-counter', { hasText: 'Step 3 of 4' }).waitFor({ timeout: 60_000 });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('presenter mode: PageDown, Space and the arrows walk a trial; keys in fields stay theirs', async () => {
  const app = await openApp({ path: '?scenario=replication&presenter=1' });
  const { page } = app;
  const counter = () => page.locator('#step-counter').textContent();
  try {
    await page.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).check();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown'); // starts the first trial
    await page.locator('#step-counter', { hasText: 'Step 1 of 4' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Send the control file' }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    await page.locator('#step-counter', { hasText: 'Step 2 of 4' }).waitFor();
    await page.keyboard.press(' ');
    await page.locator('#step-counter', { hasText: 'Step 3 of 4' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('#step-counter', { hasText: 'Step 4 of 4' }).waitFor();
    await page.keyboard.press('PageUp');
    await page.locator('#step-counter', { hasText: 'Step 3 of 4' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.locator('#step-counter', { hasText: 'Step 2 of 4' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await page.locator('#step-counter', { hasText: 'Result' }).waitFor();
    assert.match(await page.locator('#narration').textContent(), /dropped for Wang Fang/);
    await page.screenshot({ path: `${OUT}/presenter-1280.png`, fullPage: false });
    // In the variant select, the arrows are the select's.
    await page.locator('#replication-variant').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await counter(), 'Result');
    // Without presenter mode the keys do nothing.
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageUp');
    assert.equal(await counter(), 'Result');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('the share panel gives a link and an embed snippet that frames this view', async () => {
  const app = await openApp({ path: '?scenario=lab&theme=dark' });
  const { page } = app;
  try {
    await page.getByText('Share or embed').click();
    const link = await page.getByLabel('Link to this view').inputValue();
    assert.equal(link, page.url());
    const snippet = await page.getByLabel(/Embed in an article/).inputValue();
    const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.deepEqual(Object.fromEntries(new URL(src).searchParams), { scenario: 'lab', theme: 'dark', embed: '1' });
    assert.match(snippet, /<iframe id="hashwall" title="[^"]+"/);
    assert.match(snippet, /datawrapper-height/);
    // The snippet works: framed in a page, the app is embedded and fits.
    // An article page of its own, served by the test, with the snippet pasted in.
    const host = new URL('snippet-host.html', page.url()).href;
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>An article</title><body style="margin:0">${snippet}</body>`,
    }));
    await page.goto(host);
    const frame = page.frameLocator('#hashwall');
    await frame.getByRole('link', { name: 'Open the full app' }).waitFor();
    await page.waitForFunction(() => document.getElementById('hashwall').style.height !== '640px');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
