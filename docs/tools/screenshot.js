// node screenshot.js page.html out.png: a PNG of the page's #screen element (Chromium through playwright-core).
const { chromium } = require('playwright-core');
(async () => {
  const [page, out] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
  const tab = await browser.newPage({ deviceScaleFactor: 2 });
  await tab.goto('file://' + require('path').resolve(page));
  await (await tab.$('#screen')).screenshot({ path: out });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
