// The two-systems sandbox, used the way a class would (issue: the chat app a class can use).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, openChat, pause, tabTo, OUT, BASE_URL } from './browser.js';

const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');
const TANKS = readFileSync(new URL('../www/samples/tank-column.png', import.meta.url));
const TANKS_MD5 = md5(TANKS);

// Phones are numbered by account: 0 Wang Fang (China), 1 Chen Jie (China, Canadian number),
// 2 Amira (international), 3 Tom (international).
const phone = (n) => `#phone-${n}`;

async function sendSample(page, n, id) {
  await page.locator(`${phone(n)} .sample-menu summary`).click();
  await page.locator(`${phone(n)} .sample-choice[data-sample="${id}"]`).click();
}

async function eventsOfKind(page, kind) {
  return page.locator(`.events li[data-kind="${kind}"]`).allTextContents();
}

test('the surveillance story by hand, with a reload in the middle', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await pause(page);
    await page.click('#behind-toggle');

    // 1. Trigger: the sensitive picture among international accounts only. It is delivered.
    await openChat(page, 2, 'Amira & Tom');
    await sendSample(page, 2, 'tank-column');
    await page.waitForSelector(`${phone(3)} img[alt="picture: tank-column.png"]`);
    assert.equal(await page.locator('#index-one-to-one .entry').count(), 0, 'nothing learned before the analysis');

    // 2. Wait: the hidden analysis flags it and its MD5 is listed, with where it came from.
    await page.click('#clock-step');
    const learned = page.locator(`#index-one-to-one .entry[data-md5="${TANKS_MD5}"]`);
    await learned.waitFor();
    assert.match(await learned.textContent(), /learned from message #1/);
    await page.screenshot({ path: `${OUT}/sandbox-learned-1280.png`, fullPage: true });

    // The lesson survives a reload in the middle of the story.
    await page.reload();
    await page.waitForSelector('#main');
    await page.locator(`#index-one-to-one .entry[data-md5="${TANKS_MD5}"]`).waitFor();
    await page.waitForSelector(`${phone(3)} img[alt="picture: tank-column.png"]`);

    // 3. Measure: the identical picture to a China-registered account is dropped silently.
    await pause(page);
    await openChat(page, 2, 'Amira & Wang Fang');
    await sendSample(page, 2, 'tank-column');
    await page.waitForFunction(() => [...document.querySelectorAll('.events li[data-kind="dropped"]')].length > 0);
    // The sender sees it as sent; the recipient sees nothing at all.
    const sentBubble = page.locator(`${phone(2)} .bubble.mine`, { hasText: 'tank-column.png' });
    await sentBubble.waitFor();
    assert.match(await sentBubble.textContent(), /sent ✓/);
    assert.equal(await page.locator(`${phone(0)} .bubble`).count(), 0);
    assert.match(await page.locator(`${phone(0)} .messages`).textContent(), /No messages yet/);
    // The server says why, and the rule behind it.
    const dropped = await eventsOfKind(page, 'dropped');
    assert.ok(dropped.some((t) => t.includes('Wang Fang')), dropped.join('\n'));
    await page.locator('.events li[data-kind="dropped"] button').first().click();
    const detail = await page.locator('#event-detail').textContent();
    assert.match(detail, /China-registered/);
    assert.match(detail, /Source:/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a keyword combination is blocked in the mixed group, and passes with a part missing', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.click('#behind-toggle');
    for (const n of [0, 1, 2, 3]) await openChat(page, n, 'Study group');
    await sendSample(page, 2, 'text-li-wenliang');
    // Tom (international) receives it; Wang Fang and Chen Jie (China-registered) do not.
    await page.locator(`${phone(3)} .bubble`, { hasText: '李文亮' }).waitFor();
    assert.equal(await page.locator(`${phone(0)} .bubble`, { hasText: '李文亮' }).count(), 0);
    assert.equal(await page.locator(`${phone(1)} .bubble`, { hasText: '李文亮' }).count(), 0);
    const hits = await eventsOfKind(page, 'keywords hit');
    assert.ok(hits.some((t) => t.includes('冠状病毒+人传人+李文亮')), hits.join('\n'));

    await sendSample(page, 2, 'text-li-wenliang-near');
    await page.locator(`${phone(0)} .bubble`).first().waitFor();
    assert.equal(await page.locator(`${phone(0)} .bubble`).count(), 1, 'the near miss reaches Wang Fang');
    assert.equal(await page.locator(`${phone(1)} .bubble`).count(), 1, 'and Chen Jie');
  } finally {
    await app.close();
  }
});

