// The first page: pick a file with the keyboard only, see the MD5 the wasm computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, tabTo, OUT } from './browser.js';

test('a file picked with the keyboard only shows the MD5 the test computes', async () => {
  const app = await openApp({ path: '#fingerprint' });
  try {
    const body = Buffer.from('hashwall: the censor only looks at the fingerprint.\n'.repeat(1000));
    const expected = createHash('md5').update(body).digest('hex');

    // The page is one of the parts loaded later: wait for it as a person would.
    await app.page.getByRole('heading', { name: 'Fingerprint files' }).waitFor();
    await tabTo(app.page, '#file');
    const [chooser] = await Promise.all([
      app.page.waitForEvent('filechooser'),
      app.page.keyboard.press('Space'),
    ]);
    await chooser.setFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: body });

    await app.page.waitForFunction((m) => document.querySelector('.fingerprints .md5')?.textContent === m, expected);
    await app.page.screenshot({ path: `${OUT}/fingerprint.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('several files side by side: the same-MD5 twins are marked, and the results survive a tab switch and a reload', async () => {
  const app = await openApp({ path: '#fingerprint' });
  const { page } = app;
  const twin = (name) => ({ name, mimeType: 'image/jpeg', buffer: readFileSync(new URL(`../www/samples/${name}`, import.meta.url)) });
  try {
    await page.setInputFiles('#file', [twin('twin-sensitive.jpg'), twin('twin-benign.jpg'), twin('cat.png')]);
    await page.waitForFunction(() => document.querySelectorAll('.fingerprints .md5').length === 3);
    const rows = page.getByRole('row');
    const row = (name) => rows.filter({ hasText: name });
    const md5 = (name) => row(name).locator('.md5').textContent();
    const [a, b, c] = [await md5('twin-sensitive.jpg'), await md5('twin-benign.jpg'), await md5('cat.png')];
    assert.equal(a, createHash('md5').update(twin('twin-sensitive.jpg').buffer).digest('hex'));
    assert.equal(a, b, 'the twins share an MD5');
    assert.notEqual(a, c);
    assert.match(await row('twin-sensitive.jpg').locator('.twins').textContent(), /= #2/);
    assert.match(await row('twin-benign.jpg').locator('.twins').textContent(), /= #1/);
    assert.equal((await row('cat.png').locator('.twins').textContent()).trim(), '');

    await page.getByRole('link', { name: 'Collision lab' }).click();
    await page.getByRole('link', { name: 'Fingerprint files' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.fingerprints .md5').length === 3);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.fingerprints .md5').length === 3);
    assert.match(await row('twin-benign.jpg').locator('.twins').textContent(), /= #1/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('an empty file still has an MD5', async () => {
  const app = await openApp({ path: '#fingerprint' });
  try {
    await app.page.setInputFiles('#file', { name: 'empty.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) });
    await app.page.waitForFunction(() => document.querySelector('.fingerprints .md5')?.textContent === 'd41d8cd98f00b204e9800998ecf8427e');
  } finally {
    await app.close();
  }
});

test('the tabs follow the address: back, forward and an edited hash', async () => {
  const app = await openApp();
  const { page } = app;
  const current = () => page.locator('a.tab[aria-current="page"]').textContent();
  try {
    assert.equal(await current(), 'Two-systems sandbox');
    await page.getByRole('link', { name: 'Collision lab' }).click();
    await page.waitForSelector('#lab-forge');
    await page.goBack();
    await page.waitForSelector('#phone-0');
    assert.equal(await current(), 'Two-systems sandbox');
    await page.goForward();
    await page.waitForSelector('#lab-forge');
    assert.equal(await current(), 'Collision lab');
    await page.evaluate(() => { location.hash = '#fingerprint'; });
    await page.waitForSelector('#file');
    assert.equal(await current(), 'Fingerprint files');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
