// The official SDK over stdio: McpServer + StdioServerTransport.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { exitOnSignals } from './network.js';
import { createSdkServer } from './sdk-common.js';

exitOnSignals();
const transport = new StdioServerTransport();
transport.onclose = () => process.exit(0);
process.stdin.on('end', () => process.exit(0));
await createSdkServer().connect(transport);
