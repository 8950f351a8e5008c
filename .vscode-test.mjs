// @vscode/test-cli: the integration tests run inside a downloaded VS Code (the oldest one the
// manifest supports). `npm run test:integration` (test/integration/run.mjs) compiles them first
// and skips the run where VS Code cannot be downloaded.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/integration/**/*.test.js',
  version: process.env.VSCODE_TEST_VERSION ?? '1.95.0',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 30_000 },
});
