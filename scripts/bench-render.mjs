// What the page costs while time passes: main-thread busy time per second and renders per
// second, with 200 events in the server's log and the instructor's view open, once paused and
// once playing at 16×. A paused page should cost (almost) nothing.
//
//   node scripts/bench-render.mjs [dist-folder] [seconds]
//
// Renders are counted by the app itself (`window.wasmBindings.render_counts()`, per
// component); busy time is Chromium's own TaskDuration (Performance.getMetrics).
import { serveDir, launchChromium } from './bench-lib.mjs';

const dist = process.argv[2] ?? 'dist';
const seconds = Number(process.argv[3] ?? 5);
const server = await serveDir(dist);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
try {
  await page.goto(`${server.url}#sandbox`);
  await page.waitForSelector('#phone-2 .compose-text');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  // Pause, open the study group on Amira's phone, and fill the log: each message in the
  // group of four makes five events (sent, the keyword check, three deliveries).
  if ((await page.getAttribute('#clock-toggle', 'aria-pressed')) === 'false') await page.click('#clock-toggle');
  await page.locator('#phone-2 .chat-tab', { hasText: 'Study group' }).click();
  const input = page.locator('#phone-2 .compose-text');
  for (let i = 0; i < 40; i++) {
    await input.fill(`message ${i} about the weather`);
    await input.press('Enter');
  }
  await page.click('#behind-toggle');
  const events = await page.locator('.events li').count();

  const renders = async () => {
    const counts = await page.evaluate(() => window.wasmBindings?.render_counts?.() ?? null);
    return counts ? JSON.parse(counts) : null;
  };
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration').value;
  };
  const measure = async (label) => {
    await page.waitForTimeout(500);
    const [r0, b0, t0] = [await renders(), await busy(), Date.now()];
    await page.waitForTimeout(seconds * 1000);
    const [r1, b1, t1] = [await renders(), await busy(), Date.now()];
    const wall = (t1 - t0) / 1000;
    const busyMs = ((b1 - b0) * 1000) / wall;
    let line = `${label.padEnd(22)} busy ${busyMs.toFixed(1).padStart(6)} ms/s`;
    if (r0 && r1) {
      const per = Object.keys(r1).map((k) => [k, ((r1[k] - (r0[k] ?? 0)) / wall)]).filter(([, n]) => n > 0);
      const total = per.reduce((s, [, n]) => s + n, 0);
      line += `   renders ${total.toFixed(1).padStart(6)} /s`;
      if (per.length) line += `   (${per.map(([k, n]) => `${k} ${n.toFixed(1)}`).join(', ')})`;
    } else {
      line += '   renders: not counted by this build';
    }
    console.log(line);
  };

  console.log(`${events} events in the log, instructor's view open, ${seconds} s per measurement`);
  await measure('paused');
  await page.click('#clock-toggle');
  await page.getByRole('radio', { name: '16×' }).click();
  await measure('playing at 16×');
} finally {
  await browser.close();
  server.close();
}
