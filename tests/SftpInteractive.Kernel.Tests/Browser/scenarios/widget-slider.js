// A slider widget in the page: runs params.widgetCell (which displays an integer slider), reads its readout, moves it
// to params.fraction of its track with the mouse, then runs params.readbackCell (which shows what the kernel saw)
// and returns its output.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook, widgetCell, readbackCell, fraction } = config.params;
  await lab.openNotebook(page, notebook);
  await lab.run(page, 0, widgetCell);
  const slider = await lab.widget(page, 0, '.widget-slider');
  result.readoutBefore = await slider.locator('.widget-readout').textContent();
  result.readoutAfter = await lab.setSlider(page, slider, fraction);
  result.widgetScreenshot = await lab.screenshot(page, 'slider', { locator: slider });
  const i = await lab.addCell(page);
  await lab.run(page, i, readbackCell);
  result.readback = await lab.cellOutputText(page, i);
  result.screenshot = await lab.screenshot(page, 'notebook');
});
