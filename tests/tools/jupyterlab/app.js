// The entry of the JupyterLab app the browser tests drive (bundled by build.js). It starts JupyterLab with every
// extension build.js found in package.json and exposes the app as `window.jupyterapp` (as JupyterLab's own dev mode
// does), so a test can ask which plugins are active and wait for `jupyterapp.restored`.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { extensions, mimeExtensions, skippedPlugins } from './build/extensions.js';

// Chunks and assets load from where the server serves the bundle.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

function pluginsOf(module) {
  const exported = module.default ?? module;
  const plugins = Array.isArray(exported) ? exported : [exported];
  return plugins.filter(p => !skippedPlugins.includes(p.id));
}

window.addEventListener('load', async () => {
  const lab = new JupyterLab({ mimeExtensions: (await Promise.all(mimeExtensions)).map(pluginsOf).flat() });
  lab.registerPlugins((await Promise.all(extensions)).map(pluginsOf).flat());
  window.jupyterapp = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.sftpiLabRestored = 'true';
  console.log('sftpi: JupyterLab restored');
});
