// Explore() in JupyterLab: params.notebook's cell 0 connects (the .env beside the notebook), cell 1 shows
// Explore(params.root, "./dl"), cell 2 is where checks run. Opens a folder by selecting it, types a path, previews a
// CSV, starts a large download, waits for its progress bar to move (screenshot), clicks Cancel and checks the session
// (no file under its final name), then uploads a file through the FileUpload's input into a fresh folder.
const lab = require('sftpi-lab');

async function options(select) {
  return select.evaluate(s => [...s.options].map(o => o.textContent));
}

async function choose(page, select, prefix) {
  let texts = [];
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    texts = await options(select);
    const index = texts.findIndex(t => t.startsWith(prefix));
    if (index >= 0) {
      await select.selectOption({ index });
      return texts[index];
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no option starting with ${prefix} in ${JSON.stringify(texts)}`);
}

async function goTo(page, pathBox, path) {
  await pathBox.fill(path);
  await pathBox.press('Enter'); // the Text widget's submit: the explorer opens the path
  await page.waitForFunction(([el, p]) => el.value === p, [await pathBox.elementHandle(), path], { timeout: 60000 });
}

lab.scenario(async ({ page, result, config }) => {
  const { notebook, root } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  await lab.runCell(page, 0);
  await lab.runCell(page, 1);
  const explorer = lab.cellLocator(page, 1);
  const entries = explorer.locator('.widget-select select').first();
  await entries.waitFor({ timeout: 60000 });
  const pathBox = explorer.locator('.widget-text input').first();
  const status = explorer.locator('.widget-label').last();
  result.entries = await options(entries);

  // Open a folder by selecting it: the path bar follows.
  await choose(page, entries, 'WMR_Spots/');
  await page.waitForFunction(([el, p]) => el.value === p, [await pathBox.elementHandle(), root + '/WMR_Spots'], { timeout: 60000 });
  result.afterOpen = await pathBox.inputValue();

  // Type a path, select a CSV: its preview is a table.
  await goTo(page, pathBox, root + '/WMR_Spots/North/history');
  result.csv = await choose(page, entries, 'wmr');
  await explorer.locator('.widget-html table').first().waitFor({ timeout: 60000 });
  result.previewHeader = await explorer.locator('.widget-html table th').first().innerText();

  // A large download: the bar moves, Cancel stops it.
  await goTo(page, pathBox, root + '/large');
  await choose(page, entries, 'big.bin');
  await explorer.getByRole('button', { name: 'Download' }).click();
  const bar = explorer.locator('.widget-hprogress .progress-bar').first();
  // A tenth of 64 MiB at 2 MB/s: the bar has visibly moved when the screenshot is taken.
  await page.waitForFunction(el => parseFloat(el.style.width || '0') >= 10, await bar.elementHandle(), { timeout: 120000, polling: 100 });
  result.progressWidth = await bar.evaluate(el => el.style.width);
  result.statusWhileRunning = await status.innerText();
  result.screenshot = await lab.screenshot(page, 'explore', { locator: explorer });
  await explorer.getByRole('button', { name: 'Cancel' }).click();
  await explorer.getByText('Cancelled.').waitFor({ timeout: 60000 });
  result.statusAfterCancel = await status.innerText();

  result.session = (await lab.run(page, 2, 'System.IO.File.Exists("./dl/big.bin") + " " + x.CurrentPath')).map(o => o.text).join('\n');

  // Upload from the browser: a file chosen in the file dialog the Upload button opens lands in the folder
  // shown (a fresh folder in the home directory), and the listing follows.
  const folder = (await lab.run(page, 2, 'var up = Mkdir("t-" + Guid.NewGuid().ToString("N")[..12]); x.Navigate(up); x.CurrentPath')).map(o => o.text).join('\n');
  result.uploadFolder = folder;
  await page.waitForFunction(([el, p]) => el.value === p, [await pathBox.elementHandle(), folder], { timeout: 60000 });
  // ipywidgets' upload button clicks a file input it keeps out of the page: the file dialog is playwright's chooser.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 60000 }),
    explorer.locator('.widget-upload').first().click()
  ]);
  await chooser.setFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the browser\n') });
  await explorer.getByText(`Uploaded hello.txt to ${folder}.`).waitFor({ timeout: 60000 });
  result.statusAfterUpload = await status.innerText();
  await choose(page, entries, 'hello.txt');
  result.uploaded = (await lab.run(page, 2, 'var text = string.Join("|", Head(up + "/hello.txt")); RmRecursive(up); text')).map(o => o.text).join('\n');
});
