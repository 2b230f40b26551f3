// What the app loaded for a notebook on params.notebook's kernel: the widget manager's and the debugger's plugins,
// the widget view renderer in the notebook's rendermime (the manager registers it for each notebook, with the
// 'jupyter.widget' comm target on the notebook's kernel), the debugger sidebar and the notebook's debugger button.
const lab = require('sftpi-lab');

const plugins = [
  '@jupyter-widgets/jupyterlab-manager:plugin',
  '@jupyter-widgets/jupyterlab-manager:base-2.0.0',
  '@jupyter-widgets/jupyterlab-manager:controls-2.0.0',
  '@jupyter-widgets/jupyterlab-manager:output-1.0.0',
  '@jupyterlab/debugger-extension:main',
  '@jupyterlab/debugger-extension:service',
  '@jupyterlab/debugger-extension:sidebar',
  '@jupyterlab/debugger-extension:variables',
  '@jupyterlab/debugger-extension:notebooks'
];

lab.scenario(async ({ page, result, config }) => {
  await lab.openNotebook(page, config.params.notebook);
  result.kernel = await lab.waitForKernelIdle(page);
  result.plugins = {};
  for (const id of plugins) result.plugins[id] = await lab.pluginState(page, id);
  await page.waitForFunction(() =>
    window.jupyterapp.shell.currentWidget.content.rendermime.mimeTypes.includes('application/vnd.jupyter.widget-view+json'));
  result.notebookMimeTypes = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.rendermime.mimeTypes);
  result.rightArea = await page.evaluate(() => Array.from(window.jupyterapp.shell.widgets('right'), w => w.id));
  result.debuggerButton = await lab.debuggerButton(page);
  result.screenshot = await lab.screenshot(page, 'frontend');
});
