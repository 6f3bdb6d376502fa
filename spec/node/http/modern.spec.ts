import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { map } from 'rxjs';
import { createStreamableHttpHandler, type StreamableHttpHandler } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/mcp-server.js';

const VERSION = '2026-07-28';
const envelope = (capabilities: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': capabilities,
  'io.modelcontextprotocol/clientInfo': { name: 'spec', version: '1' },
  ...extra,
});

function mcpServer() {
  const server = new McpServer(
    { name: 'both-eras', version: '1.0.0' },
    { requestState: { keys: [{ id: 'k', secret: 'a spec secret of thirty-two bytes!!' }] } },
  );
  server.tool('greet', {}, (_args, ctx) =>
    ctx
      .elicit(
        {
          message: 'Name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
        { inputKey: 'who' },
      )
      .pipe(map((answer) => `Hello, ${String(answer.content?.['name'])}!`)),
  );
  server.tool('chatty', {}, (_args, ctx) => {
    ctx.log('debug', 'too fine');
    ctx.log('warning', 'worth telling');
    return 'done';
  });
  server.resource('test://a', { name: 'a', cache: { ttlMs: 5, cacheScope: 'private' } }, () => 'A');
  return server;
}

describe('one endpoint serves 2025 sessions and 2026-07-28 requests', () => {
  let http: Server;
  let endpoint: StreamableHttpHandler;
  let server: McpServer;
  let url: string;
  beforeEach(async () => {
    server = mcpServer();
    endpoint = createStreamableHttpHandler(server);
    http = createServer((req, res) => endpoint.handle(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  });
  afterEach(async () => {
    endpoint.close();
    server.close();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  });

  const post = (method: string, params: Record<string, unknown>, headers: Record<string, string> = {}, id = 1) => {
    const name = (params['name'] ?? params['uri']) as string | undefined;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': VERSION,
        'mcp-method': method,
        ...(name === undefined ? {} : { 'mcp-name': name }),
        ...headers,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
    });
  };
  const sseMessages = (body: string) =>
    body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));

  it('answers the envelope errors with their codes and HTTP statuses, echoing the id', async () => {
    const missing = await post('server/discover', {}, {}, 11);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ id: 11, error: { code: -32602 } });
    const unsupported = await post(
      'server/discover',
      { _meta: envelope({}, { 'io.modelcontextprotocol/protocolVersion': 'v9' }) },
      { 'mcp-protocol-version': 'v9' },
      12,
    );
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({
      id: 12,
      error: { code: -32022, data: { supported: [VERSION], requested: 'v9' } },
    });
    const mismatch = await post('tools/list', { _meta: envelope() }, { 'mcp-method': 'prompts/list' });
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.code).toBe(-32020);
    const removed = await post('ping', { _meta: envelope() });
    expect(removed.status).toBe(404);
    expect((await removed.json()).error.code).toBe(-32601);
  });

  it('discovers, lists with resultType and caching hints, and reads an unknown resource as -32602 with the uri', async () => {
    const discover = await (await post('server/discover', { _meta: envelope() })).json();
    expect(discover.result).toMatchObject({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining([VERSION, '2025-11-25']),
      ttlMs: expect.any(Number),
    });
    expect(discover.result._meta['io.modelcontextprotocol/serverInfo']).toEqual({
      name: 'both-eras',
      version: '1.0.0',
    });
    const read = await (await post('resources/read', { _meta: envelope(), uri: 'test://a' })).json();
    expect(read.result).toMatchObject({ resultType: 'complete', ttlMs: 5, cacheScope: 'private' });
    const unknown = await (await post('resources/read', { _meta: envelope(), uri: 'test://nope' })).json();
    expect(unknown.error).toMatchObject({ code: -32602, data: { uri: 'test://nope' } });
  });

  it('runs a handler in MRTR rounds and refuses tampered state', async () => {
    const first = (
      await (await post('tools/call', { _meta: envelope({ elicitation: {} }), name: 'greet', arguments: {} })).json()
    ).result;
    expect(first).toMatchObject({
      resultType: 'input_required',
      inputRequests: { who: { method: 'elicitation/create' } },
      requestState: expect.any(String),
    });
    const retry = (state: string) =>
      post(
        'tools/call',
        {
          _meta: envelope({ elicitation: {} }),
          name: 'greet',
          arguments: {},
          requestState: state,
          inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
        },
        {},
        2,
      );
    expect((await (await retry(first.requestState)).json()).result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'Hello, Ada!' }],
    });
    expect((await (await retry(`${first.requestState}x`)).json()).error.code).toBe(-32602);
    const undeclared = await post('tools/call', { _meta: envelope(), name: 'greet', arguments: {} });
    expect(undeclared.status).toBe(400);
    expect((await undeclared.json()).error).toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { elicitation: {} } },
    });
  });

  it('logs only at the level the request asks for', async () => {
    const silent = await post('tools/call', { _meta: envelope(), name: 'chatty', arguments: {} });
    expect(silent.headers.get('content-type')).toContain('application/json');
    const loud = await post('tools/call', {
      _meta: envelope({}, { 'io.modelcontextprotocol/logLevel': 'info' }),
      name: 'chatty',
      arguments: {},
    });
    const messages = sseMessages(await loud.text());
    expect(messages.filter((m) => m.method === 'notifications/message').map((m) => m.params.data)).toEqual([
      'worth telling',
    ]);
    expect(messages.at(-1)).toMatchObject({ id: 1, result: { resultType: 'complete' } });
  });

  it('streams list changes to subscriptions/listen while a 2025 session works on the same endpoint', async () => {
    const controller = new AbortController();
    const listen = await fetch(url, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': VERSION,
        'mcp-method': 'subscriptions/listen',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'sub',
        method: 'subscriptions/listen',
        params: { _meta: envelope(), notifications: { toolsListChanged: true, promptsListChanged: true } },
      }),
    });
    const reader = listen.body!.getReader();
    let text = '';
    const read = async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    };
    await read();
    expect(sseMessages(text)[0]).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { toolsListChanged: true } },
    });

    const legacy = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'old', version: '1' } },
      }),
    });
    expect(legacy.headers.get('mcp-session-id')).toBeTruthy();
    expect((await legacy.json()).result.protocolVersion).toBe('2025-11-25');

    server.tool('late', {}, () => 'late');
    // Each read waits for the next chunk of the stream; the notification is the next message.
    while (sseMessages(text).length < 2) await read();
    expect(sseMessages(text)[1]).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/tools/list_changed',
      params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 'sub' } },
    });
    controller.abort();
  });
});
