// The evasion lab (issue 11, F7): variants of a picture against MD5, the fitted visual
// matcher, PDQ and OCR, beside Citizen Lab's observations. The lab is a wasm of its own that
// loads only when opened; its files are checked here by recomputing their MD5 and decoding them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, tabTo, OUT } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
const leaflet = readFileSync(new URL('../www/samples/protest-leaflet.png', import.meta.url));
const VARIANTS = 29;

const row = (page, slug) => page.locator(`tr[data-variant="${slug}"]`);
/** The verdicts of a row's four filter cells, as the badges say them. */
const verdicts = (page, slug) => row(page, slug).locator('td .badge').allInnerTexts();

test('the lab loads on demand, grids every variant, and its files are what it says', async () => {
  const { page, requests, problems, close } = await openApp();
  try {
    assert.ok(!requests.some((u) => /later(_bg\.wasm|\.js)$/.test(u)), 'the page loads without the lab');
    await page.getByRole('link', { name: 'Evasion lab' }).click();
    await page.getByRole('heading', { name: 'Evasion lab' }).waitFor();
    assert.ok(requests.some((u) => u.endsWith('/later_bg.wasm')), 'the lab loaded when opened');

    await page.getByLabel('Choose a picture…').setInputFiles({ name: 'protest-leaflet.png', mimeType: 'image/png', buffer: leaflet });
    await page.getByText(`All ${VARIANTS} variants checked.`).waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('tbody tr').count(), VARIANTS);
    await page.screenshot({ path: `${OUT}/evasion.png`, fullPage: true });

    // The blacklisted original is caught by every filter, OCR by the leaflet's group-list entry.
    assert.deepEqual(await verdicts(page, 'original'), ['caught', 'caught', 'caught', 'caught']);
    assert.match(await row(page, 'original').innerText(), /completes 六四\+学生\+民主运动/);
    // New bytes escape the MD5 list and nothing else.
    assert.deepEqual(await verdicts(page, 'one-pixel'), ['evades', 'caught', 'caught', 'caught']);
    // The table's rows, as the fitted matcher reproduces them (sources A9): squashing and the
    // luminosity recolour evade it; heavy blur evades it while PDQ still catches it.
    assert.equal((await verdicts(page, 'shorter'))[1], 'evades');
    assert.equal((await verdicts(page, 'recolour'))[1], 'evades');
    const blur = await verdicts(page, 'blur-10');
    assert.deepEqual([blur[1], blur[2]], ['evades', 'caught']);
    // Text recoloured to the luminosity of its ground is not read (sources §4.4).
    assert.match(await row(page, 'camouflage-text').innerText(), /no text found/);
    // Beside each row, what Citizen Lab observed, with its confidence and a link to the source.
    const mirror = row(page, 'mirror').locator('td.observed');
    assert.match(await mirror.innerText(), /Evaded 15 of 15\. \[data; §4\.5\]/);
    assert.equal(await mirror.getByRole('link', { name: '§4.5' }).getAttribute('href'), '#sources/s4-5');

    // The one-pixel variant, sent into the sandbox: the file handed over has the MD5 and the
    // size the grid shows, and it decodes.
    await page.evaluate(() => window.addEventListener('hashwall-send', async (e) => {
      const { blob, name } = e.detail;
      const bitmap = await createImageBitmap(blob);
      window.sent = { name, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())), width: bitmap.width, height: bitmap.height };
    }));
    const shown = await row(page, 'one-pixel').innerText();
    await row(page, 'one-pixel').getByRole('button', { name: /Send the variant “One pixel changed” to the sandbox/ }).click();
    await page.waitForFunction(() => window.sent);
    const sent = await page.evaluate(() => window.sent);
    assert.equal(sent.name, 'protest-leaflet-one-pixel.png');
    const digest = md5(Buffer.from(sent.bytes));
    assert.notEqual(digest, md5(leaflet));
    assert.ok(shown.includes(`new MD5 ${digest.slice(0, 10)}`), `${digest} in ${shown}`);
    assert.ok(shown.includes(`${sent.width}×${sent.height}`), shown);
    // The page shows the sandbox, and the variant goes in as a message.
    await page.getByRole('heading', { name: 'Sample tray' }).waitFor();
    await page.waitForFunction(() => (localStorage.getItem('hashwall.sandbox.v2') ?? '').includes('protest-leaflet-one-pixel.png'), null, { timeout: 30_000 });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the lab refuses a file that is no picture, speaks Chinese, and works by keyboard at 375 px', async () => {
  const { page, problems, close } = await openApp({ width: 375, height: 800, path: '?scenario=evasion&lang=zh-CN' });
  try {
    await page.getByRole('heading', { name: '规避实验室' }).waitFor();
    await page.getByLabel('选择图片…').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await page.getByRole('alert').filter({ hasText: '无法试验这个文件' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 0, 'no grid for a file that is no picture');

    // By keyboard: the tray menu, one step down, starts a run on the tray's first picture.
    await tabTo(page, 'select[aria-label="或者试试样本托盘里的图片"]');
    await page.keyboard.press('ArrowDown');
    await page.getByText(/全部 29 个变体已检查/).waitFor({ timeout: 120_000 });
    assert.equal(await page.getByRole('alert').count(), 0, 'the earlier refusal is gone');
    const header = await page.locator('thead').innerText();
    for (const column of ['MD5 列表', '视觉（假设）', 'PDQ（作对比）', '公民实验室的观察']) assert.ok(header.includes(column), header);
    // The grid scrolls inside its own region; the page itself does not scroll sideways.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(wide, false, 'no sideways scroll at 375 px');
    await page.screenshot({ path: `${OUT}/evasion-375-zh.png`, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
