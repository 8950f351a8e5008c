// Builds the three kinds of bundle: the extension host (cjs, vscode external), the CLI (with a
// shebang) plus the hardware sampler worker, and one browser bundle per webview panel.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Optional peers that mongodb and systeminformation require() lazily; bundling them would fail.
const optionalPeers = [
  'kerberos',
  'snappy',
  '@mongodb-js/zstd',
  'mongodb-client-encryption',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'socks',
  'aws4',
  'osx-temperature-sensor',
  'macos-temperature-sensor',
];

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', ...optionalPeers],
};

/** Every src/core file named *.worker.ts is bundled as its own entry (worker_threads need a file). */
function workerEntries() {
  const found = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.worker.ts')) found[e.name.replace(/\.ts$/, '')] = p;
    }
  };
  if (existsSync('src/core')) walk('src/core');
  return found;
}

function webviewEntries() {
  const found = {};
  if (!existsSync('webview')) return found;
  for (const e of readdirSync('webview', { withFileTypes: true })) {
    const main = join('webview', e.name, 'main.ts');
    if (e.isDirectory() && existsSync(main)) found[`webview/${e.name}`] = main;
  }
  // Codicons for the panels (and @vscode-elements' icons): the CSS and its font, into dist/.
  found['webview/codicon'] = 'node_modules/@vscode/codicons/dist/codicon.css';
  return found;
}

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli.ts', ...workerEntries() },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: webviewEntries(),
    outdir: 'dist',
    loader: { '.ttf': 'file', '.css': 'css' },
  },
];

// A production build starts from an empty dist/ so no development source map ends up in the .vsix.
if (production) rmSync('dist', { recursive: true, force: true });

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
