// The first page: pick a file with the keyboard only, see the MD5 the wasm computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openApp, tabTo, OUT } from './browser.js';

test('a file picked with the keyboard only shows the MD5 the test computes', async () => {
  const app = await openApp({ path: '#fingerprint' });
  try {
    const body = Buffer.from('hashwall: the censor only looks at the fingerprint.\n'.repeat(1000));
    const expected = createHash('md5').update(body).digest('hex');

    await tabTo(app.page, '#file');
    const [chooser] = await Promise.all([
      app.page.waitForEvent('filechooser'),
      app.page.keyboard.press('Space'),
    ]);
    await chooser.setFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: body });

    await app.page.waitForFunction((m) => document.querySelector('#md5')?.textContent === m, expected);
    await app.page.screenshot({ path: `${OUT}/fingerprint.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('an empty file still has an MD5', async () => {
  const app = await openApp({ path: '#fingerprint' });
  try {
    await app.page.setInputFiles('#file', { name: 'empty.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) });
    await app.page.waitForFunction(() => document.querySelector('#md5')?.textContent === 'd41d8cd98f00b204e9800998ecf8427e');
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
    await page.click('a.tab[href="#lab"]');
    await page.waitForSelector('#lab-forge');
    await page.goBack();
    await page.waitForSelector('#phone-0');
    assert.equal(await current(), 'Two-systems sandbox');
    await page.goForward();
    await page.waitForSelector('#lab-forge');
    assert.equal(await current(), 'Collision lab');
    await page.evaluate(() => { location.hash = '#fingerprint'; });
    await page.waitForSelector('#file');
    assert.equal(await current(), 'Fingerprint a file');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
