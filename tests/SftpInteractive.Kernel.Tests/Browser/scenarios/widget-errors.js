// A callback's output under its cell in JupyterLab: params.notebook's cell 0 shows two buttons, one whose callback
// throws and one whose callback prints; cell 1 asks the kernel something afterwards. Clicks both (after cell 0 has
// finished: JupyterLab no longer routes the kernel's messages to the cell) and returns what cell 0's output area shows
// and what the kernel answers.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  await lab.runCell(page, 0);
  await lab.widget(page, 0, 'button.jupyter-button');
  const outputs = lab.cellLocator(page, 0).locator('.jp-OutputArea-output');

  await lab.clickWidgetButton(page, 0, 'Boom');
  await outputs.getByText('boom from a callback').first().waitFor({ timeout: 60000 })
    .then(() => { result.errorShown = true; }, () => { result.errorShown = false; });
  await lab.clickWidgetButton(page, 0, 'Say');
  await outputs.getByText('said from a callback').first().waitFor({ timeout: 60000 })
    .then(() => { result.printShown = true; }, () => { result.printShown = false; });
  // Where it shows: inside a widget Output view of that cell, with the error rendered as an error.
  result.outputWidgetText = await lab.cellLocator(page, 0).locator('.widget-output').last().innerText();
  // JupyterLab renders an error output as red stderr text (data-mime-type application/vnd.jupyter.stderr).
  result.outputWidgetMimes = await lab.cellLocator(page, 0).locator('.widget-output [data-mime-type]')
    .evaluateAll(els => els.map(e => e.getAttribute('data-mime-type')));
  result.cellText = await lab.cellOutputText(page, 0);
  result.screenshot = await lab.screenshot(page, 'widget-errors', { locator: lab.cellLocator(page, 0) });

  await lab.runCell(page, 1);
  result.after = await lab.cellOutputText(page, 1);
});
