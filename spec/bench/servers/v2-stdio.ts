// The official SDK v2 over stdio: `serveStdio` with a server factory; the first message picks the era.
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { exitOnSignals } from './network.js';
import { createV2Server } from './v2-common.js';

exitOnSignals();
process.stdin.on('end', () => process.exit(0));
serveStdio(() => createV2Server());
