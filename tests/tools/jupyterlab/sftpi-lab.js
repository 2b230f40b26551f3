// Helpers for browser tests that drive the real JupyterLab app (tests/tools/build-jupyterlab, served by serve.py) in
// Debian's Chromium through playwright-core. A test scenario is a node script:
//
//   const lab = require('sftpi-lab');            // NODE_PATH holds playwright-core's folder and this one
//   lab.scenario(async ({ page, result, config }) => {
//     await lab.openNotebook(page, 'test.ipynb'); // waits until its kernel is idle
//     await lab.setCell(page, 0, '1+1');
//     await lab.runCell(page, 0);
//     result.output = await lab.cellOutputText(page, 0);
//   });
//
// scenario() reads the run's settings from the SFTPI_LAB environment variable (JSON: url, artifacts, headless), opens
// the app, runs the body and prints the result object as the last line of stdout, `SFTPI_RESULT {...}`, which the
// xunit side parses and asserts on. A failure prints `SFTPI_RESULT {"error": ..., ...}`, saves failure.png in the
// artifacts folder and exits 1. Every wait is bounded (options.timeout, milliseconds).
'use strict';
const fs = require('fs');
const path = require('path');

const DEFAULT_TIMEOUT = 120000;

function config() {
  const raw = process.env.SFTPI_LAB;
  if (!raw) throw new Error('SFTPI_LAB is not set (JSON with url and artifacts): run the scenario from the xunit fixture');
  const c = JSON.parse(raw);
  c.artifacts = c.artifacts || fs.mkdtempSync('/tmp/sftpi-lab-artifacts-');
  fs.mkdirSync(c.artifacts, { recursive: true });
  return c;
}

/** Starts Debian's Chromium (the CHROMIUM environment variable, else /usr/bin/chromium). */
async function launch({ headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { browser, context, page };
}

/** Opens the app at its URL (with the token) in a workspace of its own (a new name each time, so no layout or open
 * notebook of an earlier scenario comes back) and waits until JupyterLab has started. */
async function openLab(page, url, { timeout = DEFAULT_TIMEOUT, workspace = `sftpi-${Date.now()}` } = {}) {
  const u = new URL(url);
  u.pathname = u.pathname.replace(/\/lab\/?$/, `/lab/workspaces/${encodeURIComponent(workspace)}`);
  await page.goto(u.toString(), { timeout });
  await page.waitForFunction(() => document.body.dataset.sftpiLabRestored === 'true', null, { timeout });
  await watchDebugRequests(page);
}

/** Counts the debug requests the page sends on every kernel session it connects to (before any notebook opens) and
 * which of them are still waiting for their reply: `window.sftpiDebugTraffic = { pending: Map, replied, sentTo: { command: count },
 * repliedTo: { command: count } }`. JupyterLab's
 * debugger handler talks to the kernel (debugInfo) each time it updates a notebook, several times as a notebook opens
 * and its kernel starts; enableDebugger waits until that conversation is over before it clicks. */
async function watchDebugRequests(page) {
  await page.evaluate(() => {
    const traffic = { pending: new Map(), replied: 0, sentTo: {}, repliedTo: {} };
    window.sftpiDebugTraffic = traffic;
    const watch = connection => {
      connection.anyMessage.connect((_, { msg, direction }) => {
        if (direction === 'send' && msg.header.msg_type === 'debug_request') {
          // A kernel's connection can be watched twice (connectTo for the same session): count each message once.
          if (!traffic.pending.has(msg.header.msg_id)) traffic.sentTo[msg.content.command] = (traffic.sentTo[msg.content.command] ?? 0) + 1;
          traffic.pending.set(msg.header.msg_id, msg.content.command);
        } else if (direction === 'recv' && msg.header.msg_type === 'debug_reply' && traffic.pending.has(msg.parent_header.msg_id)) {
          const command = traffic.pending.get(msg.parent_header.msg_id);
          traffic.pending.delete(msg.parent_header.msg_id);
          traffic.replied++;
          traffic.repliedTo[command] = (traffic.repliedTo[command] ?? 0) + 1;
        }
      });
      return connection;
    };
    const sessions = window.jupyterapp.serviceManager.sessions;
    const connectTo = sessions.connectTo.bind(sessions);
    const startNew = sessions.startNew.bind(sessions);
    sessions.connectTo = (...args) => watch(connectTo(...args));
    sessions.startNew = (...args) => startNew(...args).then(watch);
  });
}

/** Opens a notebook (path relative to the server's root dir) and waits until its kernel is idle. */
async function openNotebook(page, notebookPath, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.evaluate(p => window.jupyterapp.commands.execute('docmanager:open', { path: p, factory: 'Notebook' }), notebookPath);
  await page.waitForFunction(
    p => {
      const w = window.jupyterapp.shell.currentWidget;
      return w && w.context && w.context.path === p && w.isVisible;
    },
    notebookPath,
    { timeout }
  );
  await waitForKernelIdle(page, { timeout });
}

/** Waits until the current notebook's session has a kernel whose status is idle. Returns the kernel's name. */
async function waitForKernelIdle(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const handle = await page.waitForFunction(
    () => {
      const w = window.jupyterapp.shell.currentWidget;
      const ctx = w && w.sessionContext;
      const kernel = ctx && ctx.session && ctx.session.kernel;
      return ctx && ctx.isReady && kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected'
        ? kernel.name
        : null;
    },
    null,
    { timeout, polling: 100 }
  );
  return handle.jsonValue();
}

function cellLocator(page, index) {
  return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').nth(index);
}

/** The number of cells in the current notebook. */
async function cellCount(page) {
  return page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').count();
}

/** Replaces the text of cell `index` as a user does: clicks into its editor, selects all, inserts the text. */
async function setCell(page, index, text) {
  const editor = cellLocator(page, index).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText goes in as one input (not key by key), so the editor's auto-closing brackets and indentation do not
  // change what was meant.
  await page.keyboard.insertText(text);
}

/** Types text into cell `index` key by key at its end (auto-closing brackets and completion behave as for a user). */
async function typeInCell(page, index, text, { delay = 0 } = {}) {
  const editor = cellLocator(page, index).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay });
}

