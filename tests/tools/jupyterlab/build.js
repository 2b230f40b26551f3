// Builds the JupyterLab 4 app the browser tests drive, into ./build (run by tests/tools/build-jupyterlab in a copy
// of this folder that has node_modules). The extensions are every dependency in package.json whose own package.json
// declares `jupyterlab.extension` or `jupyterlab.mimeExtension`, so adding one is one line there. For each extension
// this writes the imports of its plugins and styles (build/extensions.js), copies its settings schemas
// (build/schemas/<package>/, read by jupyterlab_server's settings API) and bundles its theme, if it has one
// (build/themes/<package>/index.css, loaded by the theme manager). Then rspack bundles app.js into build/bundle.js.
'use strict';
const fs = require('fs');
const path = require('path');
const rspack = require('@rspack/core');
const miniSVGDataURI = require('mini-svg-data-uri');

const here = __dirname;
const out = path.join(here, 'build');
const manifest = require('./package.json');

// Plugins that need a service this app leaves out (the language server client, the table of contents, the metadata
// form): they would only fail to activate and log an error in every test.
const skippedPlugins = [
  '@jupyterlab/notebook-extension:language-server',
  '@jupyterlab/fileeditor-extension:language-server',
  '@jupyterlab/notebook-extension:toc',
  '@jupyterlab/notebook-extension:update-raw-mimetype'
];

function packageJson(name) {
  return require(require.resolve(`${name}/package.json`, { paths: [here] }));
}

function packageDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [here] }));
}

function discover() {
  const extensions = [];
  const mimeExtensions = [];
  for (const name of Object.keys(manifest.dependencies).sort()) {
    const lab = packageJson(name).jupyterlab || {};
    if (lab.extension) extensions.push(name);
    if (lab.mimeExtension) mimeExtensions.push(name);
  }
  return { extensions, mimeExtensions };
}

// The module a package's styles load from: its `styleModule` (a JS file importing its CSS and its dependencies'),
// else its `style` CSS file, else nothing.
function styleImport(name) {
  const pkg = packageJson(name);
  if (pkg.styleModule) return `${name}/${pkg.styleModule}`;
  if (pkg.style) return `${name}/${pkg.style}`;
  return null;
}

function writeEntries({ extensions, mimeExtensions }) {
  const all = [...new Set([...extensions, ...mimeExtensions])];
  const lines = [
    '// Written by build.js: the extensions package.json lists, their styles, and the plugins left out.',
    ...all.map(styleImport).filter(Boolean).map(s => `import '${s}';`),
    `export const skippedPlugins = ${JSON.stringify(skippedPlugins)};`,
    'export const extensions = [',
    ...extensions.map(e => `  import('${e}'),`),
    '];',
    'export const mimeExtensions = [',
    ...mimeExtensions.map(e => `  import('${e}'),`),
    '];',
    `export const extensionNames = ${JSON.stringify(extensions)};`,
    `export const mimeExtensionNames = ${JSON.stringify(mimeExtensions)};`,
    ''
  ];
  fs.writeFileSync(path.join(out, 'extensions.js'), lines.join('\n'));
}

function copySchemas(names) {
  for (const name of names) {
    const lab = packageJson(name).jupyterlab || {};
    if (!lab.schemaDir) continue;
    const from = path.join(packageDir(name), lab.schemaDir);
    const to = path.join(out, 'schemas', name);
    fs.mkdirSync(to, { recursive: true });
    for (const file of fs.readdirSync(from).filter(f => f.endsWith('.json'))) {
      fs.copyFileSync(path.join(from, file), path.join(to, file));
    }
    // jupyterlab_server reads the package's version from package.json.orig beside its schemas.
    fs.writeFileSync(path.join(to, 'package.json.orig'), JSON.stringify(packageJson(name), null, 2));
  }
}

const assetRules = [
  // Some packages (@jupyter/web-components) import without the file extension that strict ESM resolution wants.
  { test: /\.m?js$/, resolve: { fullySpecified: false } },
  { test: /\.raw\.css$/, type: 'asset/source' },
  { test: /\.html$/, type: 'asset/resource' },
  { test: /\.md$/, type: 'asset/source' },
  { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
  { test: /\.js\.map$/, type: 'asset/resource' },
  { test: /\.(woff2|woff|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
  { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
  {
    // In CSS an SVG is a data URI; in JS (icons) it is the SVG's text.
    test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
    issuer: /\.css$/,
    type: 'asset/inline',
    generator: { dataUrl: { content: c => miniSVGDataURI(c.content), mimetype: 'image/svg+xml' } }
  },
  { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' }
];

function appConfig() {
  return {
    context: here,
    entry: { bundle: './app.js' },
    output: { path: out, filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', publicPath: 'auto' },
    mode: 'production',
    devtool: false,
    bail: true,
    optimization: { minimize: false },
    performance: { hints: false },
    resolve: { fallback: { path: false, fs: false } },
    module: { rules: [{ test: /\.css$/, exclude: /\.raw\.css$/, use: ['style-loader', 'css-loader'] }, ...assetRules] },
    plugins: [new rspack.DefinePlugin({ process: { cwd: () => '/', env: {} } })],
    infrastructureLogging: { level: 'error' },
    stats: 'errors-warnings'
  };
}

function themeConfigs(names) {
  const configs = [];
  for (const name of names) {
    const lab = packageJson(name).jupyterlab || {};
    if (!lab.themePath) continue;
    configs.push({
      context: here,
      entry: { index: path.join(packageDir(name), lab.themePath) },
      output: { path: path.join(out, 'themes', name), filename: '[name].js', publicPath: 'auto' },
      mode: 'production',
      devtool: false,
      bail: true,
      optimization: { minimize: false },
      module: { rules: [{ test: /\.css$/, use: [rspack.CssExtractRspackPlugin.loader, 'css-loader'] }, ...assetRules] },
      plugins: [new rspack.CssExtractRspackPlugin({ filename: '[name].css' })],
      infrastructureLogging: { level: 'error' },
      stats: 'errors-warnings'
    });
  }
  return configs;
}

function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const found = discover();
  writeEntries(found);
  copySchemas([...found.extensions, ...found.mimeExtensions]);
  console.log(`extensions: ${found.extensions.join(' ')}`);
  console.log(`mime extensions: ${found.mimeExtensions.join(' ')}`);
  const compiler = rspack([appConfig(), ...themeConfigs(found.extensions)]);
  compiler.run((err, stats) => {
    if (err || stats.hasErrors()) {
      console.error(err || stats.toString('errors-only'));
      process.exit(1);
    }
    compiler.close(() => {});
  });
}

main();
