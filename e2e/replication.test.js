// The guided replication of "We Chat, They Watch", as a class would run it: from a link,
// three trials, the results table and its export, a reload in the middle, by keyboard, narrow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp, OUT } from './browser.js';

const STEPS = ['Send the control file', 'Send the sensitive file abroad', 'Let the hidden analysis run', 'Send the benign file'];

/** Waits until the trial's files are made and the next action can be taken. */
async function ready(page, name) {
  const button = page.getByRole('button', { name });
  await button.waitFor();
  await page.waitForFunction((n) => [...document.querySelectorAll('#replication-next')].some((b) => b.textContent === n && !b.disabled), name, { timeout: 60_000 });
  return button;
}

/** Runs the current trial's four steps with clicks. */
async function runTrial(page) {
  for (const step of STEPS) (await ready(page, step)).click();
  await ready(page, 'Start the next trial');
}

test('three trials from a link, the results table and its CSV, and a reload in the middle', async () => {
  const app = await openApp({ path: '?scenario=replication' });
  const { page } = app;
  try {
    await page.getByRole('heading', { name: /Guided replication/ }).waitFor();
    assert.equal(await page.locator('a.tab[aria-current="page"]').textContent(), 'Guided replication');
    // A demonstration: every trigger takes effect.
    await page.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).check();
    await page.getByRole('button', { name: 'Start the first trial' }).click();
    await runTrial(page);
    assert.match(await page.locator('#tally').textContent(), /in 1 of 1 measured trial/);

    // Trial 2, stopped at the wait; the page is reloaded; nothing is lost.
    await page.getByRole('button', { name: 'Start the next trial' }).click();
    (await ready(page, STEPS[0])).click();
    (await ready(page, STEPS[1])).click();
    await ready(page, STEPS[2]);
    const before = await page.locator('.results-table tbody tr').count();
    await page.reload();
    await ready(page, STEPS[2]);
    assert.equal(await page.locator('.results-table tbody tr').count(), before, 'the table survives');
    assert.match(await page.locator('.trial h3').textContent(), /Trial 2/);
    (await ready(page, STEPS[2])).click();
    (await ready(page, STEPS[3])).click();
    await ready(page, 'Start the next trial');
    await page.getByRole('button', { name: 'Start the next trial' }).click();
    await runTrial(page);

    // The table: a real <table>, four lines a trial, the benign twin dropped each time.
    const table = page.getByRole('table', { name: 'Results' });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 12);
    const measured = await table.locator('tbody tr.measure').allTextContents();
    assert.equal(measured.length, 3);
    for (const line of measured) assert.match(line, /Family group.*dropped/);
    assert.match(await page.locator('#tally').textContent(), /in 3 of 3 measured trials/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export results (CSV)' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'trial,chat,file,md5,outcome,time');
    assert.equal(lines.length, 13);
    // Trigger and measure of each trial share one MD5; each trial's MD5 is new.
    const cells = lines.slice(1).map((l) => l.split(','));
    const trial = (t) => cells.filter((c) => c[0] === String(t));
    const [controls, triggers, measures] = [0, 1, 3].map((i) => [1, 2, 3].map((t) => trial(t)[i]));
    assert.ok(measures.every((c) => c[4] === 'dropped'));
    assert.equal(new Set(measures.map((c) => c[3])).size, 3, 'every trial\'s files are new');
    assert.deepEqual(triggers.map((c) => c[3]), measures.map((c) => c[3]), 'the benign twin has its sensitive twin\'s MD5');
    assert.ok(controls.every((c, i) => c[4] === 'delivered' && c[3] !== measures[i][3]), 'the control is another file, and arrives');
    assert.match(await page.locator('#replication-summary').textContent(), /HW-[0-9a-f]+-3-3/);
    await page.screenshot({ path: `${OUT}/replication-1280.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a platform that refuses collision files drops the benign twin for its blocks, and the run says it proves nothing', async () => {
  const app = await openApp({ path: '?scenario=replication' });
  const { page } = app;
  try {
    await page.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).check();
    const refusal = page.getByRole('checkbox', { name: 'The platform refuses files that carry a collision block' });
    assert.equal(await refusal.isChecked(), false, 'off by default, as WeChat evidently was');
    await refusal.check();
    await page.getByRole('button', { name: 'Start the first trial' }).click();
    await runTrial(page);
    const table = page.getByRole('table', { name: 'Results' });
    assert.match(await table.locator('tbody tr.measure').textContent(), /Family group.*dropped: collision block/);
    assert.match(await table.locator('tbody tr.control').textContent(), /delivered/);
    assert.match(await page.locator('#replication-summary').textContent(), /refused files that carry a collision block/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a trial by keyboard only, at 375 px, with the server view and a look back', async () => {
  const app = await openApp({ path: '#replication', width: 375, height: 800 });
  const { page } = app;
  try {
    await page.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Start the first trial' }).focus();
    await page.keyboard.press('Enter');
    for (const step of STEPS) {
      await ready(page, step);
      await page.locator('#replication-next').focus();
      await page.keyboard.press('Enter');
    }
    await ready(page, 'Start the next trial');
    // The server's view of the measurement: the drop, and its rule.
    await page.getByRole('checkbox', { name: 'Show what the server did' }).focus();
    await page.keyboard.press('Space');
    assert.match(await page.locator('#narration').textContent(), /Dropped silently for/);
    // Looking back at the trigger sends nothing more.
    const sent = await page.locator('.results-table tbody tr').count();
    await page.locator('#replication-back').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.match(await page.locator('#narration h4').textContent(), /Trigger/);
    assert.equal(await page.locator('.results-table tbody tr').count(), sent);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px too wide at 375 px`);
    await page.screenshot({ path: `${OUT}/replication-375.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('every citation leads to its entry on the sources page', async () => {
  const app = await openApp({ path: '#replication' });
  const { page } = app;
  try {
    await page.locator('a.cite', { hasText: 'S2' }).first().click();
    // The citation's "#sources/S2" is rewritten to the address of the entry.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('entry') === 'S2');
    const entry = page.locator('#src-S2');
    await entry.waitFor();
    assert.match(await entry.textContent(), /WeChat Surveillance Explained/);
    await page.waitForFunction(() => document.querySelector('#src-S2')?.hasAttribute('data-target'));
    // A fact, with its confidence shown.
    await page.goto(new URL('#sources/s6-4', page.url()).href);
    await page.locator('#src-s6-4').waitFor();
    assert.match(await page.locator('#src-s6-4').textContent(), /Trials and numbers/);
    assert.ok(await page.locator('.sources .conf').count() > 100);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a documents trial: the tray PDF read and learned abroad, the same PDF then dropped, the DOCX control delivered', async () => {
  const app = await openApp({ path: '?scenario=replication' });
  const { page } = app;
  try {
    await page.getByRole('checkbox', { name: 'Deterministic, for a demonstration' }).check();
    await page.getByRole('combobox').filter({ has: page.locator('option[value="Documents"]') }).selectOption('Documents');
    await page.getByRole('button', { name: 'Start the first trial' }).click();
    for (const step of [...STEPS.slice(0, 3), 'Send the same document']) (await ready(page, step)).click();
    await ready(page, 'Start the next trial');
    const rows = await page.getByRole('table', { name: 'Results' }).locator('tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[0], /weekend-plans-trial1\.docx.*delivered/);
    assert.match(rows[1], /meeting-notes-trial1\.pdf.*delivered/);
    assert.match(rows[3], /meeting-notes-trial1\.pdf.*dropped/);
    assert.match(await page.locator('#tally').textContent(), /in 1 of 1 measured trial/);
    await page.getByRole('checkbox', { name: 'Show what the server did' }).check();
    await page.screenshot({ path: `${OUT}/replication-documents-1280.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
