// Widget life in JupyterLab: params.notebook's cell 0 shows a label and cell 1 closes it (its view must leave the page);
// cell 2 shows Interact.Create((int n = 3) => n * n) (a slider picked from the default, the square below it), the
// slider is moved and the square follows; cell 3 shows a Tab and an Accordion with titles; cell 4 shows a label, then
// is run again with other code (its output replaced) and cell 5 collects until the kernel has closed the label's
// comm. Returns what the page and the kernel show.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);

  // Close(): comm_close from the kernel, the view leaves the output.
  await lab.runCell(page, 0);
  const label = await lab.widget(page, 0, '.widget-label');
  result.labelBefore = await label.innerText();
  await lab.runCell(page, 1);
  await page.waitForFunction(cell => !cell.querySelector('.widget-label'), await lab.cellLocator(page, 0).elementHandle(), { timeout: 60000 })
    .then(() => { result.labelGoneAfterClose = true; }, () => { result.labelGoneAfterClose = false; });

  // Interact: the control from the argument's default, the result below it, rerun on change.
  await lab.runCell(page, 2);
  const slider = await lab.widget(page, 2, '.widget-slider');
  result.interactReadout = await slider.locator('.widget-readout').textContent();
  const square = () => lab.cellLocator(page, 2).locator('.widget-output').first().innerText(); // then the kernel's own, empty
  await lab.cellLocator(page, 2).locator('.widget-output', { hasText: '9' }).waitFor({ timeout: 60000 });
  result.interactBefore = (await square()).trim();
  // -3..9: the track's 75% is 6.
  result.interactMovedTo = await lab.setSlider(page, slider, 0.75);
  await page.waitForFunction(([cell, n]) => (cell.querySelector('.widget-output') || {}).innerText?.trim() === String(n * n),
    [await lab.cellLocator(page, 2).elementHandle(), Number(result.interactMovedTo)], { timeout: 60000 }).catch(() => {});
  result.interactAfter = (await square()).trim();
  result.screenshot = await lab.screenshot(page, 'widget-interact', { locator: lab.cellLocator(page, 2) });

  // Tab and Accordion titles.
  await lab.runCell(page, 3);
  await lab.widget(page, 3, '.widget-tab');
  result.tabTitles = await lab.cellLocator(page, 3).locator('.widget-tab .lm-TabBar-tabLabel').allInnerTexts();
  result.accordionTitles = await lab.cellLocator(page, 3).locator('.jupyter-widget-Collapse-header').allInnerTexts();

  // Collection: a label shown by cell 4, which then runs again with other code (JupyterLab sends the same cellId,
  // the old output is replaced), is collected in cell 5 and its comm closed; the kernel answers whether it still is.
  await lab.runCell(page, 4);
  result.collectLabel = await (await lab.widget(page, 4, '.widget-label')).innerText();
  await lab.setCell(page, 4, 'shown = null; "replaced"');
  await lab.runCell(page, 4);
  result.cellAfterRerun = await lab.cellOutputText(page, 4);
  await lab.runCell(page, 5);
  result.stillOpenAfterCollect = await lab.cellOutputText(page, 5);
});