test('a file sent with the keyboard only', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const body = Buffer.from('Minutes of the reading club.\n');
    // Settled first: a render that lands between the focus and the key press (the tray's
    // pictures arriving on a loaded machine) must not be what this test measures.
    await page.waitForLoadState('networkidle');
    await tabTo(page, `${phone(2)} input.attach`);
    assert.ok(await page.evaluate((s) => document.activeElement.matches(s), `${phone(2)} input.attach`));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles({ name: 'minutes.txt', mimeType: 'text/plain', buffer: body });
    const received = page.locator(`${phone(3)} .bubble`, { hasText: 'minutes.txt' });
    await received.waitFor();
    assert.match(await received.locator('code').getAttribute('title'), new RegExp(md5(body)));
    // The focus ring is visible on the label of the focused (visually hidden) input.
    await tabTo(page, `${phone(2)} input.attach`);
    const outline = await page.evaluate((sel) => {
      const label = document.querySelector(sel).nextElementSibling;
      return getComputedStyle(label).outlineStyle;
    }, `${phone(2)} input.attach`);
    assert.equal(outline, 'solid');
  } finally {
    await app.close();
  }
});

test('a corrupt picture and an empty file get clear messages and the app keeps working', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const corrupt = Buffer.concat([TANKS.subarray(0, 200), Buffer.alloc(300, 7)]);
    await page.setInputFiles(`${phone(2)} input.attach`, { name: 'broken.png', mimeType: 'image/png', buffer: corrupt });
    const note = page.locator(`${phone(2)} .note`);
    await note.waitFor();
    assert.match(await note.textContent(), /broken\.png was sent, but the server cannot analyse it: .*damaged|truncated/);

    await page.setInputFiles(`${phone(2)} input.attach`, { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
    await page.waitForFunction(() => /empty\.png was sent, but the server cannot analyse it: .*empty/.test(document.querySelector('#phone-2 .note')?.textContent ?? ''));
    // Both were still routed like any file (the platform hashes everything).
    await page.locator(`${phone(3)} .bubble`, { hasText: 'empty.png' }).waitFor();
    await page.locator(`${phone(3)} .bubble`, { hasText: 'broken.png' }).waitFor();

    // And the app carries on.
    await page.fill(`${phone(2)} .compose-text`, 'still here');
    await page.press(`${phone(2)} .compose-text`, 'Enter');
    await page.locator(`${phone(3)} .bubble`, { hasText: 'still here' }).waitFor();
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('no request leaves the page\'s own origin', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.click('#behind-toggle');
    await sendSample(page, 2, 'candle-vigil');
    await page.waitForSelector(`${phone(3)} img`);
    await page.click('#clock-step');
    const origin = new URL(BASE_URL).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, []);
    assert.ok(app.requests.length > 3, 'requests were recorded');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'/);
  } finally {
    await app.close();
  }
});

