// Shared Playwright set-up: Debian's Chromium, a fresh profile, and a record of every request.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const OUT = process.env.E2E_OUT ?? 'target/test-output/e2e';
mkdirSync(OUT, { recursive: true });

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens the app (or `path` on its origin) in a fresh headless Chromium and waits for `waitFor`.
 * `requests` lists every URL the page asked for. */
export async function openApp({ width = 1280, height = 900, path = '', colorScheme = 'light', waitFor = '#main' } = {}) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'hashwall-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width, height },
    colorScheme,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(new URL(path, BASE_URL).href);
  await page.waitForSelector(waitFor);
  return { context, page, requests, problems, close: () => context.close() };
}

/** Presses Tab until the element matching `selector` has focus (fails after `limit` presses). */
export async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the keyboard`);
}

/** Chooses two tray pictures in the lab and waits until both show. */
export async function pickSamples(page, a, b) {
  await page.selectOption('#lab-a-sample', a);
  await page.selectOption('#lab-b-sample', b);
  await page.waitForFunction(() => document.querySelectorAll('.picker-preview img').length === 2);
}

/** Presses "Make the same-MD5 pair" and waits for the verified pair. */
export async function forge(page) {
  await page.getByRole('button', { name: 'Make the same-MD5 pair' }).click();
  await page.waitForSelector('#lab-result', { timeout: 60_000 });
}

/** The bytes of the file a lab figure's download button saves. */
export async function download(page, figure) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click(`${figure} button`)]);
  return readFileSync(await saved.path());
}

/** Pauses the simulated clock, if it is playing. */
export async function pause(page) {
  if ((await page.getAttribute('#clock-toggle', 'aria-pressed')) === 'false') await page.click('#clock-toggle');
}

/** Opens the chat called `name` on phone `n` (0 Wang Fang, 1 Chen Jie, 2 Amira, 3 Tom). */
export async function openChat(page, n, name) {
  await page.locator(`#phone-${n} .chat-tab`, { hasText: name }).click();
}

/** In the lab: a live collision search for a GIF canvas (or, without a size, the universal JPEG
 * collision) with a chosen seed and one worker (so it is repeatable), run to its end; returns the
 * message's "(seed …, … attempts)" part. */
export async function liveSearch(page, { width, height, seed }) {
  if (width === undefined) {
    await page.getByLabel('File format').selectOption('jpeg');
    await page.fill('#live-seed', String(seed));
    await page.selectOption('#live-workers', '1');
    await page.getByRole('button', { name: 'Compute a new collision' }).click();
    await page.waitForFunction(() => document.querySelector('#live-message')?.textContent.startsWith('A new universal JPEG collision'), null, { timeout: 300_000 });
    return /\(seed \d+, .* attempts\)/.exec(await page.locator('#live-message').textContent())?.[0];
  }
  await page.getByLabel('File format').selectOption('gif');
  await page.fill('#live-width', String(width));
  await page.dispatchEvent('#live-width', 'change');
  await page.fill('#live-height', String(height));
  await page.dispatchEvent('#live-height', 'change');
  await page.fill('#live-seed', String(seed));
  await page.selectOption('#live-workers', '1');
  await page.getByRole('button', { name: 'Compute a new collision' }).click();
  await page.waitForFunction((c) => document.querySelector('#live-message')?.textContent.startsWith(`A new collision for ${c}`), `${width}×${height}`, { timeout: 300_000 });
  return /\(seed \d+, .* attempts\)/.exec(await page.locator('#live-message').textContent())?.[0];
}
