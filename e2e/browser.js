// Shared Playwright set-up: Debian's Chromium, a fresh profile, and a record of every request.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const OUT = process.env.E2E_OUT ?? 'target/test-output/e2e';
mkdirSync(OUT, { recursive: true });

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens the app in a fresh headless Chromium. `requests` lists every URL the page asked for. */
export async function openApp({ width = 1280, height = 900, path = '', colorScheme = 'light' } = {}) {
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
  await page.waitForSelector('#main');
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
