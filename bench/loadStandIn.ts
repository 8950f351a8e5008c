// The Ollama stand-in in a process of its own for bench:load, so the load generator's CPU time is
// its own: prints the stand-in's URL, then serves until stdin closes.
import { startOllamaStandIn } from '../test/fixtures/ollamaStandIn';

void startOllamaStandIn({ tokensPerSecond: 2000, jitter: 0, loadMs: 5, numParallel: 64 }).then(
  (s) => {
    process.stdout.write(`${s.url}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => void s.close().then(() => process.exit(0)));
  },
);
