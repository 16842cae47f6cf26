// Documents for real: a PDF or Word file's text is read (by a worker loaded on the first
// document), flagged like a picture, and its MD5 learned; hostile documents get a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { openApp, openChat, pause, OUT } from './browser.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const phone = (n) => `#phone-${n}`;
const DOCUMENTS_WASM = /\/documents_bg\.wasm$/;

/** A ZIP archive of [name, bytes, deflate?] entries, written here so the test owns every byte. */
function zip(entries) {
  const locals = []; const centrals = []; let offset = 0;
  for (const [name, data, deflate] of entries) {
    const body = deflate ? deflateRawSync(data) : data;
    const head = Buffer.alloc(26);
    head.writeUInt16LE(20, 0); head.writeUInt16LE(0x0800, 2); head.writeUInt16LE(deflate ? 8 : 0, 4);
    head.writeUInt16LE(0, 6); head.writeUInt16LE(33, 8); head.writeUInt32LE(crc32(data), 10);
    head.writeUInt32LE(body.length, 14); head.writeUInt32LE(data.length, 18);
    head.writeUInt16LE(Buffer.byteLength(name), 22); head.writeUInt16LE(0, 24);
    const local = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), head, Buffer.from(name), body]);
    const tail = Buffer.alloc(14); tail.writeUInt32LE(offset, 10);
    centrals.push(Buffer.concat([Buffer.from('PK\x01\x02', 'latin1'), Buffer.from([20, 0]), head, tail, Buffer.from(name)]));
    locals.push(local); offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1'); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

const documentXml = (body) => Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
  + body + '</w:body></w:document>');
const paragraphs = (lines) => documentXml(lines.map((l) => `<w:p><w:r><w:t>${l}</w:t></w:r></w:p>`).join(''));

async function attach(page, name, mimeType, buffer) {
  await page.setInputFiles(`${phone(2)} input.attach`, { name, mimeType, buffer });
}

test('a Word file of your own is read, flagged among international accounts, and then stopped for Wang Fang by its MD5', async () => {
  const app = await openApp();
  const { page, requests } = app;
  try {
    await pause(page);
    await page.click('#behind-toggle');
    assert.ok(!requests.some((u) => DOCUMENTS_WASM.test(u)), 'the documents reader is not loaded up front');
    const brief = zip([['word/document.xml', paragraphs(['内部简报', '习近平到武汉视察社区。']), true]]);

    // Trigger: among international accounts only, delivered.
    await openChat(page, 2, 'Amira & Tom');
    await attach(page, 'brief.docx', DOCX, brief);
    await page.locator(`${phone(3)} .bubble`, { hasText: 'brief.docx' }).waitFor();
    assert.ok(requests.some((u) => DOCUMENTS_WASM.test(u)), 'the documents reader loaded for the first document');

    // Wait: the analysis reads its text, flags it, and learns its MD5.
    await page.click('#clock-step');
    await page.locator('#index-one-to-one .entry', { hasText: 'brief.docx' }).waitFor();
    const analysed = (await page.locator('.events li').allTextContents()).join('\n');
    assert.match(analysed, /Analysis of the Word document queued/);
    assert.match(analysed, /the document's text contains every part of/);

    // Measure: the same file to a China-registered account vanishes.
    await openChat(page, 2, 'Amira & Wang Fang');
    await attach(page, 'brief.docx', DOCX, brief);
    await page.waitForFunction(() => document.querySelectorAll('.events li[data-kind="dropped"]').length === 1);
    assert.equal(await page.locator(`${phone(0)} .bubble`).count(), 0, 'Wang Fang sees nothing');
    await page.screenshot({ path: `${OUT}/documents-learned-1280.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('cut, encrypted and zip-bomb documents get a reason, are still delivered, and the tray PDF is read', async () => {
  const app = await openApp({ width: 375, height: 800 });
  const { page } = app;
  try {
    await pause(page);
    await page.click('#behind-toggle');
    await openChat(page, 2, 'Amira & Tom');
    const pdf = readFileSync(new URL('../www/samples/meeting-notes.pdf', import.meta.url));
    const ole = Buffer.alloc(4096); Buffer.from([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).copy(ole);
    const bomb = zip([['word/document.xml', documentXml(`<w:p><w:r><w:t>${'a'.repeat(40 << 20)}</w:t></w:r></w:p>`), true]]);
    assert.ok(bomb.length < 200_000, `${bomb.length} bytes`);
    const cases = [
      ['cut.pdf', 'application/pdf', pdf.subarray(0, 400), /cut\.pdf was sent, but the server cannot analyse it: the document is damaged or cut short/],
      ['bomb.docx', DOCX, bomb, /bomb\.docx was sent, but the server cannot analyse it: its text part inflates to \d+ MB or more, more than this app reads/],
      ['secret.docx', DOCX, ole, /secret\.docx was sent, but the server cannot analyse it: an Office file in the old binary format, or one protected by a password/],
    ];
    for (const [name, mime, bytes, note] of cases) {
      await attach(page, name, mime, bytes);
      await page.locator(`${phone(3)} .bubble`, { hasText: name }).waitFor();
      await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#phone-2 .note')?.textContent ?? ''), note.source);
    }
    // The app carries on: the tray's PDF is read and checked.
    await page.locator(`${phone(2)} .sample-menu summary`).click();
    await page.locator(`${phone(2)} .sample-choice[data-sample="meeting-notes-pdf"]`).click();
    await page.locator(`${phone(3)} .bubble`, { hasText: 'meeting-notes.pdf' }).waitFor();
    // Each step runs the next analysis due: the three hostile files' come first.
    const analysedPdf = () => page.evaluate(() => [...document.querySelectorAll('.events li')].some((li) => /Analysis of .*meeting-notes\.pdf/.test(li.textContent)));
    for (let i = 0; i < 6 && !(await analysedPdf()); i++) {
      await page.click('#clock-step');
      await page.waitForTimeout(200);
    }
    assert.ok(await analysedPdf(), 'the tray PDF was analysed');
    const events = (await page.locator('.events li').allTextContents()).join('\n');
    // The combination is on the group list only, and this chat is one-to-one.
    assert.match(events, /meeting-notes\.pdf[^\n]*the document's text contains no blacklisted combination/);
    await page.screenshot({ path: `${OUT}/documents-hostile-375.png`, fullPage: true });
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