test('screenshots at 1280 px and 375 px wide', async () => {
  for (const width of [1280, 375]) {
    const app = await openApp({ width, height: 900 });
    try {
      await sendSample(app.page, 2, 'tank-column');
      await app.page.waitForSelector(`${phone(3)} img`);
      await app.page.screenshot({ path: `${OUT}/sandbox-${width}.png`, fullPage: true });
      await app.page.click('#behind-toggle');
      await app.page.screenshot({ path: `${OUT}/sandbox-behind-${width}.png`, fullPage: true });
      // Nothing overflows the viewport sideways.
      const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px viewport`);
    } finally {
      await app.close();
    }
  }
});

test('the censor\'s console: a keyword added by hand blocks, the log exports as JSON and CSV, and the lists export and import as JSON', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.click('#behind-toggle');
    await page.locator('.console summary', { hasText: 'Keyword list' }).click();
    await page.fill('#keyword-entry', 'picnic+bridge');
    await page.press('#keyword-entry', 'Enter');
    await page.locator('.keywords .entry', { hasText: 'picnic+bridge' }).waitFor();
    assert.match(await page.locator('.keywords .entry', { hasText: 'picnic+bridge' }).textContent(), /added by hand/);

    await openChat(page, 2, 'Amira & Wang Fang');
    await page.fill(`${phone(2)} .compose-text`, 'meet at the bridge for a picnic');
    await page.press(`${phone(2)} .compose-text`, 'Enter');
    await page.locator(`${phone(2)} .bubble.mine`, { hasText: 'picnic' }).waitFor();
    assert.equal(await page.locator(`${phone(0)} .bubble`).count(), 0, 'blocked for Wang Fang');

    // Selecting the decisive event highlights the message and the list entry.
    await page.locator('.events li[data-kind="keywords hit"] button').first().click();
    await page.locator(`${phone(2)} .bubble.highlight`).waitFor();
    await page.locator('.keywords .entry.highlight', { hasText: 'picnic+bridge' }).waitFor();

    // The event log exports as JSON and as CSV, with the same events; the drop is in both.
    const [logJson] = await Promise.all([page.waitForEvent('download'), page.click('text=Export event log (JSON)')]);
    const events = JSON.parse(readFileSync(await logJson.path(), 'utf8'));
    const [logCsv] = await Promise.all([page.waitForEvent('download'), page.click('text=Export event log (CSV)')]);
    const csv = readFileSync(await logCsv.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'seq,time_s,event,message,recipient,md5,rule,rule_source,rule_confidence,recipient_policy,list_entry,explanation');
    assert.ok(lines.length >= events.length + 1, `${lines.length - 1} CSV rows for ${events.length} events`);
    const drop = events.find((e) => e.kind.kind === 'dropped');
    assert.ok(drop, 'the JSON log has the drop');
    assert.ok(lines.some((l) => l.startsWith(`${drop.seq},`) && l.includes(',dropped,') && l.includes('Wang Fang') && l.includes('keyword entry #')),
      'the CSV row of the drop names the recipient and the list entry');

    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('text=Export lists (JSON)')]);
    const lists = JSON.parse(readFileSync(await saved.path(), 'utf8'));
    assert.ok(lists.keywords.some((k) => k.combination === 'picnic+bridge'));

    // Import a changed copy: the hand-made entry removed.
    lists.keywords = lists.keywords.filter((k) => k.combination !== 'picnic+bridge');
    await page.setInputFiles('#import-lists', { name: 'lists.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lists)) });
    await page.waitForFunction(() => ![...document.querySelectorAll('.keywords .entry')].some((e) => e.textContent.includes('picnic+bridge')));
    // A damaged file is refused with a reason, and nothing changes.
    await page.setInputFiles('#import-lists', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"keywords": 3}') });
    await page.waitForSelector('.banner.error');
    assert.match(await page.locator('.banner.error').textContent(), /not a hashwall list export/);
  } finally {
    await app.close();
  }
});

test('a reference picture added in the console carries a PDQ signature, and the console can compare with PDQ', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await pause(page);
    await page.click('#behind-toggle');
    // A harmless tray picture becomes a reference through the console's file picker.
    await page.locator('.console summary', { hasText: 'Visual reference pictures' }).click();
    const flowers = readFileSync(new URL('../www/samples/flowers.png', import.meta.url));
    await page.setInputFiles('#reference-file', { name: 'flowers.png', mimeType: 'image/png', buffer: flowers });
    await page.locator('.references .entry', { hasText: 'flowers.png' }).waitFor();

    // The choice of matcher is a setting like the others, off by default.
    await page.locator('.console summary', { hasText: 'Rules the research left open' }).click();
    const pdq = page.locator('#option-compare_with_pdq');
    assert.equal(await pdq.isChecked(), false);
    assert.match(await page.locator('.option', { has: pdq }).textContent(), /industry perceptual hash, for comparison.*hypothesis \(A8, A9\)/s);
    await pdq.check();
    await page.locator('.events li[data-kind="options"]', { hasText: 'compared with PDQ' }).waitFor();

    // The same picture among international accounts: PDQ compares it with the new reference
    // (the worker kept its PDQ signature) and flags it, and the server view says PDQ compared.
    await openChat(page, 2, 'Amira & Tom');
    await sendSample(page, 2, 'flowers');
    await page.waitForSelector(`${phone(3)} img[alt="picture: flowers.png"]`);
    await page.click('#clock-step');
    const flagged = page.locator('.events li[data-kind="flagged"]', { hasText: 'flowers.png' });
    await flagged.waitFor();
    assert.match(await flagged.textContent(), /flowers\.png\u2069?" \(by PDQ, for comparison\), match: 0 of 256 bits differ/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('the Citizen Lab experiment by hand with the built-in twins', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await pause(page);
    await page.click('#behind-toggle');
    // 1. Control: twin B (the cat) reaches Wang Fang.
    await openChat(page, 2, 'Amira & Wang Fang');
    await sendSample(page, 2, 'twin-benign');
    await page.waitForSelector(`${phone(0)} img[alt="picture: twin-benign.jpg"]`);
    await page.click('#clock-step');
    // 2. Trigger: twin A (the tanks) among international accounts only.
    await openChat(page, 2, 'Amira & Tom');
    await sendSample(page, 2, 'twin-sensitive');
    await page.waitForSelector(`${phone(3)} img[alt="picture: twin-sensitive.jpg"]`);
    // Same MD5, yet each phone shows its own picture.
    const srcA = await page.getAttribute(`${phone(3)} img[alt="picture: twin-sensitive.jpg"]`, 'src');
    const srcB = await page.getAttribute(`${phone(0)} img[alt="picture: twin-benign.jpg"]`, 'src');
    assert.notEqual(srcA, srcB);
    // 3. Wait: the analysis flags twin A and lists the shared MD5.
    await page.click('#clock-step');
    await page.locator('#index-one-to-one .entry', { hasText: 'twin-sensitive.jpg' }).waitFor();
    // 4. Measure: twin B, harmless, is now dropped for Wang Fang.
    await openChat(page, 2, 'Amira & Wang Fang');
    await sendSample(page, 2, 'twin-benign');
    await page.waitForFunction(() => document.querySelectorAll('#phone-2 .bubble.mine').length === 2);
    await page.waitForFunction(() => document.querySelectorAll('.events li[data-kind="dropped"]').length === 1);
    assert.equal(await page.locator(`${phone(0)} img`).count(), 1, 'Wang Fang still has only the first copy');
  } finally {
    await app.close();
  }
});

test('drag-and-drop, paste, and a new account and chat', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // A file dropped on Amira's composer is sent into her open chat (with Tom).
    const dropFile = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.dispatchEvent(`${phone(2)} .composer`, 'drop', { dataTransfer: dropFile });
    await page.locator(`${phone(3)} .bubble`, { hasText: 'dropped.txt' }).waitFor();

    // A tray sample dragged onto a phone is sent too.
    const dropSample = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.setData('application/x-hashwall-sample', 'bicycle');
      return dt;
    });
    await page.dispatchEvent(`${phone(2)} .composer`, 'drop', { dataTransfer: dropSample });
    await page.waitForSelector(`${phone(3)} img[alt="picture: bicycle.png"]`);

    // A picture pasted into the message field is sent as a file.
    await page.evaluate(async () => {
      const bytes = await (await fetch('samples/flowers.png')).arrayBuffer();
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.querySelector('#phone-2 .compose-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector(`${phone(3)} img[alt="picture: pasted.png"]`);

    // A new China-registered account and a chat with Tom.
    await page.locator('.manage summary').click();
    await page.fill('#new-name', 'Li Na');
    await page.fill('#new-number', '+86 137 0000 0005');
    await page.click('text=Register account');
    await page.locator('#phone-4 .region', { hasText: 'China-registered' }).waitFor();
    await page.fill('#new-chat', 'Tom & Li Na');
    await page.selectOption('.manage select', 'one-to-one');
    await page.locator('.members label', { hasText: 'Tom' }).locator('input').check();
    await page.locator('.members label', { hasText: 'Li Na' }).locator('input').check();
    await page.click('text=Create chat');
    await page.locator(`${phone(4)} .chat-tab`, { hasText: 'Tom & Li Na' }).waitFor();
    // A bad number is refused with a reason.
    await page.fill('#new-name', 'Nobody');
    await page.fill('#new-number', '12345');
    await page.click('text=Register account');
    assert.match(await page.locator('.banner.error').textContent(), /phone number/);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a chat scrolls to its newest message, and a selected event brings its message into view', async () => {
  const app = await openApp();
  const { page } = app;
  // Whether a bubble lies inside its message list's visible box.
  const visible = (selector) => page.evaluate((s) => {
    const bubble = document.querySelector(s).getBoundingClientRect();
    const list = document.querySelector(s).closest('.messages').getBoundingClientRect();
    return bubble.top >= list.top - 1 && bubble.bottom <= list.bottom + 1;
  }, selector);
  try {
    await pause(page);
    await page.click('#behind-toggle');
    for (let i = 1; i <= 10; i++) {
      await page.fill(`${phone(2)} .compose-text`, `message ${i} of 10`);
      await page.press(`${phone(2)} .compose-text`, 'Enter');
    }
    await page.locator(`${phone(3)} .bubble`, { hasText: 'message 10 of 10' }).waitFor();
    const overflowing = await page.evaluate(() => { const l = document.querySelector('#phone-3 .messages'); return l.scrollHeight > l.clientHeight; });
    assert.ok(overflowing, 'ten messages overflow the list');
    const first = `${phone(3)} .bubble:first-child`;
    const last = `${phone(3)} .bubble:last-child`;
    assert.ok(await visible(last), 'the newest message is in view');
    assert.ok(!(await visible(first)), 'the oldest has scrolled away');

    const oldest = page.locator('.events li[data-kind="delivered"] button').last();
    await oldest.scrollIntoViewIfNeeded();
    const pageScroll = await page.evaluate(() => window.scrollY);
    await oldest.click();
    await page.waitForSelector(`${phone(3)} .bubble.highlight`);
    assert.match(await page.locator(`${phone(3)} .bubble.highlight`).textContent(), /message 1 of 10/);
    await page.waitForFunction((s) => {
      const b = document.querySelector(s).getBoundingClientRect();
      const l = document.querySelector(s).closest('.messages').getBoundingClientRect();
      return b.top >= l.top - 1 && b.bottom <= l.bottom + 1;
    }, `${phone(3)} .bubble.highlight`);
    assert.equal(await page.evaluate(() => window.scrollY), pageScroll, 'only the list scrolled, not the page');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('a worker that dies mid-job: the send fails with a message, and the next one works', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    // No worker runs until there is work for one.
    await page.waitForTimeout(500);
    assert.equal(page.workers().length, 0, 'the worker starts on demand');
    // The first file starts it; then make it die on its next job.
    await sendSample(page, 2, 'flowers');
    await page.waitForSelector(`${phone(3)} img[alt="picture: flowers.png"]`);
    // The main worker, and the OCR worker that read the picture's text.
    const main = () => page.workers().filter((w) => /worker-start\.js/.test(w.url()));
    assert.equal(main().length, 1, page.workers().map((w) => w.url()).join(' '));
    assert.ok(page.workers().some((w) => /ocr-worker\.js$/.test(w.url())), 'the OCR worker');
    const [worker] = main();
    // Once its wasm listens (it sets onmessage, then says Ready), replace the listener.
    await worker.evaluate(() => new Promise((ready) => {
      const poll = setInterval(() => { if (self.onmessage) { clearInterval(poll); ready(); } }, 20);
    }));
    await worker.evaluate(() => { self.onmessage = () => { throw new Error('simulated crash'); }; });

    await sendSample(page, 2, 'bicycle');
    const note = page.locator(`${phone(2)} .note`);
    await note.waitFor();
    assert.match(await note.textContent(), /background worker stopped.*Try again/);
    assert.equal(await page.locator(`${phone(3)} .bubble`).count(), 1, 'the bicycle was not delivered');
    for (let i = 0; i < 50 && main().length > 0; i++) await page.waitForTimeout(100);
    assert.equal(main().length, 0, 'the dead worker is gone');

    // A fresh worker starts for the next file: the same picture now goes through.
    await sendSample(page, 2, 'bicycle');
    await page.waitForSelector(`${phone(3)} img[alt="picture: bicycle.png"]`);
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});

test('the twins experiment with the keyboard only, through the phones\' sample menus', async () => {
  const app = await openApp();
  const { page } = app;
  const openChatByKeyboard = async (name) => {
    for (let i = 0; i < 80; i++) {
      const on = await page.evaluate((n) => document.activeElement?.matches('#phone-2 .chat-tab') && document.activeElement.textContent.startsWith(n), name);
      if (on) return page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
    }
    throw new Error(`could not reach the chat tab ${name} with the keyboard`);
  };
  const chooseSample = async (sample) => {
    await tabTo(page, `${phone(2)} .sample-menu summary`);
    await page.keyboard.press('Enter');
    await tabTo(page, `${phone(2)} .sample-choice[data-sample="${sample}"]`, 80);
    await page.keyboard.press('Enter');
    // The menu closes and the focus returns to its summary, not to a hidden button.
    assert.equal(await page.evaluate(() => document.activeElement.matches('#phone-2 .sample-menu summary')), true);
    assert.equal(await page.getAttribute(`${phone(2)} .sample-menu`, 'open'), null);
  };
  try {
    await openChatByKeyboard('Amira & Wang Fang');
    await chooseSample('twin-benign');
    await page.waitForSelector(`${phone(0)} img[alt="picture: twin-benign.jpg"]`);

    await openChatByKeyboard('Amira & Tom');
    await chooseSample('twin-sensitive');
    await page.waitForSelector(`${phone(3)} img[alt="picture: twin-sensitive.jpg"]`);
    // Let the analysis run: Step (from the keyboard) jumps the clock to the next due job.
    await tabTo(page, '#clock-step');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.clock')?.textContent.includes('no analysis pending'));

    await openChatByKeyboard('Amira & Wang Fang');
    // Escape closes an open menu too.
    await tabTo(page, `${phone(2)} .sample-menu summary`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute(`${phone(2)} .sample-menu`, 'open'), null);
    await chooseSample('twin-benign');
    await page.waitForFunction(() => document.querySelectorAll('#phone-2 .bubble.mine').length === 2);
    assert.equal(await page.locator(`${phone(0)} img`).count(), 1, 'the second copy never reaches Wang Fang');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
