// Widgets from C# in JupyterLab: params.notebook's cell 0 shows a slider driving a computed label, cell 1 a button
// whose click handler updates a label, cell 2 reads the session's values back. Moves the slider with the keyboard
// (drags its handle with the mouse from 4 to 6), clicks the button, and returns what the page and the kernel show.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  await lab.runCell(page, 0);
  await lab.runCell(page, 1);
  const sliderCell = lab.cellLocator(page, 0);
  await sliderCell.locator('.widget-slider .noUi-handle').first().waitFor({ timeout: 60000 });
  result.labelBefore = await sliderCell.locator('.widget-label').last().innerText();
  // Drag the handle to 60% of the track (0..10: 6), as a user does with the mouse.
  const handle = await sliderCell.locator('.widget-slider .noUi-handle').first().boundingBox();
  const track = await sliderCell.locator('.widget-slider .noUi-target').first().boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width * 0.6, handle.y + handle.height / 2, { steps: 8 });
  await page.mouse.up();
  await sliderCell.getByText('square: 36').waitFor({ timeout: 60000 });
  result.labelAfter = await sliderCell.locator('.widget-label').last().innerText();
  result.readout = await sliderCell.locator('.widget-readout').first().innerText();

  const buttonCell = lab.cellLocator(page, 1);
  await buttonCell.getByRole('button', { name: 'Click me' }).click();
  await buttonCell.getByText('clicked 1 times').waitFor({ timeout: 60000 });
  result.buttonLabel = await buttonCell.locator('.widget-label').last().innerText();
  result.screenshot = await lab.screenshot(page, 'widgets');

  await lab.runCell(page, 2);
  result.session = await lab.cellOutputText(page, 2);
});
