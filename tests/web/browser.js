// Headless Chromium for the page checks: Debian's package, never a
// downloaded browser, with a fresh profile and nothing that phones home.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function launch() {
  const executablePath = process.env.CHROMIUM || CANDIDATES.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('no Chromium found; install the chromium package');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handout-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    userDataDir,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const close = async () => {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { browser, close };
}

/// A page that records every request other than the file itself and
/// `data:` addresses, and refuses them.
async function openPage(browser, file, { width = 1280, height = 900, dark = false, print = false } = {}) {
  const page = await browser.newPage();
  const url = 'file://' + path.resolve(file);
  const requests = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u === url || u.startsWith('data:')) return req.continue();
    requests.push(u);
    return req.abort();
  });
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  // Media type and colour scheme in one call: each of puppeteer's own
  // calls for them resets the other.
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', {
    media: print ? 'print' : 'screen',
    features: [{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }],
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return { page, requests };
}

module.exports = { launch, openPage };
