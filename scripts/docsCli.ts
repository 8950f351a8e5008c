// `npm run docs:cli`: writes docs/cli.md from the commands' own --help (scripts/cliReference.ts).
import { writeFileSync } from 'node:fs';
import { CLI_REFERENCE_PATH, renderCliReference } from './cliReference';

writeFileSync(CLI_REFERENCE_PATH, renderCliReference());
process.stdout.write(`wrote ${CLI_REFERENCE_PATH}\n`);