/** The source text of cell `index` as the notebook model holds it. */
async function cellSource(page, index) {
  return page.evaluate(i => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel.getSource(), index);
}

/** Appends a code cell below the last one and returns its index. */
async function addCell(page) {
  const count = await cellCount(page);
  await cellLocator(page, count - 1).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await page.waitForFunction(n => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length > n, count);
  return count;
}

/** Starts cell `index` (Ctrl+Enter in its editor) without waiting for it: for a cell that stops at a breakpoint or
 * waits on a widget. Returns the prompt text it had before, for waitForCell. */
async function startCell(page, index) {
  const cell = cellLocator(page, index);
  const before = (await cell.locator('.jp-InputPrompt').textContent()) || '';
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  return before;
}

/** Waits until cell `index` has finished: its prompt shows an execution number other than `before`'s. */
async function waitForCell(page, index, before, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.waitForFunction(
    ([i, was]) => {
      const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
      const text = cells[i] && cells[i].querySelector('.jp-InputPrompt')?.textContent?.trim();
      return text && /\[\d+\]/.test(text) && text !== was.trim();
    },
    [index, before],
    { timeout, polling: 100 }
  );
}

/** Runs cell `index` (Ctrl+Enter in its editor) and waits until it has finished and the kernel is idle. */
async function runCell(page, index, { timeout = DEFAULT_TIMEOUT } = {}) {
  const before = await startCell(page, index);
  await waitForCell(page, index, before, { timeout });
  await waitForKernelIdle(page, { timeout });
}

/** Sets cell `index` to `text`, runs it and returns its outputs (see cellOutputs). */
async function run(page, index, text, options) {
  await setCell(page, index, text);
  await runCell(page, index, options);
  return cellOutputs(page, index);
}

