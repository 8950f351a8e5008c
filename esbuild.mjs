// Builds the three kinds of bundle: the extension host (cjs, vscode external), the CLI (with a
// shebang) plus the hardware sampler worker, and one browser bundle per webview panel.
// The extension host is split so activation stays cheap: extension.js holds what the Models view
// needs, store.js (the store layer) and bench.js (runner and hardware monitor) are required on first
// use by src/host/lazyBundles.ts. esbuild's cjs output has no code splitting, so they are entry
// points of their own, and the build fails if extension.js pulls one of their packages back in.
import * as esbuild from 'esbuild';
import {
  readdirSync,
  existsSync,
  chmodSync,
  copyFileSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

/** Packages only the lazily loaded bundles may hold (checked in extension.js's metafile). */
const notAtActivation = [
  'mongodb',
  'mingo',
  'bson',
  'systeminformation',
  'undici',
  // The Ollama client (and its fetch polyfill): the Models view loads it with dist/features.js.
  'ollama',
  'whatwg-fetch',
];
/** Host folders only dist/features.js holds (built right after activation returns). */
const hostAfterActivation = [
  'src/host/store/',
  'src/host/models/',
  'src/host/fit/',
  'src/host/sessions/',
  'src/host/bench/',
  'src/host/panels/',
  'src/host/plans/',
  'src/host/trends/',
  'src/host/rank/',
  'src/host/quality/',
  'src/host/gettingStarted/',
  'src/host/tune/',
  'src/host/machines/',
];

function checkActivationBundle(result) {
  const out = Object.entries(result.metafile?.outputs ?? {}).find(([file]) =>
    file.endsWith('extension.js'),
  );
  if (!out) return;
  const found = new Set();
  for (const input of Object.keys(out[1].inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m && notAtActivation.includes(m[1])) found.add(m[1]);
    const host = hostAfterActivation.find((dir) => input.startsWith(dir));
    if (host) found.add(host);
  }
  if (found.size) {
    const list = [...found].join(', ');
    throw new Error(
      `dist/extension.js contains ${list}: import it through src/host/lazyBundles.ts (loaded on first use, or after activation), not directly.`,
    );
  }
}

/** Watch mode: the lines the F5 task's problem matcher reads (.vscode/tasks.json). */
let building = 0;
const watchReport = {
  name: 'watch-report',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const [kind, messages] of [
        ['ERROR', result.errors],
        ['WARNING', result.warnings],
      ]) {
        for (const { text, location } of messages) {
          console.error(`✘ [${kind}] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: {
      extension: 'src/extension.ts',
      store: 'src/core/repositories/storeBundle.ts',
      bench: 'src/core/bench/benchEngine.ts',
      features: 'src/host/features.ts',
    },
    outdir: 'dist',
    metafile: true,
  },
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

// The shipped eval set: read beside the bundles at run time (src/core/quality/evalSetSource.ts).
mkdirSync('dist/evalSets', { recursive: true });
copyFileSync('src/core/quality/sets/core.jsonl', 'dist/evalSets/core.jsonl');

const contexts = await Promise.all(
  // Watch mode prints its messages itself, in the shape the problem matcher reads.
  builds.map((b) =>
    esbuild.context(watch ? { ...b, logLevel: 'silent', plugins: [watchReport] } : b),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (process.argv.includes('--metafile'))
    writeFileSync('dist/meta.json', JSON.stringify(results[0].metafile));
  results.forEach(checkActivationBundle);
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
