// The main worker comes in two builds: SIMD (wasm simd128, chosen where the browser runs it) and
// portable (the fallback; the address's `simd=off` forces it). Both must do the very same work:
// the same seed gives the same collision search, attempt for attempt, and the same pair of files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { download, liveSearch, openApp, pickSamples } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');

async function liveCollision(query) {
  const app = await openApp({ path: `${query}#lab` });
  const { page, requests } = app;
  try {
    await pickSamples(page, 'candle-vigil', 'birthday-cake');
    const searched = await liveSearch(page, { width: 160, height: 120, seed: 5 });
    await page.waitForSelector('#lab-result', { timeout: 60_000 });
    const [x, y] = [await download(page, '#lab-x'), await download(page, '#lab-y')];
    const wasm = [...new Set(requests.map((u) => /\/(worker(?:_simd)?_bg\.wasm)/.exec(u)?.[1]).filter(Boolean))];
    return { searched, x, y, wasm, address: page.url() };
  } finally {
    await app.close();
  }
}

test('the SIMD and the portable worker builds find the same collision and forge the same pair', async () => {
  const simd = await liveCollision('?scenario=lab');
  const portable = await liveCollision('?scenario=lab&simd=off');
  // Chromium runs wasm SIMD, so feature detection picks the SIMD build; the address forces the other.
  assert.deepEqual(simd.wasm, ['worker_simd_bg.wasm']);
  assert.deepEqual(portable.wasm, ['worker_bg.wasm']);
  assert.match(portable.address, /simd=off/, 'the address keeps asking for the portable build');
  for (const run of [simd, portable]) {
    assert.match(run.searched, /^\(seed 5, /);
    assert.equal(md5(run.x), md5(run.y), 'a collision: one MD5');
    assert.notDeepEqual(run.x, run.y);
  }
  assert.equal(portable.searched, simd.searched, 'the same search, attempt for attempt');
  assert.deepEqual(portable.x, simd.x);
  assert.deepEqual(portable.y, simd.y);
});