/** The outputs of cell `index` as the page shows them: [{ kind, text, html }], kind being 'stream', 'stderr',
 * 'error', 'result' (execute_result) or 'display' (display_data). */
async function cellOutputs(page, index) {
  return cellLocator(page, index).evaluate(cell =>
    [...cell.querySelectorAll('.jp-OutputArea-child')].map(child => {
      const out = child.querySelector('.jp-OutputArea-output');
      const kind = child.classList.contains('jp-OutputArea-executeResult')
        ? 'result'
        : out && out.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr'
          ? 'stderr'
          : out && out.getAttribute('data-mime-type') === 'application/vnd.jupyter.stdout'
            ? 'stream'
            : out && out.getAttribute('data-mime-type') === 'application/vnd.jupyter.error'
              ? 'error'
              : 'display';
      return { kind, mime: out ? out.getAttribute('data-mime-type') : null, text: out ? out.innerText : '', html: out ? out.innerHTML : '' };
    })
  );
}

/** All output text of cell `index`, joined by newlines. */
async function cellOutputText(page, index) {
  return (await cellOutputs(page, index)).map(o => o.text).join('\n');
}

/** Whether a plugin (by id, e.g. '@jupyterlab/debugger-extension:sidebar') is registered and activated. */
async function pluginState(page, id) {
  return page.evaluate(pid => ({
    registered: window.jupyterapp.hasPlugin(pid),
    activated: window.jupyterapp.isPluginActivated(pid)
  }), id);
}

// ---- Widgets (@jupyter-widgets/jupyterlab-manager) ----

/** Waits for a widget view in cell `index`'s output (`selector`, e.g. '.widget-slider', '.widget-button') and returns
 * its locator. */
async function widget(page, index, selector = '.jupyter-widgets', { timeout = DEFAULT_TIMEOUT } = {}) {
  const w = cellLocator(page, index).locator(`.jp-OutputArea-output ${selector}`).first();
  await w.waitFor({ timeout });
  return w;
}

/** Clicks a slider's track at `fraction` (0..1) of its length, as a user moves it; returns the readout after. */
async function setSlider(page, slider, fraction) {
  const before = await slider.locator('.widget-readout').textContent();
  const box = await slider.locator('.noUi-base').boundingBox();
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  await page.waitForFunction(([el, was]) => el.querySelector('.widget-readout').textContent !== was, [await slider.elementHandle(), before])
    .catch(() => {}); // the same value again: no change to wait for
  return slider.locator('.widget-readout').textContent();
}

/** Clicks the widget button labelled `label` in cell `index`'s output. */
async function clickWidgetButton(page, index, label) {
  await cellLocator(page, index).locator('.jp-OutputArea-output button.jupyter-button', { hasText: label }).first().click();
}

// ---- Debugger (@jupyterlab/debugger-extension) ----

/** Turns the debugger on for the current notebook with its toolbar's bug button, as a user does, and waits until it
 * is on (the button pressed, the notebook marked data-jp-debugger) and the debugger sidebar shows.
 *
 * The click waits until JupyterLab's debugger handler has finished updating the notebook: the handler runs once per
 * signal (the notebook becoming current, its kernel changing), enables the button early in each run and then asks the
 * kernel (debugInfo) whether a debug session is on, and a run still waiting for that answer when the click's own
 * initialize/attach go out ends by setting the button back to 'off' from its stale answer. On a loaded machine that
 * happened in most runs of the whole browser collection (the button never turned on). So: the button enabled, the
 * kernel idle, at least one debug reply seen and none outstanding — then click. */
