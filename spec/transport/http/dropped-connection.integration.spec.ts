/**
 * A Streamable HTTP server whose socket is destroyed in the middle of one POST (before its
 * response headers, after them in an SSE body, inside a JSON body): that call fails alone, with
 * kind `'transport'`, and the call in flight beside it, and later ones, carry on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { McpClient } from '../../../lib/client/index.js';
import { createNodeStreamableHttpClientTransport } from '../../../lib/node/clients/index.js';
import { createStreamableHttpClientTransport } from '../../../lib/transport/http/index.js';
import type { Transport } from '../../../lib/transport/transport.js';
import { until } from '../../support/until.js';

const initResult = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  serverInfo: { name: 'cutter', version: '1.0.0' },
};
const text = (value: string) => ({ content: [{ type: 'text', text: value }] });

/** A hand-written MCP server: `slow` answers when released; the `cut-*` tools destroy their socket. */
function startServer(): Promise<{ server: Server; url: string; release(): void; slowSeen(): boolean }> {
  let release: () => void = () => undefined;
  let slowSeen = false;
  const answer = (res: ServerResponse, message: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' }).end(JSON.stringify(message));
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') return void res.writeHead(405).end();
    if (req.method === 'DELETE') return void res.writeHead(200).end();
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const message = JSON.parse(raw) as { id?: number; method: string; params?: { name?: string } };
    if (message.id === undefined) return void res.writeHead(202).end();
    if (message.method === 'initialize') return answer(res, { jsonrpc: '2.0', id: message.id, result: initResult });
    switch (message.params?.name) {
      case 'slow':
        slowSeen = true;
        await new Promise<void>((resolve) => (release = resolve));
        return answer(res, { jsonrpc: '2.0', id: message.id, result: text('slow done') });
      case 'cut-before':
        return void req.socket.destroy();
      case 'cut-sse':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          `data: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'partial' } })}\n\n`,
        );
        return void setImmediate(() => req.socket.destroy());
      case 'cut-json':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"jsonrpc":"2.0",');
        return void setImmediate(() => req.socket.destroy());
      default:
        return answer(res, { jsonrpc: '2.0', id: message.id, result: text('plain') });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
        release: () => release(),
        slowSeen: () => slowSeen,
      }),
    ),
  );
}

const transports: [string, (url: string) => Transport][] = [
  ['node:http', (url) => createNodeStreamableHttpClientTransport(url)],
  ['global fetch', (url) => createStreamableHttpClientTransport(url)],
];

describe.each(transports)('Streamable HTTP client (%s) over a connection destroyed mid-response', (_name, create) => {
  let host: Awaited<ReturnType<typeof startServer>>;
  let client: McpClient;
  let held: { unsubscribe(): void };

  beforeEach(async () => {
    host = await startServer();
    client = new McpClient(() => create(host.url), { timeout: 10_000 });
    held = client.connect();
    await until(() => client.state.status === 'ready');
  });

  afterEach(async () => {
    held.unsubscribe();
    host.release();
    host.server.closeAllConnections();
    await new Promise((resolve) => host.server.close(resolve));
  });

  it.each(['cut-before', 'cut-sse', 'cut-json'])(
    '%s fails that call alone; the call beside it and later ones carry on',
    async (tool) => {
      const slow = firstValueFrom(client.callTool({ name: 'slow' }));
      await until(() => host.slowSeen());
      await expect(firstValueFrom(client.callTool({ name: tool }))).rejects.toMatchObject({
        name: 'McpError',
        kind: 'transport',
        message: expect.stringContaining(
          tool === 'cut-sse' ? 'The SSE stream of request' : `POST ${host.url} failed: `,
        ),
      });
      expect(client.state.status).toBe('ready');
      host.release();
      await expect(slow).resolves.toEqual(text('slow done'));
      await expect(firstValueFrom(client.callTool({ name: 'plain' }))).resolves.toEqual(text('plain'));
      expect(client.state.status).toBe('ready');
    },
  );
});
