// `npm run test:integration`: builds the extension and the integration tests, downloads VS Code
// with @vscode/test-electron and runs them through @vscode/test-cli. Where VS Code cannot be
// downloaded (no internet) or shown (no display, no xvfb-run), it says SKIPPED and exits 0.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { downloadAndUnzipVSCode } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = process.env.VSCODE_TEST_VERSION ?? '1.95.0';
const skip = (why) => {
  console.log(`SKIPPED test:integration — ${why}`);
  process.exit(0);
};

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
const tests = readdirSync(join(root, 'test', 'integration')).filter((f) => f.endsWith('.test.ts'));
await esbuild.build({
  entryPoints: tests.map((f) => join(root, 'test', 'integration', f)),
  outdir: join(root, 'out', 'integration'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

try {
  // A short first try: where the download host is unreachable this fails fast instead of hanging.
  await downloadAndUnzipVSCode({ version, timeout: 20_000 });
} catch (err) {
  skip(
    `VS Code ${version} could not be downloaded here (${err instanceof Error ? err.message : err}); it runs where update.code.visualstudio.com is reachable.`,
  );
}

const cli = join(root, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
let command = [process.execPath, cli];
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status !== 0) skip('no display and no xvfb-run to start VS Code (apt-get install xvfb)');
  command = ['xvfb-run', '-a', ...command];
}
// The extension's store goes to a throwaway folder, never the developer's ~/.ollama-bench.
const store = mkdtempSync(join(tmpdir(), 'ollama-bench-integration-'));
const result = spawnSync(command[0], command.slice(1), {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, OLLAMA_BENCH_STORE: store },
});
process.exit(result.status ?? 1);