async function enableDebugger(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  const bug = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) jp-button.jp-DebuggerBugButton');
  await page.waitForFunction(
    () => {
      const w = window.jupyterapp.shell.currentWidget;
      const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
      const button = w && w.node.querySelector('jp-button.jp-DebuggerBugButton');
      const traffic = window.sftpiDebugTraffic;
      return !!(kernel && kernel.status === 'idle' && button && !button.hasAttribute('disabled') &&
        traffic && traffic.replied > 0 && traffic.pending.size === 0);
    },
    null,
    { timeout, polling: 100 }
  );
  if ((await bug.getAttribute('aria-pressed')) !== 'true') await bug.click();
  await page.waitForSelector('.jp-NotebookPanel:not(.lm-mod-hidden) jp-button.jp-DebuggerBugButton[aria-pressed="true"]', { timeout });
  await page.waitForSelector('.jp-NotebookPanel:not(.lm-mod-hidden)[data-jp-debugger="true"]', { timeout });
  await command(page, 'debugger:show-panel');
  await page.waitForSelector('#jp-debugger-sidebar:not(.lm-mod-hidden)', { timeout });
}

/** Whether the current notebook's debugger button is enabled (the kernelspec says `metadata.debugger: true`) and
 * pressed (a debug session is on). */
async function debuggerButton(page) {
  const bug = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) jp-button.jp-DebuggerBugButton');
  if ((await bug.count()) === 0) return { present: false, enabled: false, pressed: false };
  return {
    present: true,
    enabled: (await bug.getAttribute('disabled')) === null,
    pressed: (await bug.getAttribute('aria-pressed')) === 'true'
  };
}

/** Sets (or clears) a breakpoint on `line` (1-based) of cell `index` by clicking its gutter, as a user does, and
 * waits until the kernel has confirmed it (the Breakpoints panel lists it, or no longer does): the front end sends
 * it to the kernel asynchronously, and a cell run before that would not stop. */
async function toggleBreakpoint(page, index, line, { timeout = DEFAULT_TIMEOUT } = {}) {
  const listed = () =>
    page.evaluate(
      l => [...document.querySelectorAll('.jp-DebuggerBreakpoints-body .jp-DebuggerBreakpoint-line')].filter(e => e.textContent.trim() === String(l)).length,
      line
    );
  const before = await listed();
  const gutter = cellLocator(page, index).locator('.cm-breakpoint-gutter .cm-gutterElement:not([style*="visibility: hidden"])');
  await clickBreakpoint(
    page,
    () => gutter.nth(line - 1).click(),
    ([l, was]) => [...document.querySelectorAll('.jp-DebuggerBreakpoints-body .jp-DebuggerBreakpoint-line')].filter(e => e.textContent.trim() === String(l)).length !== was,
    [line, before],
    { timeout }
  );
}

/** Clicks a breakpoint gutter (click) until the kernel has the change: done when the kernel answered a setBreakpoints
 * sent after the click, nothing else is on its way and changed(arg) holds in the page. JupyterLab re-reads the kernel's
 * breakpoints (debugInfo) before it sends the new list, so the panel can show the old state again for a moment; and a
 * click can be undone (fresh-clone run fresh53: after a step, setBreakpoints went out and was answered with the cleared
 * breakpoint still listed) or lost (nothing sent). Either way it is clicked again, at most three times; a click that
 * never settles says the debug traffic it saw. */
async function clickBreakpoint(page, click, changed, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
  const counts = () => page.evaluate(() => [window.sftpiDebugTraffic.sentTo.setBreakpoints ?? 0, window.sftpiDebugTraffic.repliedTo.setBreakpoints ?? 0]);
  const check = `(${changed.toString()})(${JSON.stringify(arg)})`;
  // Page expressions evaluated at each poll.
  const answered = replied => `(t => (t.repliedTo.setBreakpoints ?? 0) > ${replied} && t.pending.size === 0)(window.sftpiDebugTraffic)`;
  const traffic = () => page.evaluate(() => JSON.stringify({ ...window.sftpiDebugTraffic, pending: [...window.sftpiDebugTraffic.pending.values()] }));
  const until = (expression, ms) => page.waitForFunction(expression, null, { timeout: ms, polling: 100 }).then(() => true, () => false);
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1 && (await page.evaluate(check))) return; // it did change, only later than the moment allowed
    const [sent, replied] = await counts();
    await click();
    if (!(await until(`(window.sftpiDebugTraffic.sentTo.setBreakpoints ?? 0) > ${sent}`, 10000))) continue; // lost
    if (!(await until(answered(replied), timeout))) {
      throw new Error(`the breakpoint click (attempt ${attempt}) was not answered: debug traffic ${await traffic()}`);
    }
    // Answered: the change shows, or JupyterLab sends the new list after the old one within a moment; else it was undone.
    if (await until(`${check} && ${answered(replied)}`, 5000)) return;
  }
  throw new Error(`three clicks on the breakpoint gutter, and the change did not stay: debug traffic ${await traffic()}`);
}

