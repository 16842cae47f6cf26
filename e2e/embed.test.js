// The embed: hashwall in an article's iframe at 320, 600 and 800 px, its height reported to the
// host (Datawrapper's, AMP's and pym.js' messages) so the frame fits, and nothing fetched from
// anywhere but its own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, OUT, BASE_URL } from './browser.js';

const PADDING = 16; // the example article's padding on each side

for (const width of [320, 600, 800]) {
  test(`embedded at ${width} px: the frame fits its content and nothing leaves the origin`, async () => {
    const app = await openApp({ path: 'embed-example.html', width: width + 2 * PADDING, height: 900, waitFor: 'iframe' });
    const { page, requests } = app;
    try {
      const iframe = page.locator('#hashwall-figure');
      assert.equal(Math.round((await iframe.boundingBox()).width), width);
      const frame = page.frameLocator('#hashwall-figure');
      await frame.getByRole('heading', { name: /Guided replication/ }).waitFor();
      // The host heard all three protocols.
      await page.waitForFunction(() => !document.getElementById('heard-pym').textContent.includes('none'));
      assert.match(await page.locator('#heard-datawrapper').textContent(), /^\{"datawrapper-height":\{"replication-figure":\d+\}\}$/);
      const amp = JSON.parse(await page.locator('#heard-amp').textContent());
      assert.equal(amp.sentinel, 'amp');
      assert.equal(amp.type, 'embed-size');
      assert.ok(Number.isInteger(amp.height) && amp.height > 0);
      assert.match(await page.locator('#heard-pym').textContent(), /^pymxPYMxreplication-figurexPYMxheightxPYMx\d+$/);
      // The frame's height is its content's, and the content does not scroll inside it.
      const inner = (await page.frames()).find((f) => f.url().includes('embed=1'));
      const fits = async () => {
        const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
        const box = (await iframe.boundingBox()).height;
        return { content, box };
      };
      let sizes = await fits();
      for (let i = 0; i < 20 && Math.abs(sizes.content - sizes.box) > 1; i++) {
        await page.waitForTimeout(100);
        sizes = await fits();
      }
      assert.ok(Math.abs(sizes.content - sizes.box) <= 1, JSON.stringify(sizes));
      assert.ok(await inner.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1), 'no scroll bar inside');
      // No page chrome, and a way out to the full app.
      assert.equal(await frame.getByRole('navigation', { name: 'Sections' }).count(), 0);
      assert.equal(await frame.getByRole('link', { name: 'Open the full app' }).count(), 1);
      // Opening the first trial changes the height, and the frame follows.
      await frame.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).check();
      await frame.getByRole('button', { name: 'Start the first trial' }).click();
      await frame.getByRole('button', { name: 'Send the control file' }).waitFor();
      sizes = await fits();
      for (let i = 0; i < 30 && Math.abs(sizes.content - sizes.box) > 1; i++) {
        await page.waitForTimeout(100);
        sizes = await fits();
      }
      assert.ok(Math.abs(sizes.content - sizes.box) <= 1, `after a change: ${JSON.stringify(sizes)}`);
      await page.screenshot({ path: `${OUT}/embed-${width}.png`, fullPage: true });
      const origin = new URL(BASE_URL).origin;
      const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
      assert.deepEqual(foreign, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
}

test('the address chooses the theme, and a host can change it', async () => {
  const app = await openApp({ path: '?embed=1&theme=dark&scenario=sources' });
  const { page } = app;
  try {
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(21, 22, 26)');
    await page.evaluate(() => window.postMessage({ 'hashwall-theme': 'light' }, '*'));
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(246, 245, 241)');
    // A bad value changes nothing and breaks nothing.
    await page.goto(new URL('?embed=1&theme=purple', BASE_URL).href);
    await page.waitForSelector('#main');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
