// OCR for real (issue 11): the OCR worker (Tesseract in WebAssembly, loaded on the first
// picture) reads text the test draws, in Chinese and English, and reads nothing in the same
// text recoloured to vanish in luminosity greyscale, as in Citizen Lab's tests (sources A10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, openChat, pause, OUT } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
const sample = (name) => readFileSync(new URL(`../www/samples/${name}`, import.meta.url));
const phone = (n) => `#phone-${n}`;

async function sendSample(page, n, id) {
  await page.locator(`${phone(n)} .sample-menu summary`).click();
  await page.locator(`${phone(n)} .sample-choice[data-sample="${id}"]`).click();
}

/** Draws `lines` on a canvas in the page and has the app's OCR worker read it. */
async function readDrawn(page, { lines, ink, paper, size = 64 }) {
  return page.evaluate(async ({ lines, ink, paper, size }) => {
    const canvas = new OffscreenCanvas(900, 120 + lines.length * size * 1.6);
    const c = canvas.getContext('2d');
    c.fillStyle = paper; c.fillRect(0, 0, canvas.width, canvas.height);
    c.fillStyle = ink; c.font = `${size}px "Noto Sans CJK SC", sans-serif`; c.textBaseline = 'top';
    lines.forEach((line, i) => c.fillText(line, 40, 60 + i * size * 1.6));
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const worker = new Worker('./ocr-worker.js');
    const replies = [];
    const done = new Promise((resolve) => {
      worker.onmessage = ({ data }) => {
        const message = JSON.parse(data.json);
        replies.push(message);
        if (message === 'Ready') worker.postMessage({ json: JSON.stringify({ id: 1, request: 'ReadText' }), files: [blob] });
        else resolve(message);
      };
    });
    const reply = await done;
    worker.terminate();
    return { reply, first: replies[0] };
  }, { lines, ink, paper, size });
}

test('the OCR worker reads drawn Chinese and English text, and not text that vanishes in greyscale', async () => {
  const { page, requests, close } = await openApp();
  try {
    assert.ok(!requests.some((u) => u.endsWith('.traineddata')), 'no OCR model loads with the page');
    const plain = await readDrawn(page, { lines: ['六四 天安门 民主', '天安門 自由', 'June 4 1989'], ink: '#111', paper: '#fff' });
    assert.equal(plain.first, 'Ready');
    const read = plain.reply.Done.reply.TextRead;
    assert.ok(read, JSON.stringify(plain.reply));
    for (const word of ['六四', '天安门', '天安門', '1989']) assert.ok(read.text.includes(word), `${word} in ${read.text}`);
    assert.ok(read.confidence >= 50 && read.confidence <= 100, `confidence ${read.confidence}`);
    assert.ok(requests.some((u) => u.endsWith('/ocr/chi_sim.traineddata')), 'the models loaded for the first picture');

    // Red (220, 40, 40) has luma 93.8, like the grey (94, 94, 94) paper: after greyscale the
    // text is gone, though a person sees it plainly.
    const camouflage = await readDrawn(page, { lines: ['六四 天安门 民主', 'June 4 1989'], ink: 'rgb(220,40,40)', paper: 'rgb(94,94,94)' });
    assert.deepEqual(camouflage.reply.Done.reply.TextRead, { text: '', confidence: 0 });

    // A file that is not a picture gets a refusal the page words, not a crash.
    const refused = await page.evaluate(async () => {
      const worker = new Worker('./ocr-worker.js');
      return new Promise((resolve) => {
        worker.onmessage = ({ data }) => {
          const message = JSON.parse(data.json);
          if (message === 'Ready') {
            worker.postMessage({ json: JSON.stringify({ id: 2, request: 'ReadText' }), files: [new Blob(['not a picture'])] });
          } else { worker.terminate(); resolve(message); }
        };
      });
    });
    assert.equal(refused.Done.reply.Refused.failure.key, 'filters.ocr.undecodable');
  } finally {
    await close();
  }
});

test('in the sandbox, the leaflet is flagged by the text OCR reads in it, and its luminosity camouflage passes', async () => {
  const app = await openApp();
  const { page, requests } = app;
  const LEAFLET = md5(sample('protest-leaflet.png'));
  const CAMOUFLAGE = md5(sample('leaflet-camouflage.png'));
  try {
    await pause(page);
    await page.click('#behind-toggle');
    for (const n of [0, 1, 2, 3]) await openChat(page, n, 'Study group');

    // Trigger: Amira sends the leaflet to the group. It is new to the platform, so everyone
    // gets it; the hidden analysis then reads its text and flags it.
    await sendSample(page, 2, 'protest-leaflet');
    await page.waitForSelector(`${phone(0)} img[alt="picture: protest-leaflet.png"]`);
    assert.ok(requests.some((u) => u.endsWith('/ocr/chi_tra.traineddata')), 'OCR loaded for the picture');
    await page.click('#clock-step');
    const learned = page.locator(`#index-group .entry[data-md5="${LEAFLET}"]`);
    await learned.waitFor();
    const flagged = page.locator('.events li[data-kind="flagged"]', { hasText: 'protest-leaflet.png' });
    await flagged.locator('button').first().click();
    const detail = await page.locator('#event-detail').textContent();
    assert.match(detail, /OCR read “[^”]*六四[^”]*” \(confidence \d+%\), which contains every part of \u2068?六四\+学生\+民主运动/);
    assert.match(detail, /Source:/);
    await page.screenshot({ path: `${OUT}/sandbox-ocr-1280.png`, fullPage: true });

    // Measure: the same leaflet again is dropped for the China-registered members.
    await sendSample(page, 2, 'protest-leaflet');
    await page.locator('.events li[data-kind="dropped"]', { hasText: 'Wang Fang' }).first().waitFor();
    assert.equal(await page.locator(`${phone(0)} img[alt="picture: protest-leaflet.png"]`).count(), 1, 'only the first copy');

    // The camouflaged leaflet: a person reads it, OCR on its greyscale reads nothing.
    await sendSample(page, 2, 'leaflet-camouflage');
    await page.waitForSelector(`${phone(0)} img[alt="picture: leaflet-camouflage.png"]`);
    await page.click('#clock-step');
    const analysed = page.locator('.events li[data-kind="analysed"]', { hasText: 'leaflet-camouflage.png' });
    await analysed.waitFor();
    await analysed.locator('button').first().click();
    assert.match(await page.locator('#event-detail').textContent(), /no text to check \(no text found\)/);
    assert.equal(await page.locator(`#index-group .entry[data-md5="${CAMOUFLAGE}"]`).count(), 0);
    await sendSample(page, 2, 'leaflet-camouflage');
    await page.waitForFunction(() => document.querySelectorAll('#phone-0 img[alt="picture: leaflet-camouflage.png"]').length === 2);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