/** Whether the current notebook shows the debugger's 'Paused in Debugger' bar (the kernel is stopped). */
async function isPaused(page) {
  return (await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-DebuggerPausedOverlay').count()) > 0;
}

/** Waits until the debugger has stopped (the notebook shows 'Paused in Debugger' and the call stack shows frames)
 * and returns the frames' names. */
async function waitForStopped(page, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.waitForFunction(() => 'jpDebuggerStoppedThreads' in document.body.dataset, null, { timeout, polling: 100 });
  await page.waitForSelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-DebuggerPausedOverlay', { timeout });
  await page.waitForSelector('.jp-DebuggerCallstack-body .jp-DebuggerCallstackFrame-name', { timeout });
  return page.locator('.jp-DebuggerCallstack-body .jp-DebuggerCallstackFrame-name').allTextContents();
}

/** The variables panel's top-level rows: [{ name, detail }] ('detail' holds type and value as the panel shows them). */
async function variables(page) {
  return page.locator('.jp-DebuggerVariables-body').first().evaluate(body =>
    [...body.querySelectorAll('.jp-DebuggerVariables-name')].map(n => ({
      name: n.textContent.replace(/:$/, ''),
      detail: n.parentElement.querySelector('.jp-DebuggerVariables-detail')?.textContent ?? ''
    }))
  );
}

/** Waits until the variables panel lists `name` and returns the rows (see variables). */
async function waitForVariable(page, name, { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.waitForFunction(
    n => [...document.querySelectorAll('.jp-DebuggerVariables-body .jp-DebuggerVariables-name')].some(e => e.textContent.replace(/:$/, '') === n),
    name,
    { timeout, polling: 100 }
  );
  return variables(page);
}

/** Runs a debugger command: 'continue', 'next', 'stepIn', 'stepOut' or 'terminate'. */
async function debuggerCommand(page, name) {
  return command(page, `debugger:${name}`);
}

/** Resumes a stopped kernel with 'continue', 'next', 'stepIn' or 'stepOut' and waits until the front end has seen it
 * resume (the page's stopped-threads mark goes away; watched by a MutationObserver, so a quick stop right after is
 * not missed). Then use waitForStoppedOrFinished. */
async function resume(page, name = 'continue', { timeout = DEFAULT_TIMEOUT } = {}) {
  await page.evaluate(
    ([cmd, ms]) =>
      new Promise((resolve, reject) => {
        const stopped = () => 'jpDebuggerStoppedThreads' in document.body.dataset;
        const timer = setTimeout(() => reject(new Error(`the kernel did not resume after debugger:${cmd} in ${ms} ms`)), ms);
        const observer = new MutationObserver(() => {
          if (!stopped()) {
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          }
        });
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-debugger-stopped-threads'] });
        window.jupyterapp.commands.execute(`debugger:${cmd}`).catch(reject);
      }),
    [name, timeout]
  );
}

/** After resume: waits until the kernel stops again ('stopped') or cell `index` finishes ('finished'; `before` is
 * what startCell returned). */
async function waitForStoppedOrFinished(page, index, before, { timeout = DEFAULT_TIMEOUT } = {}) {
  const handle = await page.waitForFunction(
    ([i, was]) => {
      if ('jpDebuggerStoppedThreads' in document.body.dataset) return 'stopped';
      const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
      const text = cells[i] && cells[i].querySelector('.jp-InputPrompt')?.textContent?.trim();
      return text && /\[\d+\]/.test(text) && text !== was.trim() ? 'finished' : null;
    },
    [index, before],
    { timeout, polling: 100 }
  );
  return handle.jsonValue();
}

/** Shuts down every kernel session of the server (best effort): a scenario leaves no kernel running behind it. */
async function shutdownKernels(page, { timeout = 30000 } = {}) {
  await page.evaluate(
    ms => Promise.race([window.jupyterapp.serviceManager.sessions.shutdownAll(), new Promise(r => setTimeout(r, ms))]),
    timeout
  );
}

/** Runs a command of the app (e.g. 'debugger:open-source', 'notebook:restart-kernel') and returns its result. */
async function command(page, id, args = {}) {
  return page.evaluate(([c, a]) => Promise.resolve(window.jupyterapp.commands.execute(c, a)).then(r => (r === undefined ? null : String(r))), [id, args]);
}

/** Saves a PNG screenshot of the page (or of `locator`) under the run's artifacts folder and returns its path. */
async function screenshot(page, name, { locator, fullPage = false } = {}) {
  const dir = (currentConfig && currentConfig.artifacts) || fs.mkdtempSync('/tmp/sftpi-lab-artifacts-');
  const file = path.join(dir, name.endsWith('.png') ? name : `${name}.png`);
  if (locator) await locator.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage });
  return file;
}

