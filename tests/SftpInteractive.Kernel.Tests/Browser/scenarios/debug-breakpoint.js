// The debugger as a user drives it: turns it on with the notebook's bug button, sets a breakpoint on params.line of
// the cell params.code by clicking the gutter, runs the cell, waits until it stops, reads the call stack and the
// variables panel (until it lists params.variable), then continues (as often as the breakpoint is hit again, at most
// params.maxStops times) until the cell has finished, and returns its output and how often it stopped.
const lab = require('sftpi-lab');

lab.scenario(async ({ page, result, config }) => {
  const { notebook, code, line, variable, maxStops = 20 } = config.params;
  await lab.openNotebook(page, notebook);
  await lab.setCell(page, 0, code);
  await lab.enableDebugger(page);
  await lab.toggleBreakpoint(page, 0, line);
  const before = await lab.startCell(page, 0);
  result.frames = await lab.waitForStopped(page);
  result.variables = await lab.waitForVariable(page, variable);
  result.stoppedScreenshot = await lab.screenshot(page, 'stopped');
  result.stops = 1;
  for (;;) {
    await lab.resume(page, 'continue');
    if ((await lab.waitForStoppedOrFinished(page, 0, before)) === 'finished') break;
    if (++result.stops >= maxStops) throw new Error(`still stopping after ${result.stops} continues`);
  }
  result.output = await lab.cellOutputText(page, 0);
});
