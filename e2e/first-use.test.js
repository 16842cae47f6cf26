// What a person trying the app for the first time ran into, each fixed and kept fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { download, forge, openApp, pause, pickSamples } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
const CAT = readFileSync(new URL('../www/samples/cat.png', import.meta.url));

test('a right-to-left override in a file name cannot reorder the MD5 beside it, on the phone, in the log or in the export', async () => {
  const app = await openApp();
  const { page } = app;
  const spoof = 'holiday\u202Egnp.exe';
  try {
    await pause(page);
    await page.setInputFiles('#phone-2 input.attach', { name: spoof, mimeType: 'image/png', buffer: CAT });
    const caption = page.locator('#phone-3 figure.picture figcaption');
    await caption.waitFor();
    // The name is isolated, and the MD5 stays after it: to its right on the same line, or below.
    const [name, digest, isolation] = await caption.evaluate((c) => {
      // Inline boxes may wrap: compare where the name ends with where the MD5 starts.
      const box = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      const bdi = c.querySelector('bdi.file-name');
      const [nameLines, codeLines] = [bdi.getClientRects(), c.querySelector('code').getClientRects()];
      return [box(nameLines[nameLines.length - 1]), box(codeLines[0]), getComputedStyle(bdi).unicodeBidi];
    });
    assert.equal(isolation, 'isolate');
    const sameLine = digest.top < name.bottom && name.top < digest.bottom;
    if (sameLine) {
      assert.ok(digest.left >= name.right - 1, `MD5 at ${digest.left}, name ends at ${name.right}`);
    } else {
      assert.ok(digest.top >= name.bottom - 1, `MD5 above the name: ${JSON.stringify({ name, digest })}`);
    }
    assert.equal(await caption.locator('code').getAttribute('title'), md5(CAT));

    // The server's log writes the name between isolates (FSI … PDI).
    await page.click('#behind-toggle');
    const logged = await page.locator('.events li[data-kind="MD5"]').first().textContent();
    assert.ok(logged.includes(`\u2068${spoof}\u2069`), JSON.stringify(logged));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export event log (CSV)' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    assert.ok(text.includes(`\u2068${spoof}\u2069`), 'the CSV isolates it too');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('the whole phone takes a dropped file, and a drop anywhere else never leaves the app', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await pause(page);
    const file = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped on the header'], 'header-drop.txt', { type: 'text/plain' }));
      return dt;
    });
    // Amira's phone header, far from her composer.
    await page.dispatchEvent('#phone-2 .phone-head', 'drop', { dataTransfer: file });
    await page.locator('#phone-3 .bubble', { hasText: 'header-drop.txt' }).waitFor();

    // Elsewhere (the title), the browser's own handling — opening the file — is prevented.
    const prevented = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'stray.png', { type: 'image/png' }));
      const outcome = {};
      for (const kind of ['dragover', 'drop']) {
        const e = new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: dt });
        document.querySelector('.masthead h1').dispatchEvent(e);
        outcome[kind] = e.defaultPrevented;
      }
      return outcome;
    });
    assert.deepEqual(prevented, { dragover: true, drop: true });
    assert.equal(new URL(page.url()).pathname, '/');
  } finally {
    await app.close();
  }
});

test('"Behind the scenes" brings what it opens into view', async () => {
  const app = await openApp({ height: 800 });
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'Behind the scenes' }).click();
    const heading = page.getByRole('heading', { name: 'Behind the scenes: the server' });
    await heading.waitFor();
    // In view, and not under the sticky toolbar.
    await page.waitForFunction(() => {
      const h = document.querySelector('#server-title').getBoundingClientRect();
      const bar = document.querySelector('.toolbar').getBoundingClientRect();
      return h.top >= Math.max(0, bar.bottom) && h.bottom <= window.innerHeight;
    });
  } finally {
    await app.close();
  }
});

test('the speeds are one radio group: one Tab stop, arrows choose', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const group = page.getByRole('radiogroup', { name: 'Speed' });
    assert.equal(await group.locator('[tabindex="0"]').count(), 1, 'one Tab stop');
    await group.getByRole('radio', { name: '1×' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement?.textContent === '4×');
    assert.equal(await group.getByRole('radio', { name: '4×' }).getAttribute('aria-checked'), 'true');
    assert.equal(await group.getByRole('radio', { name: '1×' }).getAttribute('tabindex'), '-1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.textContent === '16×');
    assert.equal(await group.getByRole('radio', { name: '16×' }).getAttribute('aria-checked'), 'true');
  } finally {
    await app.close();
  }
});

test('each file picker is announced once', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const tools = await page.locator('#phone-2 .compose-tools').ariaSnapshot();
    assert.equal(tools.split('Attach file…').length - 1, 1, tools);
    assert.equal(await page.locator('#phone-2').getByRole('button', { name: 'Attach file…' }).count(), 1);
  } finally {
    await app.close();
  }
});

test('the lab keeps its pictures and pair across a tab switch and a reload', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await pickSamples(page, 'tank-column', 'cat');
    await forge(page);
    const shown = await page.locator('#lab-x .lab-md5').textContent();

    // Check a download on the fingerprint page, then come back: nothing is lost.
    await page.getByRole('link', { name: 'Fingerprint files' }).click();
    await page.getByRole('link', { name: 'Collision lab' }).click();
    await page.waitForSelector('#lab-result');
    assert.equal(await page.locator('#lab-x .lab-md5').textContent(), shown);

    await page.reload();
    await page.waitForSelector('#lab-result', { timeout: 30_000 });
    assert.equal(await page.locator('#lab-x .lab-md5').textContent(), shown);
    await page.waitForFunction(() => document.querySelectorAll('.picker-preview img').length === 2);
    assert.match(await page.locator('.picked-name').first().textContent(), /tank-column/);
    assert.equal(await page.getByRole('button', { name: 'Make the same-MD5 pair' }).isDisabled(), false);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a collision found live is offered as a pair at once, before any picture is chosen', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await page.getByLabel('File format').selectOption('gif');
    await page.fill('#live-width', '160');
    await page.fill('#live-height', '120');
    await page.fill('#live-seed', '5');
    await page.selectOption('#live-workers', '1');
    await page.getByRole('button', { name: 'Compute a new collision' }).click();
    await page.waitForSelector('#lab-result', { timeout: 120_000 });
    assert.match(await page.locator('#lab-result .verdict').textContent(), /bare collision found for 160×120/);
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.equal(x.length, 192);
    assert.notDeepEqual(x, y);
    assert.equal(md5(x), md5(y), 'recomputed here: the two files collide');
    assert.equal(md5(x), await page.locator('#lab-x .lab-md5').textContent());
    // The canvas is now offered for forging pictures on it.
    assert.equal(await page.locator('#lab-canvas').inputValue(), '160x120');
  } finally {
    await app.close();
  }
});