let currentConfig = null;

/** Runs a test scenario: launches Chromium, opens the app, runs body({ page, browser, result, config }), prints
 * `SFTPI_RESULT <json>` (result plus the page's console errors) and exits 0; on an exception exits 1 with the error. */
function scenario(body, { timeout = 8 * 60000 } = {}) {
  const result = {};
  const consoleErrors = [];
  let browser;
  let page;
  const finish = (code, extra) => {
    const payload = { ...result, ...extra, consoleErrors };
    process.stdout.write(`SFTPI_RESULT ${JSON.stringify(payload)}\n`, () => process.exit(code));
  };
  const timer = setTimeout(() => finish(1, { error: `the scenario did not finish in ${timeout} ms` }), timeout);
  (async () => {
    currentConfig = config();
    ({ browser, page } = await launch({ headless: currentConfig.headless !== false }));
    page.on('console', m => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', e => consoleErrors.push(String(e)));
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    await openLab(page, currentConfig.url);
    await body({ page, browser, result, config: currentConfig });
  })()
    .then(async () => {
      clearTimeout(timer);
      await shutdownKernels(page);
      await browser.close();
      finish(0, {});
    })
    .catch(async e => {
      clearTimeout(timer);
      let shot = null;
      try {
        if (page) shot = await screenshot(page, 'failure.png');
      } catch {
        // the page may be gone; the error says what happened
      }
      try {
        if (page) await shutdownKernels(page);
        if (browser) await browser.close();
      } catch {
        // closing is best effort after a failure
      }
      finish(1, { error: String(e && e.message ? e.message : e), stack: e && e.stack, failureScreenshot: shot });
    });
}

module.exports = {
  DEFAULT_TIMEOUT,
  launch,
  openLab,
  watchDebugRequests,
  openNotebook,
  waitForKernelIdle,
  cellLocator,
  cellCount,
  setCell,
  typeInCell,
  cellSource,
  addCell,
  startCell,
  waitForCell,
  runCell,
  run,
  cellOutputs,
  cellOutputText,
  pluginState,
  shutdownKernels,
  widget,
  setSlider,
  clickWidgetButton,
  enableDebugger,
  debuggerButton,
  toggleBreakpoint,
  clickBreakpoint,
  isPaused,
  waitForStopped,
  variables,
  waitForVariable,
  debuggerCommand,
  resume,
  waitForStoppedOrFinished,
  command,
  screenshot,
  scenario
};
