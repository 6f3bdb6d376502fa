import { firstValueFrom } from 'rxjs';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import { createClientSession } from '../../lib/session/client-session.js';
import { createServerSession } from '../../lib/session/server-session.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import {
  createFakeTransport,
  createMcpTestScheduler,
  errorResponse,
  notification,
  request,
  result,
} from '../../lib/testing/index.js';

const clientInfo = { name: 'test-client', version: '1.0.0' };
const serverInfo = { name: 'test-server', version: '2.0.0' };

function pair(
  serverOptions: Partial<Parameters<typeof createServerSession>[1]> = {},
  clientOptions: Partial<Parameters<typeof createClientSession>[1]> = {},
) {
  const [clientTransport, serverTransport] = createMemoryTransportPair();
  const server = createServerSession(serverTransport, { serverInfo, capabilities: { tools: {} }, ...serverOptions });
  const client = createClientSession(clientTransport, { clientInfo, capabilities: { sampling: {} }, ...clientOptions });
  server.connect();
  client.connect();
  return { client, server };
}

describe('initialize handshake', () => {
  it('negotiates the latest version, exchanges info and capabilities, and sends initialized', () => {
    createMcpTestScheduler((a, e) => expect(a).toEqual(e)).run(({ expectObservable }) => {
      const { client, server } = pair({ instructions: 'be nice' });
      expectObservable(server.initialized$).toBe('(u|)', { u: undefined });
      expectObservable(client.initialize()).toBe('(r|)', {
        r: {
          protocolVersion: LATEST_PROTOCOL_VERSION,
          capabilities: { tools: {} },
          serverInfo,
          instructions: 'be nice',
        },
      });
    });
  });

  it('does not cancel initialize when the caller stops waiting (the spec forbids it)', () => {
    createMcpTestScheduler((a, e) => expect(a).toEqual(e)).run(({ expectObservable, flush }) => {
      const fake = createFakeTransport();
      const client = createClientSession(fake.transport, { clientInfo, timeout: 5 });
      client.connect();
      expectObservable(client.initialize(), '^-!').toBe('---');
      flush();
      expect(fake.sent.map((m) => ('method' in m ? m.method : 'response'))).toEqual(['initialize']);
    });
  });

  it('records what each side learned', async () => {
    const { client, server } = pair();
    await firstValueFrom(client.initialize());
    expect(server.client).toMatchObject({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      clientInfo,
      capabilities: { sampling: {} },
    });
    expect(server.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(client.server?.serverInfo).toEqual(serverInfo);
  });

  it('server answers an unsupported client version with its latest', () => {
    const fake = createFakeTransport();
    createServerSession(fake.transport, { serverInfo }).connect();
    fake.receive(request(1, 'initialize', { protocolVersion: '1999-01-01', capabilities: {}, clientInfo }));
    expect(fake.sent[0]).toMatchObject(result(1, { protocolVersion: LATEST_PROTOCOL_VERSION }));
  });

  it('client falls back to an older version the server chose', async () => {
    const { client, server } = pair({ protocolVersions: ['2025-03-26', '2024-11-05'] });
    const answer = await firstValueFrom(client.initialize());
    expect(answer.protocolVersion).toBe('2025-03-26');
    expect(server.protocolVersion).toBe('2025-03-26');
  });

  it('client proposing an older version gets it back', async () => {
    const { client } = pair({}, { protocolVersions: ['2024-11-05'] });
    expect((await firstValueFrom(client.initialize())).protocolVersion).toBe('2024-11-05');
  });

  it('client rejects a version it does not support', async () => {
    const fake = createFakeTransport();
    const client = createClientSession(fake.transport, { clientInfo });
    client.connect();
    const answer = firstValueFrom(client.initialize());
    fake.receive(result(1, { protocolVersion: '2030-01-01', capabilities: {}, serverInfo }));
    await expect(answer).rejects.toMatchObject({ kind: 'protocol' });
    expect(fake.sent.map((m) => ('method' in m ? m.method : ''))).toEqual(['initialize']);
  });

  it('client rejects a malformed initialize result with kind validation', async () => {
    const fake = createFakeTransport();
    const client = createClientSession(fake.transport, { clientInfo });
    client.connect();
    const answer = firstValueFrom(client.initialize());
    fake.receive(result(1, { protocolVersion: LATEST_PROTOCOL_VERSION }));
    await expect(answer).rejects.toMatchObject({ kind: 'validation' });
  });

  it('server tells the transport the negotiated version', () => {
    const fake = createFakeTransport();
    const versions: string[] = [];
    const transport = { ...fake.transport, info: { setProtocolVersion: (v: string) => versions.push(v) } };
    createServerSession(transport, { serverInfo }).connect();
    fake.receive(request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo }));
    expect(versions).toEqual(['2025-06-18']);
  });
});

