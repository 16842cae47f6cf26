// The collision lab: two pictures in, two JPEGs (or GIFs) with one MD5 out, each showing its own picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OUT, download, forge, liveSearch, openApp, pickSamples, tabTo } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');

/** Mean absolute difference (0–255) between two same-size pictures, both drawn to canvases. */
async function difference(page, srcA, srcB) {
  return page.evaluate(async ([a, b]) => {
    const pixels = async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 640; canvas.height = 480;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0, 640, 480);
      return ctx.getImageData(0, 0, 640, 480).data;
    };
    const [p, q] = [await pixels(a), await pixels(b)];
    let sum = 0;
    for (let i = 0; i < p.length; i += 4) sum += Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
    return sum / (p.length / 4 * 3);
  }, [srcA, srcB]);
}

/** Downloads a file with its button, as a user would, and reads what was saved. */

/** What Chromium's own decoder makes of a file: its size, or the error it gives. */
async function chromiumDecode(page, bytes) {
  return page.evaluate(async (data) => {
    const blob = new Blob([new Uint8Array(data)], { type: 'image/jpeg' });
    try {
      const bitmap = await createImageBitmap(blob);
      return { width: bitmap.width, height: bitmap.height };
    } catch (e) {
      return { error: String(e) };
    }
  }, [...bytes]);
}

