// check-exported-pages.js — opens HTML pages exported by `jupyter nbconvert --to html` in Chromium and reports, as one
// JSON line per page, what a reader sees: every image and SVG with its rendered size, every table with its row count,
// and the same tables once more with scripts disabled and every style sheet removed (as GitHub and nbviewer strip
// them), all offline (requests to the network fail and are reported in "offline").
// Usage: node check-exported-pages.js CHROMIUM [--screenshot PAGE.html=OUT.png] PAGE.html...
// Run with NODE_PATH set to the folder tests/tools/install-playwright prints.
const { chromium } = require('playwright-core');

async function measure(page) {
  return page.evaluate(() => {
    const inked = img => {
      if (!img.naturalWidth || !img.naturalHeight) return 0;
      const canvas = document.createElement('canvas');
      canvas.width = Math.min(img.naturalWidth, 400);
      canvas.height = Math.min(img.naturalHeight, 400);
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0, canvas.width, canvas.height);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) count++;
      return count;
    };
    const box = e => { const r = e.getBoundingClientRect(); return { width: Math.round(r.width), height: Math.round(r.height) }; };
    const outputs = '.jp-OutputArea-output, .output_area';
    return {
      // inked: pixels that are neither white nor transparent, read back through a canvas (data: and file: images
      // are same-origin here), so an image that loads but draws nothing is caught.
      images: [...document.querySelectorAll('img')].filter(i => i.closest(outputs))
        .map(i => ({ ...box(i), natural: i.naturalWidth * i.naturalHeight, inked: inked(i), src: i.src.slice(0, 30) })),
      // shapes: what an inline SVG draws; an HTML cleaner that keeps <svg> but drops its children leaves an empty box.
      svgs: [...document.querySelectorAll('svg')].filter(s => s.closest(outputs) && !s.parentElement.closest('svg'))
        .map(s => ({ ...box(s), shapes: s.querySelectorAll('path, rect, circle, ellipse, line, polyline, polygon, text, image, use').length })),
      tables: [...document.querySelectorAll('table')].filter(t => t.closest(outputs))
        .map(t => ({ rows: t.tBodies.length ? [...t.tBodies].reduce((n, b) => n + b.rows.length, 0) : t.rows.length, ...box(t),
                     more: [...t.querySelectorAll('td')].some(td => /more rows? \(\d+ in all\)/.test(td.textContent)) })),
      errors: [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], .output_error')].map(e => e.textContent.slice(0, 200)),
    };
  });
}

(async () => {
  const [executablePath, ...rest] = process.argv.slice(2);
  const shots = new Map();
  const pages = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--screenshot') { const [p, o] = rest[++i].split('='); shots.set(p, o); } else pages.push(rest[i]);
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const full = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const bare = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: false });
    // Read offline, as a page mailed to a class is: whatever an output fetches from the network does not load.
    const offline = [];
    for (const context of [full, bare]) {
      await context.route(/^(https?|wss?):/, route => { offline.push(route.request().url()); return route.abort(); });
    }
    for (const file of pages) {
      const url = 'file://' + require('path').resolve(file);
      const page = await full.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => [...document.images].every(i => i.complete), null, { timeout: 30000 });
      const seen = await measure(page);
      if (shots.has(file)) {
        // Where a long result is cut: its first rows, the "… N more rows (M in all)" line and its last rows.
        await page.evaluate(() => {
          document.querySelectorAll('#MathJax_Message').forEach(e => e.remove());
          const more = document.querySelector('tr.sftpi-more') || document.querySelector('.jp-OutputArea-output table');
          if (more) more.scrollIntoView({ block: 'center' });
        });
        await page.screenshot({ path: shots.get(file) });
      }
      await page.close();

      const stripped = await bare.newPage();
      await stripped.goto(url, { waitUntil: 'load' });
      await stripped.evaluate(() => document.querySelectorAll('style, link[rel="stylesheet"], script').forEach(e => e.remove()));
      const plain = await measure(stripped);
      await stripped.close();
      console.log(JSON.stringify({ file, ...seen, offline: offline.splice(0), stripped: { tables: plain.tables } }));
    }
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e.stack || String(e)); process.exit(1); });
