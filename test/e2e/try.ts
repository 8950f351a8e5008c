// `npm run try [-- --standin] [-- --port N]`: the built extension in a real VS Code (code-server)
// on 127.0.0.1, for anyone to try in a browser without installing VS Code. Ctrl-C stops it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { ROOT, startCodeServer, type CodeServer } from './harness';

async function main(): Promise<void> {
  const opts = new Command()
    .name('npm run try --')
    .option('--standin', 'serve three fake models from the test stand-in instead of a real Ollama')
    .option('--host <url>', 'Ollama address for the extension (default: its own default)')
    .option('--port <n>', 'port for code-server on 127.0.0.1', '8080')
    .parse(process.argv)
    .opts<{ standin?: boolean; host?: string; port: string }>();

  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = mkdtempSync(join(tmpdir(), 'ollama-bench-try-'));
  let standIn: StandIn | undefined;
  let server: CodeServer | undefined;
  const stop = async () => {
    await server?.stop();
    await standIn?.close();
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  try {
    if (opts.standin) standIn = await startOllamaStandIn({ tokensPerSecond: 40, loadMs: 800 });
    const host = standIn?.url ?? opts.host;
    server = await startCodeServer({
      tmp,
      logName: 'try',
      port: Number(opts.port),
      settings: host ? { 'ollamaBench.host': host } : {},
    });
    const url = `${server.url}/?folder=${encodeURIComponent(server.workspace)}`;
    process.stdout.write(
      [
        '',
        `Ollama Bench in VS Code: ${url}`,
        standIn ? `Ollama stand-in (fake models): ${standIn.url}` : `Ollama: ${host ?? 'default'}`,
        'code-server log: test-results/try-code-server.log — Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    await stop();
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`try: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
