// rxmcp over stdio: McpServer + the stdio server transport of lib/node/stdio.
import { createStdioServerTransport } from 'rxmcp/node';
import { exitOnSignals } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

exitOnSignals();
process.stdin.once('end', () => process.exit(0));
createRxmcpServer().connect(createStdioServerTransport());