describe('before initialization', () => {
  it('server refuses requests but ping with -32600, then serves them', () => {
    const fake = createFakeTransport();
    const server = createServerSession(fake.transport, { serverInfo, capabilities: { tools: {} } });
    server.setRequestHandler('tools/list', () => ({ tools: [] }));
    server.connect();
    fake.receive(request(1, 'tools/list'));
    fake.receive(request(2, 'ping'));
    fake.receive(request(3, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo }));
    fake.receive(notification('notifications/initialized'));
    fake.receive(request(4, 'tools/list'));
    expect(fake.sent[0]).toEqual(errorResponse(1, -32600, 'Received tools/list before initialization'));
    expect(fake.sent[1]).toEqual(result(2, {}));
    expect(fake.sent[3]).toEqual(result(4, { tools: [] }));
  });

  it('server answers a second initialize with -32600', () => {
    const fake = createFakeTransport();
    createServerSession(fake.transport, { serverInfo }).connect();
    const init = request(1, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo });
    fake.receive(init);
    fake.receive({ ...init, id: 2 });
    expect(fake.sent[1]).toMatchObject({ id: 2, error: { code: -32600 } });
  });

  it('server answers bad initialize params with -32602', () => {
    const fake = createFakeTransport();
    createServerSession(fake.transport, { serverInfo }).connect();
    fake.receive(request(1, 'initialize', { capabilities: {} }));
    expect(fake.sent[0]).toMatchObject({ id: 1, error: { code: -32602 } });
  });

  it('client refuses to send requests but ping before initialization', async () => {
    const fake = createFakeTransport();
    const client = createClientSession(fake.transport, { clientInfo });
    client.connect();
    await expect(firstValueFrom(client.request('tools/list'))).rejects.toMatchObject({
      kind: 'protocol',
      code: -32600,
    });
    expect(fake.sent).toEqual([]);
  });

  it('stateless servers serve requests without initialize', () => {
    const fake = createFakeTransport();
    const server = createServerSession(fake.transport, { serverInfo, requireInitialize: false });
    server.setRequestHandler('tools/list', () => ({ tools: [] }));
    server.connect();
    fake.receive(request(1, 'tools/list'));
    expect(fake.sent[0]).toEqual(result(1, { tools: [] }));
  });
});

describe('capability checks', () => {
  it('client refuses a request the server has no capability for', async () => {
    const { client } = pair({ capabilities: { tools: {} } });
    await firstValueFrom(client.initialize());
    await expect(firstValueFrom(client.request('prompts/list'))).rejects.toMatchObject({
      kind: 'protocol',
      code: -32601,
    });
    await expect(firstValueFrom(client.request('resources/subscribe', { uri: 'x://y' }))).rejects.toMatchObject({
      code: -32601,
    });
  });

  it('server refuses server→client requests the client has no capability for', async () => {
    const { client, server } = pair({}, { capabilities: { elicitation: { form: {} } } });
    await firstValueFrom(client.initialize());
    await expect(
      firstValueFrom(server.request('sampling/createMessage', { messages: [], maxTokens: 1 })),
    ).rejects.toMatchObject({ code: -32601 });
    await expect(
      firstValueFrom(
        server.request('elicitation/create', { mode: 'url', message: 'go', url: 'https://x', elicitationId: '1' }),
      ),
    ).rejects.toMatchObject({ code: -32601 });
  });

  it('lets a capable request through end to end', async () => {
    const { client, server } = pair();
    client.setRequestHandler('sampling/createMessage', () => ({
      model: 'm',
      role: 'assistant',
      content: { type: 'text', text: 'hi' },
    }));
    await firstValueFrom(client.initialize());
    const answer = await firstValueFrom(
      server.request<{ model: string }>('sampling/createMessage', { messages: [], maxTokens: 1 }),
    );
    expect(answer.model).toBe('m');
    await expect(firstValueFrom(client.request('tools/list'))).rejects.toMatchObject({
      kind: 'protocol',
      code: -32601,
    });
  });
});