test('by default two sample pictures become two JPEGs with one MD5, each showing its own picture', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await pickSamples(page, 'tank-column', 'cat');
    const format = page.getByLabel('File format');
    assert.equal(await format.inputValue(), 'jpeg');
    assert.equal(await page.locator('#lab-canvas').count(), 0, 'a JPEG needs no canvas');
    await forge(page);
    assert.match(await page.locator('.verdict').textContent(), /JPEG of picture A/);

    const shown = await page.locator('.lab-md5').allTextContents();
    assert.equal(shown[0], shown[1]);
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.notDeepEqual(x, y);
    assert.equal(md5(x), shown[0]);
    assert.equal(md5(y), shown[0]);
    assert.deepEqual([x[0], x[1], y[0], y[1]], [0xFF, 0xD8, 0xFF, 0xD8], 'both start as JPEGs');

    // Chromium decodes each file to its own picture's size (the samples are 640×480 and 480×640
    // or so; what matters is that X and Y differ as A and B do).
    const [dx, dy] = [await chromiumDecode(page, x), await chromiumDecode(page, y)];
    const [sa, sb] = await page.evaluate(async () => Promise.all(['samples/tank-column.png', 'samples/cat.png'].map(async (src) => {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      return { width: bitmap.width, height: bitmap.height };
    })));
    assert.deepEqual(dx, sa);
    assert.deepEqual(dy, sb);
    // And looks like it: drawn at 640×480, X is close to A and far from B, Y the reverse.
    const src = async (id) => page.getAttribute(`${id} img`, 'src');
    const [xa, xb] = [await difference(page, await src('#lab-x'), 'samples/tank-column.png'), await difference(page, await src('#lab-x'), 'samples/cat.png')];
    const [ya, yb] = [await difference(page, await src('#lab-y'), 'samples/tank-column.png'), await difference(page, await src('#lab-y'), 'samples/cat.png')];
    assert.ok(xa < 6 && yb < 6, `X differs from A by ${xa}, Y from B by ${yb}`);
    assert.ok(xb > 30 && ya > 30, `X vs B ${xb}, Y vs A ${ya}`);

    // The downloads are named as JPEGs, and the parser bars show each file's reading.
    assert.equal(await page.getByRole('button', { name: 'Download hashwall-x.jpg' }).count(), 1);
    assert.equal(await page.locator('.parser-bar').count(), 2);
    await page.getByText('its tables and frame header').waitFor();
    await page.screenshot({ path: `${OUT}/lab-jpeg-1280.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('two sample pictures become two GIFs with one MD5, each showing its own picture', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await pickSamples(page, 'tank-column', 'cat');
    await page.getByLabel('File format').selectOption('gif');
    await page.selectOption('#lab-canvas', '640x480');
    await forge(page);

    // The page shows the same MD5 for both, and it is the MD5 of the bytes it offers.
    const shown = await page.locator('.lab-md5').allTextContents();
    assert.equal(shown.length, 2);
    assert.equal(shown[0], shown[1]);
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.notDeepEqual(x, y);
    assert.equal(md5(x), shown[0]);
    assert.equal(md5(y), shown[0]);

    // Drawn by the browser's own GIF decoder, X looks like A and Y like B (palettes and
    // dithering leave a small difference), and never like the other picture.
    const [xa, xb] = [await difference(page, await page.getAttribute('#lab-x img', 'src'), 'samples/tank-column.png'),
      await difference(page, await page.getAttribute('#lab-x img', 'src'), 'samples/cat.png')];
    const [ya, yb] = [await difference(page, await page.getAttribute('#lab-y img', 'src'), 'samples/tank-column.png'),
      await difference(page, await page.getAttribute('#lab-y img', 'src'), 'samples/cat.png')];
    assert.ok(xa < 6, `X differs from A by ${xa}`);
    assert.ok(yb < 6, `Y differs from B by ${yb}`);
    assert.ok(xb > 30 && ya > 30, `X vs B ${xb}, Y vs A ${ya}`);

    // The collision view: 8 or so differing bytes, all inside the 128 colliding bytes.
    const diffs = await page.locator('.hex-table .hex-byte.diff').count();
    assert.ok(diffs >= 2 * 6 && diffs <= 2 * 10, `${diffs / 2} differing bytes marked`);
    assert.equal(await page.locator('.parser-bar').count(), 2);
    await page.screenshot({ path: `${OUT}/lab-1280.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('the built-in pair is ready instantly and shares one MD5', async () => {
  const app = await openApp({ path: '#lab', width: 375 });
  const { page } = app;
  try {
    await page.click('#lab-builtin');
    await page.waitForSelector('#lab-result');
    const shown = await page.locator('.lab-md5').allTextContents();
    assert.equal(shown[0], shown[1]);
    assert.equal(md5(await download(page, '#lab-x')), shown[0]);
    await page.screenshot({ path: `${OUT}/lab-375.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  } finally {
    await app.close();
  }
});

test('would the platform notice? the detector finds the collision blocks and the twin in the pair', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'Show the built-in pair' }).click();
    const notice = page.getByRole('region', { name: 'Would the platform notice?' });
    await notice.waitFor();
    // The detector runs in a worker: the section says it is looking until it answers.
    await notice.getByRole('listitem').first().waitFor();
    // Two blocks in each file: the near-collision block, then the one that completes it.
    const items = await notice.getByRole('listitem').allTextContents();
    assert.equal(items.length, 4, items.join('\n'));
    assert.match(items[0], /^File X, bytes \d+–\d+: the first block of a collision \(a near-collision\), Wang\/fastcoll class$/);
    assert.match(items[3], /^File Y, bytes \d+–\d+: the block that completes the collision/);
    // Every byte where the two files differ lies in a block the detector names.
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    const ranges = items.map((item) => item.match(/bytes (\d+)–(\d+)/).slice(1).map(Number));
    const differing = [...x.keys()].filter((i) => x[i] !== y[i]);
    assert.ok(differing.length > 0);
    for (const at of differing) {
      assert.ok(ranges.some(([from, to]) => at >= from && at <= to), `byte ${at} is outside ${JSON.stringify(ranges)}`);
    }
    await notice.getByText('and it is file Y, byte for byte').waitFor();
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('check a file of your own: the tray\'s benign twin gives away its sensitive twin, a plain picture passes', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    const section = page.getByRole('region', { name: 'Check a file of your own' });
    const input = page.getByLabel('Choose a file to check');
    await input.setInputFiles('www/samples/twin-benign.jpg');
    await section.getByRole('listitem').first().waitFor();
    const items = await section.getByRole('listitem').allTextContents();
    assert.equal(items.length, 2, items.join('\n'));
    assert.match(items[0], /^File twin-benign\.jpg, bytes \d+–\d+: the first block of a collision/);
    // The twin the detector rebuilds from the benign file alone is the sensitive file.
    const [saved] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the twin' }).click()]);
    const twin = readFileSync(await saved.path());
    const sensitive = readFileSync('www/samples/twin-sensitive.jpg');
    assert.ok(twin.equals(sensitive), 'the twin is twin-sensitive.jpg, byte for byte');
    assert.equal(md5(twin), md5(readFileSync('www/samples/twin-benign.jpg')));

    await input.setInputFiles('www/samples/cat.png');
    await section.getByText(/^cat\.png \(MD5 [0-9a-f]{32}\): no collision block/).waitFor();
    assert.equal(await section.getByRole('listitem').count(), 0);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('unusable pictures are explained at once and the lab keeps working', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  const make = page.getByRole('button', { name: 'Make the same-MD5 pair' });
  try {
    await page.selectOption('#lab-b-sample', 'cat');
    await page.setInputFiles('#lab-a-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    // Said as soon as it is chosen, not when "Make" is pressed; and "Make" waits for a usable one.
    await page.waitForFunction(() => /not a picture/.test(document.querySelector('#lab-a-problem')?.textContent ?? ''));
    assert.equal(await page.locator('.picker').first().getByRole('alert').count(), 1);
    assert.equal(await make.isDisabled(), true);

    // A GIF header claiming 20000×20000 pixels is refused before anything is decoded.
    const huge = Buffer.from([...Buffer.from('GIF89a'), 0x20, 0x4e, 0x20, 0x4e, 0, 0, 0, 0x2c, 0, 0, 0, 0, 0x20, 0x4e, 0x20, 0x4e, 0, 8]);
    await page.setInputFiles('#lab-a-file', { name: 'huge.gif', mimeType: 'image/gif', buffer: huge });
    await page.waitForFunction(() => /20000×20000/.test(document.querySelector('#lab-a-problem')?.textContent ?? ''));
    assert.equal(await make.isDisabled(), true);

    await page.selectOption('#lab-a-sample', 'bicycle');
    await page.waitForFunction(() => document.querySelector('.picker img')?.alt.includes('bicycle'));
    await forge(page);
  } finally {
    await app.close();
  }
});

test('live mode: a new collision computed in the browser carries a verified pair', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    await pickSamples(page, 'candle-vigil', 'birthday-cake');
    // A chosen seed with one worker makes the search repeatable (and this test quick).
    const first = await liveSearch(page, { width: 160, height: 120, seed: 5 });
    const searched = (text) => /\(seed \d+, .* attempts\)/.exec(text)?.[0];
    assert.match(first, /^\(seed 5, /);
    // The pictures are forged on the new collision at once.
    await page.waitForSelector('#lab-result', { timeout: 60_000 });
    assert.match(await page.locator('.verdict').textContent(), /on a 160×120 canvas/);
    const shown = await page.locator('.lab-md5').allTextContents();
    assert.equal(shown[0], shown[1]);
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.equal(md5(x), shown[0]);
    assert.equal(md5(y), shown[0]);
    assert.notDeepEqual(x, y);
    assert.equal(x.readUInt16LE(6), 160, 'the GIF canvas is the size asked for');
    assert.equal(x.readUInt16LE(8), 120);

    // The same seed again: the very same search, attempt for attempt.
    // (Count the results as they appear: the old message is still there when the click returns.)
    await page.evaluate(() => {
      window.__results = [];
      let cleared = false; // a search start removes the old message
      new MutationObserver(() => {
        const message = document.querySelector('#live-message');
        if (!message) cleared = true;
        else if (cleared && /^A new collision/.test(message.textContent)) {
          window.__results.push(message.textContent);
          cleared = false;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('#live-start');
    await page.waitForFunction(() => window.__results.length > 0, null, { timeout: 300_000 });
    assert.equal(searched(await page.evaluate(() => window.__results[0])), first);
    // A seed that is not a whole number is refused with a reason.
    await page.fill('#live-seed', '-3');
    await page.click('#live-start');
    await page.waitForFunction(() => /seed must be a whole number/.test(document.querySelector('#live-message')?.textContent ?? ''));
  } finally {
    await app.close();
  }
});

test('live mode: a new universal JPEG collision, found here, carries a verified JPEG pair', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    // Before any picture: the bare collision is offered as a pair at once.
    const first = await liveSearch(page, { seed: 11 });
    assert.match(first, /^\(seed 11, /);
    await page.waitForSelector('#lab-result');
    assert.match(await page.locator('#lab-result .verdict').textContent(), /bare universal JPEG collision/);
    const [bx, by] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.equal(bx.length, 192);
    assert.equal(md5(bx), md5(by), 'recomputed here: the two heads collide');
    assert.notDeepEqual(bx, by);
    assert.deepEqual([...bx.subarray(121, 123)], [0xFF, 0xFE], 'block 1 carries the forced COM marker');
    assert.equal(bx[123] ^ by[123], 0x80, 'the comment lengths differ by 32,768');

    // Pictures are forged on it, not on the shipped collision: both files start with its bytes.
    await pickSamples(page, 'candle-vigil', 'birthday-cake');
    await forge(page);
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    assert.equal(md5(x), md5(y));
    assert.ok(x.subarray(0, 192).equals(bx) && y.subarray(0, 192).equals(by));
    assert.match(await page.locator('.verdict').textContent(), /JPEG of picture A/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('live mode: cancelling stops every worker, and the page answers while they search', async () => {
  const app = await openApp({ path: '#lab' });
  const { page } = app;
  try {
    // The lab starts its forging worker on the first touch: touch it, and count from there.
    await page.locator('#lab-title').click();
    await page.getByLabel('File format').selectOption('gif');
    for (let i = 0; i < 50 && page.workers().length === 0; i++) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    const baseline = page.workers().length;
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const progress = page.locator('#live-progress');
    // A search's time is heavy-tailed: often (a race's median is under a second) one finds its
    // collision before the click reaches Cancel. Then its workers go, and another search is
    // started: what this test measures is the cancel, and it must happen in one of eight.
    // Count the searches that end with a collision (a search start removes the old message).
    await page.evaluate(() => {
      window.__found = 0;
      let cleared = false;
      new MutationObserver(() => {
        const message = document.querySelector('#live-message');
        if (!message) cleared = true;
        else if (cleared && /^A new collision/.test(message.textContent)) {
          window.__found += 1;
          cleared = false;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    let cancelled = false;
    for (let attempt = 1; attempt <= 8 && !cancelled; attempt++) {
      const found = await page.evaluate(() => window.__found);
      await page.click('#live-start');
      // Searching with attempts shown, or already done (a race can end within one progress tick).
      const state = await (await page.waitForFunction((before) => {
        if (window.__found > before) return 'found';
        return /[1-9]\d* attempts/.test(document.querySelector('#live-progress')?.textContent ?? '') && 'searching';
      }, found, { timeout: 60_000 })).jsonValue();
      if (state === 'found') {
        await page.waitForSelector('#live-start');
        for (let i = 0; i < 50 && page.workers().length > baseline; i++) await page.waitForTimeout(100);
        continue;
      }
      assert.equal(page.workers().length, baseline + cores, 'one search worker per core');
      // While the workers search, the page still handles input: choose a picture.
      const pick = attempt % 2 === 0 ? 'bicycle' : 'cat';
      await page.selectOption('#lab-a-sample', pick);
      await page.waitForSelector(`.picker img[alt="chosen: ${pick}.png"]`);
      try {
        const before = await progress.textContent({ timeout: 2_000 });
        await page.waitForFunction((b) => document.querySelector('#live-progress')?.textContent !== b, before, { timeout: 10_000 });
        await page.click('#live-cancel', { timeout: 2_000 });
        // The click and the race's end can cross: then the collision was found, not cancelled.
        cancelled = await (await page.waitForFunction((before) => {
          if (/Cancelled/.test(document.querySelector('#live-message')?.textContent ?? '')) return 'yes';
          return window.__found > before && 'no';
        }, found)).jsonValue() === 'yes';
        if (!cancelled) throw new Error('the search ended before the cancel');
      } catch {
        await page.waitForSelector('#live-start');
        for (let i = 0; i < 50 && page.workers().length > baseline; i++) await page.waitForTimeout(100);
      }
    }
    assert.ok(cancelled, 'one of eight searches was cancelled while it ran');
    await page.waitForFunction(() => /Cancelled/.test(document.querySelector('#live-message')?.textContent ?? ''));
    assert.equal(await progress.count(), 0, 'no progress is shown once cancelled');
    for (let i = 0; i < 50 && page.workers().length > baseline; i++) await page.waitForTimeout(100);
    assert.equal(page.workers().length, baseline, 'the search workers are gone');
    // No worker reports anything after the cancel: the message stays, and a new search can start.
    await page.waitForTimeout(1500);
    assert.match(await page.locator('#live-message').textContent(), /Cancelled/);
    assert.equal(await page.locator('#live-start').count(), 1);
  } finally {
    await app.close();
  }
});

test('the lab with the keyboard only: choose two samples, forge, download', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // From the sandbox, Tab to the lab's tab and follow it.
    await tabTo(page, 'a.tab[href^="?scenario=lab"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#lab-a-sample');
    // A closed <select> steps through its options with the arrow keys.
    for (const id of ['#lab-a-sample', '#lab-b-sample']) {
      await tabTo(page, id);
      await page.keyboard.press('ArrowDown');
    }
    await page.waitForFunction(() => document.querySelectorAll('.picker-preview img').length === 2);
    const chosen = await page.locator('.picker-preview img').evaluateAll((imgs) => imgs.map((i) => i.alt));
    assert.ok(chosen.every((alt) => /^chosen: .+\.(png|jpg|gif)$/.test(alt)), `samples chosen: ${chosen}`);
    await tabTo(page, '#lab-forge');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#lab-result', { timeout: 60_000 });
    const shown = await page.locator('.lab-md5').allTextContents();
    assert.equal(shown[0], shown[1]);
    // The download buttons answer to the keyboard too.
    await tabTo(page, '#lab-x button');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(md5(readFileSync(await saved.path())), shown[0]);
    // Focus is visible where it stands.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
