import { firstValueFrom, map, timer } from 'rxjs';
import * as z from 'zod';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import type { ServerTransportInfo } from '../../lib/server/connectable.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { createFakeTransport, request, result } from '../../lib/testing/index.js';
import { call, clientInfo, connectClient, expectOfficial, initializedClient } from './helpers.js';

const info = {
  name: 'everything',
  version: '1.0.0',
  title: 'Everything',
  description: 'A server with everything',
  icons: [{ src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'] }],
  websiteUrl: 'https://example.com',
};

describe('McpServer sessions', () => {
  it('answers initialize with serverInfo, instructions and the derived capabilities', async () => {
    const server = new McpServer(info, { instructions: 'Use the tools wisely.' });
    server.tool('t', {}, () => '');
    server.resource('test://r', { name: 'r' }, () => '');
    server.prompt('p', {}, () => '');
    const { client } = connectClient(server);
    const answer = await firstValueFrom(client.initialize());
    expectOfficial('InitializeResult', answer);
    expect(answer).toEqual({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      serverInfo: info,
      instructions: 'Use the tools wisely.',
      capabilities: {
        logging: {},
        completions: {},
        prompts: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        tools: { listChanged: true },
      },
    });
  });

  it('merges the capabilities option over the derived ones', () => {
    const server = new McpServer(info, { capabilities: { tools: { listChanged: false }, experimental: { x: {} } } });
    expect(server.capabilities).toEqual({ logging: {}, tools: { listChanged: false }, experimental: { x: {} } });
    server.tool('t', {}, () => '');
    expect(server.capabilities.tools).toEqual({ listChanged: false });
  });

  it('serves several sessions at once, each with its own state', async () => {
    const server = new McpServer(info);
    server.tool('slow-echo', { inputSchema: z.object({ text: z.string(), ms: z.number() }) }, ({ text, ms }, ctx) =>
      timer(ms).pipe(map(() => `${text} from ${ctx.client?.info.name}`)),
    );
    const clients = await Promise.all([1, 2, 3].map(() => initializedClient(server)));
    expect(server.sessionCount).toBe(3);
    const answers = await Promise.all(
      clients.map((client, i) =>
        call(client, 'tools/call', { name: 'slow-echo', arguments: { text: `c${i}`, ms: 30 - i * 10 } }),
      ),
    );
    expect(answers.map((a) => a.content[0].text)).toEqual([
      'c0 from spec-client',
      'c1 from spec-client',
      'c2 from spec-client',
    ]);
  });

  it('closes one session when its Subscription is unsubscribed, and forgets sessions whose transport closes', async () => {
    const server = new McpServer(info);
    server.tool('t', {}, () => 'ok');
    const first = connectClient(server);
    const second = connectClient(server);
    await firstValueFrom(first.client.initialize());
    await firstValueFrom(second.client.initialize());
    expect(server.sessionCount).toBe(2);
    first.close();
    expect(server.sessionCount).toBe(1);
    await expect(call(first.client, 'tools/call', { name: 't' })).rejects.toMatchObject({ kind: 'closed' });
    expect(await call(second.client, 'tools/call', { name: 't' })).toEqual({ content: [{ type: 'text', text: 'ok' }] });

    const fake = createFakeTransport();
    const connection = server.connect(fake.transport);
    expect(server.sessionCount).toBe(2);
    fake.close();
    expect(server.sessionCount).toBe(1);
    // The session ended with its transport: the connection is closed and the transport released.
    expect(connection.closed).toBe(true);
    expect(fake.closed).toBe(true);
    connection.unsubscribe();
    expect(server.sessionCount).toBe(1);
  });

  it('close() ends every session but keeps the registrations', async () => {
    const server = new McpServer(info);
    server.tool('t', {}, () => 'ok');
    const a = await initializedClient(server);
    await initializedClient(server);
    server.close();
    expect(server.sessionCount).toBe(0);
    await expect(call(a, 'tools/call', { name: 't' })).rejects.toMatchObject({ kind: 'closed' });
    expect(await call(await initializedClient(server), 'tools/call', { name: 't' })).toEqual({
      content: [{ type: 'text', text: 'ok' }],
    });
  });

  it('serves requests without initialize when requireInitialize is false (stateless HTTP)', () => {
    const server = new McpServer(info);
    server.tool('t', {}, () => 'stateless');
    const fake = createFakeTransport();
    server.connect(fake.transport, { requireInitialize: false });
    fake.receive(request(1, 'tools/call', { name: 't' }));
    expect(fake.sent).toEqual([result(1, { content: [{ type: 'text', text: 'stateless' }] })]);
  });

  it('refuses requests before initialize by default', () => {
    const server = new McpServer(info);
    server.tool('t', {}, () => '');
    const fake = createFakeTransport();
    server.connect(fake.transport);
    fake.receive(request(1, 'tools/list'));
    fake.receive(request(2, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo }));
    expect(fake.sent[0]).toMatchObject({ id: 1, error: { code: -32600 } });
    expect(fake.sent[1]).toMatchObject({ id: 2, result: { serverInfo: { name: 'everything' } } });
  });

  it('ctx.closeStream asks a transport that can for the request stream to close, and says false otherwise', () => {
    const server = new McpServer(info);
    server.tool('poll', {}, (_args, ctx) => String(ctx.closeStream()));
    const closed: unknown[] = [];
    const polling = createFakeTransport();
    const pollingInfo: ServerTransportInfo = { closeStream: (id) => closed.push(id) > 0 };
    server.connect({ ...polling.transport, info: pollingInfo }, { requireInitialize: false });
    polling.receive(request('r1', 'tools/call', { name: 'poll' }));
    expect(closed).toEqual(['r1']);
    expect(polling.sent).toEqual([result('r1', { content: [{ type: 'text', text: 'true' }] })]);
    const plain = createFakeTransport();
    server.connect(plain.transport, { requireInitialize: false });
    plain.receive(request(1, 'tools/call', { name: 'poll' }));
    expect(plain.sent).toEqual([result(1, { content: [{ type: 'text', text: 'false' }] })]);
  });

  it('exposes the transport session id to handlers', () => {
    const server = new McpServer(info);
    server.tool('id', {}, (_args, ctx) => ctx.sessionId ?? 'none');
    const fake = createFakeTransport();
    server.connect({ ...fake.transport, info: { sessionId: 'abc' } }, { requireInitialize: false });
    fake.receive(request(1, 'tools/call', { name: 'id' }));
    expect(fake.sent).toEqual([result(1, { content: [{ type: 'text', text: 'abc' }] })]);
  });
});
