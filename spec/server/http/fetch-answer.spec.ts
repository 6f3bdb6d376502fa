// The fetch handler's `answer` (what rxmcp/node writes on node:http): an answer that is ready at
// once comes without a promise; an unexpected failure becomes a 500 in the fetch handler.
import { McpServer } from '../../../lib/server/index.js';
import { createMcpFetchHandler } from '../../../lib/server/http/index.js';
import type { ConnectableServer } from '../../../lib/server/connectable.js';
import { isThenable } from '../../../lib/server/http/session-stream.js';
import { MCP_URL, postRequest } from './web-requests.js';

const initialize = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
};

describe('createMcpFetchHandler answer()', () => {
  const server = new McpServer({ name: 'answers', version: '1.0.0' });
  const handler = createMcpFetchHandler(server);
  afterAll(() => handler.close());

  it.each<[string, Request, number]>([
    ['a path that is no endpoint', new Request('http://localhost/nope', { headers: { host: 'localhost' } }), 404],
    ['a POST that accepts no JSON', postRequest(initialize, undefined, { accept: 'text/html' }), 406],
    ['a POST that is not JSON', postRequest(initialize, undefined, { 'content-type': 'text/plain' }), 415],
    ['a method the endpoint has not', new Request(MCP_URL, { method: 'PUT', headers: { host: 'localhost' } }), 405],
    ['a foreign Host', postRequest(initialize, undefined, { host: 'evil.example' }), 403],
  ])('refuses %s without a promise', (_name, request, status) => {
    const answer = handler.answer(request);
    expect(isThenable(answer)).toBe(false);
    expect(answer).toMatchObject({ status });
  });

  it('answers a message once its body is read', async () => {
    const answer = handler.answer(postRequest(initialize));
    expect(isThenable(answer)).toBe(true);
    await expect(answer).resolves.toMatchObject({ status: 200 });
  });
});

describe('createMcpFetchHandler failures', () => {
  it('answers 500 with JSON-RPC -32603 when serving fails unexpectedly, and answer() rejects', async () => {
    const failing = {
      connect: () => {
        throw new Error('cannot connect');
      },
    } as unknown as ConnectableServer;
    const handler = createMcpFetchHandler(failing);
    const response = await handler(postRequest(initialize));
    expect(response.status).toBe(500);
    await expect(response.json()).resolves.toMatchObject({
      error: { code: -32603, message: 'Internal error: cannot connect' },
    });
    await expect(handler.answer(postRequest(initialize))).rejects.toThrow('cannot connect');
    handler.close();
  });
});
