// Checks handout web pages in headless Chromium and prints one JSON report
// per page (an array), for the Rust integration test to judge:
//   node check.js PAGE.html...
// axe-core runs the WCAG 2.x A and AA rules in the light and the dark
// scheme, at 1280 and 320 CSS px; the page's structure and text are read
// back as a browser (and a screen reader) sees them.
'use strict';
const fs = require('fs');
const { launch, openPage } = require('./browser');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}

/// What the page holds, read before any script of ours is added.
function structure() {
  const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText.trim());
  const onAttributes = [...document.querySelectorAll('*')].flatMap((e) =>
    [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name));
  return {
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    title: document.title,
    h1: texts('h1'),
    h2: texts('h2'),
    text: document.body.innerText,
    tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    scripts: document.querySelectorAll('script, iframe, object, embed').length + onAttributes.length
      + [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')].length,
    landmarks: ['header', 'main', 'footer'].filter((t) => document.querySelector(t)),
    lists: document.querySelectorAll('main ol, main ul').length,
    images: [...document.querySelectorAll('img')].map((i) => i.getAttribute('alt')),
    svgs: [...document.querySelectorAll('svg')].map((s) => s.getAttribute('aria-label')),
    urgent: texts('.care-card h2 .visually-hidden'),
    textAlign: [...document.querySelectorAll('main p')].map((p) => getComputedStyle(p).textAlign)[0],
    pictograms: [...document.querySelectorAll('svg.icon')].map((s) => ({
      hidden: s.getAttribute('aria-hidden') === 'true',
      label: s.getAttribute('aria-label'),
      paths: s.querySelectorAll('path').length,
      width: s.getBoundingClientRect().width,
    })),
    foreign: [...document.querySelectorAll('body [lang]')].map((e) => e.getAttribute('lang')),
    smallestText: Math.min(...[...document.querySelectorAll('body *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .filter((e) => !e.closest('.visually-hidden'))
      .map((e) => parseFloat(getComputedStyle(e).fontSize))),
  };
}

async function checkPage(browser, file) {
  const wide = await openPage(browser, file, { width: 1280 });
  const report = { file, ...(await wide.page.evaluate(structure)) };
  report.violations = await axe(wide.page);
  await wide.page.close();

  const dark = await openPage(browser, file, { width: 1280, dark: true });
  report.darkViolations = await axe(dark.page);
  await dark.page.close();

  // WCAG 1.4.10: at 320 CSS px nothing scrolls sideways.
  const narrow = await openPage(browser, file, { width: 320, height: 640 });
  report.narrow = await narrow.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  report.narrowViolations = await axe(narrow.page);
  report.requests = [...wide.requests, ...dark.requests, ...narrow.requests];
  await narrow.page.close();
  return report;
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node check.js PAGE.html...');
    process.exit(2);
  }
  const { browser, close } = await launch();
  try {
    const reports = [];
    for (const file of files) reports.push(await checkPage(browser, file));
    process.stdout.write(JSON.stringify(reports));
  } finally {
    await close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
