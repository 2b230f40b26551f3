// The debugger as a user drives it: opens params.notebook (one cell, a loop), switches the debugger on with the
// notebook toolbar's bug button, sets a breakpoint by clicking the gutter at params.line, runs the cell, reads the
// variables panel and the call stack at the stop, steps (Next), clears the breakpoint by clicking again, continues,
// and reads the cell's result and the variable explorer afterwards. With params.copy, it copies that local to the
// globals at the second stop, after clearing the breakpoint (right-click in the Locals, "Copy Variable to Globals"); with params.nextCell, it then runs
// cell 1 (no breakpoint) and waits for the explorer to list params.nextVariable. Screenshots: stopped.png, after.png,
// explorer.png.
const lab = require('sftpi-lab');

const panelVariables = page =>
  page.evaluate(() =>
    [...document.querySelectorAll('.jp-DebuggerVariables .jp-DebuggerVariables-name')].map(name => ({
      name: name.textContent,
      detail: name.parentElement.querySelector(':scope > .jp-DebuggerVariables-detail')?.textContent ?? ''
    }))
  );

async function waitForVariable(page, name, detailPart) {
  await page.waitForFunction(
    ([n, d]) =>
      [...document.querySelectorAll('.jp-DebuggerVariables .jp-DebuggerVariables-name')].some(
        e => e.textContent === n && (e.parentElement.querySelector(':scope > .jp-DebuggerVariables-detail')?.textContent ?? '').includes(d)
      ),
    [name, detailPart],
    { timeout: lab.DEFAULT_TIMEOUT, polling: 200 }
  );
}

async function clickGutter(page, line) {
  const cell = lab.cellLocator(page, 0);
  const gutter = await cell.locator('.cm-breakpoint-gutter').first().boundingBox();
  const row = await cell.locator('.cm-line').nth(line - 1).boundingBox();
  await page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2);
}

lab.scenario(async ({ page, result, config }) => {
  const { notebook, line, copy, nextCell, nextVariable, nextDetail } = config.params;
  await lab.openNotebook(page, notebook);
  result.kernel = await lab.waitForKernelIdle(page);

  await lab.enableDebugger(page);
  await page.locator('.jp-DebuggerSidebar').waitFor({ state: 'visible' });
  await lab.cellLocator(page, 0).locator('.cm-breakpoint-gutter').first().waitFor({ state: 'visible' });

  await clickGutter(page, line);
  await page.locator('.jp-DebuggerBreakpoint').first().waitFor({ state: 'visible' });
  result.breakpointLine = await page.locator('.jp-DebuggerBreakpoint-line').first().textContent();

  // Run the cell: it stops at the breakpoint, so do not wait for it to finish.
  await lab.cellLocator(page, 0).locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  await waitForVariable(page, 'i', '0');
  result.stopped = await panelVariables(page);
  result.callstack = await page.locator('.jp-DebuggerCallstackFrame-name').allTextContents();
  result.highlighted = await lab.cellLocator(page, 0).locator('.jp-DebuggerEditor-highlight').count();
  result.stoppedScreenshot = await lab.screenshot(page, 'stopped');

  await lab.command(page, 'debugger:next');
  await waitForVariable(page, 'i', '1');
  result.afterStep = await panelVariables(page);

  // Clearing it: continuing before the kernel has the new list would stop again (lab.clickBreakpoint says why).
  await lab.clickBreakpoint(page, () => clickGutter(page, line), () => document.querySelectorAll('.jp-DebuggerBreakpoint').length === 0, null);
  if (copy) {
    const row = page.locator('.jp-DebuggerVariables-body .jp-DebuggerVariables-name').filter({ hasText: new RegExp(`^${copy}:?$`) }).first();
    await row.click({ button: 'right' });
    const item = page.locator('.lm-Menu-item').filter({ hasText: 'Copy Variable to Globals' });
    await item.waitFor({ state: 'visible', timeout: lab.DEFAULT_TIMEOUT });
    await item.click();
    result.copied = copy;
  }

  await lab.command(page, 'debugger:continue');
  await page.waitForFunction(
    () => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-OutputArea-executeResult') !== null,
    null,
    { timeout: lab.DEFAULT_TIMEOUT, polling: 200 }
  );
  await lab.waitForKernelIdle(page);
  result.outputs = await lab.cellOutputs(page, 0);
  await waitForVariable(page, 'total', '3');
  result.explorer = await panelVariables(page);
  result.afterScreenshot = await lab.screenshot(page, 'after');

  if (nextCell !== undefined) {
    await lab.runCell(page, nextCell);
    await waitForVariable(page, nextVariable, nextDetail);
    result.nextExplorer = await panelVariables(page);
    result.explorerScreenshot = await lab.screenshot(page, 'explorer');
  }
});
