// Remakes the README's two screenshots from the release build in dist/ (run `trunk build --release`
// first): the sandbox after the Citizen Lab experiment with the twins, and the lab showing the
// built-in pair. Usage: node scripts/screenshots.mjs [OUT_DIR]   (default: docs/)
import { serveDir, launchChromium } from './bench-lib.mjs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'docs';
const server = await serveDir('dist');
const browser = await launchChromium();

async function sendSample(page, phone, chat, sample) {
  await page.locator(`#phone-${phone} .chat-tab`, { hasText: chat }).click();
  await page.locator(`#phone-${phone} .sample-menu summary`).click();
  await page.locator(`#phone-${phone} .sample-choice[data-sample="${sample}"]`).click();
}

try {
  // The sandbox: twin B arrives, twin A is learned, twin B is then dropped; the drop is selected.
  const sandbox = await browser.newPage({ viewport: { width: 1400, height: 1150 } });
  await sandbox.goto(server.url);
  await sandbox.waitForSelector('#phone-3');
  await sandbox.click('#clock-toggle'); // pause: the script steps the clock itself
  await sandbox.click('#behind-toggle');
  await sendSample(sandbox, 2, 'Amira & Wang Fang', 'twin-benign');
  await sandbox.waitForSelector('#phone-0 img[alt="picture: twin-benign.jpg"]');
  await sandbox.click('#clock-step');
  await sendSample(sandbox, 2, 'Amira & Tom', 'twin-sensitive');
  await sandbox.waitForSelector('#phone-3 img[alt="picture: twin-sensitive.jpg"]');
  await sandbox.click('#clock-step');
  await sandbox.locator('#index-one-to-one .entry', { hasText: 'twin-sensitive.jpg' }).waitFor();
  await sendSample(sandbox, 2, 'Amira & Wang Fang', 'twin-benign');
  await sandbox.locator('.events li[data-kind="dropped"] button').click();
  await sandbox.evaluate(() => {
    document.querySelectorAll('.tray details').forEach((d) => { d.open = false; });
    document.querySelector('#phone-0').scrollIntoView({ block: 'start' });
    window.scrollBy(0, -300);
  });
  await sandbox.waitForTimeout(300);
  await sandbox.screenshot({ path: join(out, 'screenshot.png') });

  // The lab: the built-in pair, scrolled to the verdict and both pictures.
  const lab = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await lab.goto(new URL('#lab', server.url).href);
  await lab.click('#lab-builtin');
  await lab.waitForSelector('.verdict.ok');
  await lab.evaluate(() => { document.querySelector('.verdict.ok').scrollIntoView({ block: 'start' }); window.scrollBy(0, -24); });
  await lab.waitForTimeout(300);
  await lab.screenshot({ path: join(out, 'screenshot-lab.png') });
  console.log(`wrote ${join(out, 'screenshot.png')} and ${join(out, 'screenshot-lab.png')}`);
} finally {
  await browser.close();
  server.close();
}
