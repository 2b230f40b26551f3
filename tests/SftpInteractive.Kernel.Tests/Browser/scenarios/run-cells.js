// Opens params.notebook, runs each of params.cells in its own cell (the notebook's cells first, new ones below) and
// returns each cell's outputs as the page shows them, the kernel's name and a screenshot.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook, cells } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  result.cells = [];
  for (let i = 0; i < cells.length; i++) {
    if (i >= (await lab.cellCount(page))) await lab.addCell(page);
    result.cells.push({ source: cells[i], outputs: await lab.run(page, i, cells[i]) });
  }
  result.screenshot = await lab.screenshot(page, 'notebook');
});
