// rxmcp over Streamable HTTP: McpServer + createStreamableHttpHandler (lib/node/http) on a plain
// node:http server at /mcp, stateful, with its defaults (in-memory event store, 15 s keep-alives).
//
// `--response json` keeps the default `responseMode: 'lazy'` (a response with no related messages
// goes as JSON); `--response sse` sets `responseMode: 'sse'` (every request answered with a primed
// SSE stream, like the official SDK's default).
import { createServer } from 'node:http';
import { createStreamableHttpHandler } from 'rxmcp/node';
import { flag, fail } from '../support/common.js';
import { serveNetwork } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

const response = flag('response');
if (response !== 'json' && response !== 'sse') fail(new Error('rxmcp-http: --response json|sse'));
const mcp = createRxmcpServer();
const handler = createStreamableHttpHandler(mcp, { responseMode: response === 'sse' ? 'sse' : 'lazy' });
const server = createServer((req, res) => {
  if (req.url?.startsWith('/mcp')) handler.handle(req, res);
  else res.writeHead(404).end();
});
serveNetwork(server, {
  url: (port) => `http://127.0.0.1:${port}/mcp`,
  sessions: () => mcp.sessionCount,
  shutdown: () => handler.close(),
});
