// Widgets across a front-end reload: params.notebook's cell 0 shows a slider driving a computed label, cell 1 reads the
// session's value back. Runs cell 0, saves the notebook, reloads the page (the kernel and its session live on), and
// checks that the widget manager asked the kernel for every widget's state (request_states on the
// jupyter.widget.control comm, seen on the kernel's websocket), rendered the slider again from it, and that dragging
// the slider still runs its callback in the session.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook } = config.params;
  result.requestStates = 0;
  page.on('websocket', ws => ws.on('framesent', frame => {
    const text = typeof frame.payload === 'string' ? frame.payload : Buffer.from(frame.payload).toString('latin1');
    if (text.includes('"request_states"')) result.requestStates++;
  }));

  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  await lab.runCell(page, 0);
  let cell = lab.cellLocator(page, 0);
  await cell.locator('.widget-slider .noUi-handle').first().waitFor({ timeout: 60000 });
  result.labelBefore = await cell.locator('.widget-label').last().innerText();
  const kernelId = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id);
  await page.evaluate(() => window.jupyterapp.commands.execute('docmanager:save'));
  await page.waitForFunction(() => !window.jupyterapp.shell.currentWidget.context.model.dirty, null, { timeout: 60000 });
  result.requestStatesBeforeReload = result.requestStates;

  await page.reload();
  await page.waitForFunction(() => document.body.dataset.sftpiLabRestored === 'true', null, { timeout: 120000 });
  await lab.openNotebook(page, notebook);
  result.sameKernel = kernelId === await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id);
  cell = lab.cellLocator(page, 0);
  await cell.locator('.widget-slider .noUi-handle').first().waitFor({ timeout: 60000 });
  result.labelAfterReload = await cell.locator('.widget-label').last().innerText();
  result.readoutAfterReload = await cell.locator('.widget-readout').first().innerText();

  // Drag the handle to 80% of the track (0..10: 8): the callback runs in the session and the label follows.
  const handle = await cell.locator('.widget-slider .noUi-handle').first().boundingBox();
  const track = await cell.locator('.widget-slider .noUi-target').first().boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width * 0.8, handle.y + handle.height / 2, { steps: 8 });
  await page.mouse.up();
  await cell.getByText('square: 64').waitFor({ timeout: 60000 });
  result.labelAfterDrag = await cell.locator('.widget-label').last().innerText();

  await lab.runCell(page, 1);
  result.session = await lab.cellOutputText(page, 1);
});
