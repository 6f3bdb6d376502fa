// rxmcp over stdio: McpServer + the stdio server transport of lib/node/stdio, in the era the
// client's first message picks (`serveEitherEra`, as `rxmcp run` does).
import { serveEitherEra } from 'rxmcp';
import { createStdioServerTransport } from 'rxmcp/node';
import { exitOnSignals } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

exitOnSignals();
process.stdin.once('end', () => process.exit(0));
serveEitherEra(createRxmcpServer(), createStdioServerTransport());
