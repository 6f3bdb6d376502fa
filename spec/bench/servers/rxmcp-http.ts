// rxmcp over Streamable HTTP: McpServer + createStreamableHttpHandler (lib/node/http) on a plain
// node:http server at /mcp, stateful, with its defaults (in-memory event store, 15 s keep-alives).
//
// rxmcp has no forced-SSE mode: a response with no related messages is always sent as JSON (the
// answer is upgraded to SSE only by a related notification or request), so only `--response json`
// exists; the http-sse cells with an rxmcp server are marked n/a in support/cells.ts.
import { createServer } from 'node:http';
import { createStreamableHttpHandler } from '../../../lib/node/index.js';
import { flag, fail } from '../support/common.js';
import { serveNetwork } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

if (flag('response') !== 'json') fail(new Error('rxmcp-http: only --response json exists (lone responses are always JSON)'));
const mcp = createRxmcpServer();
const handler = createStreamableHttpHandler(mcp);
const server = createServer((req, res) => {
  if (req.url?.startsWith('/mcp')) handler.handle(req, res);
  else res.writeHead(404).end();
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/mcp`, sessions: () => mcp.sessionCount, shutdown: () => handler.close() });
