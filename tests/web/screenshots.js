// Screenshots of a handout web page to look at as a designer would:
//   node screenshots.js PAGE.html OUTDIR
// at 320 and 1280 CSS px, light and dark, and the print stylesheet; each
// whole page, and in screen-sized parts (NAME.WIDTH.SCHEME.N.png) to read.
'use strict';
const path = require('path');
const { launch, openPage } = require('./browser');

/// The whole page, and the page in parts of `part` CSS px.
async function shoot(page, base, width, part) {
  await page.screenshot({ path: `${base}.png`, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, n = 1; y < height; y += part, n++) {
    const clip = { x: 0, y, width, height: Math.min(part, height - y) };
    await page.screenshot({ path: `${base}.${n}.png`, clip, captureBeyondViewport: true });
  }
}

(async () => {
  const [file, out] = process.argv.slice(2);
  const name = path.basename(file, '.html');
  const { browser, close } = await launch();
  try {
    for (const width of [320, 1280]) {
      for (const dark of [false, true]) {
        const { page } = await openPage(browser, file, { width, height: 800, dark });
        const base = path.join(out, `${name}.${width}.${dark ? 'dark' : 'light'}`);
        await shoot(page, base, width, width < 600 ? 1000 : 900);
        await page.close();
      }
    }
    const { page } = await openPage(browser, file, { width: 816, height: 1056, print: true });
    await shoot(page, path.join(out, `${name}.print`), 816, 1056);
    await page.pdf({ path: path.join(out, `${name}.print.pdf`), format: 'letter' });
    await page.close();
  } finally {
    await close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
