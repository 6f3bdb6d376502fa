import { firstValueFrom, lastValueFrom, map, timer, toArray } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { McpError } from '../../lib/protocol/errors.js';
import { createMcpTestScheduler } from '../../lib/testing/index.js';
import { createPeer, tool } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** A `…/list` handler serving `items` under `key`, two per page, with cursors 'p1', 'p2'… */
const pages = (key: string, items: unknown[]) => (params: { cursor?: string }) => {
  const start = params?.cursor ? Number(params.cursor.slice(1)) * 2 : 0;
  const next = start + 2 < items.length ? { nextCursor: `p${start / 2 + 1}` } : {};
  return { [key]: items.slice(start, start + 2), ...next };
};

const everything = { tools: {}, resources: { subscribe: true }, prompts: {}, logging: {}, completions: {} };

describe('paginated lists', () => {
  it('listTools follows every nextCursor and emits the full array once', async () => {
    const tools = ['a', 'b', 'c', 'd', 'e'].map((name) => tool(name));
    const peer = createPeer({ capabilities: everything, handlers: { 'tools/list': pages('tools', tools) } });
    const client = new McpClient(peer.factory);
    const emitted = await lastValueFrom(client.listTools().pipe(toArray()));
    expect(emitted).toEqual([tools]);
    expect(peer.requests('tools/list')).toEqual([undefined, { cursor: 'p1' }, { cursor: 'p2' }]);
    expect(peer.connections).toHaveLength(1);
  });

  it('listResources, listResourceTemplates and listPrompts follow pages too', async () => {
    const resources = [1, 2, 3].map((n) => ({ uri: `file:///${n}`, name: `r${n}` }));
    const templates = [1, 2, 3].map((n) => ({ uriTemplate: `file:///{x}/${n}`, name: `t${n}` }));
    const prompts = [1, 2, 3, 4].map((n) => ({ name: `p${n}` }));
    const peer = createPeer({
      capabilities: everything,
      handlers: {
        'resources/list': pages('resources', resources),
        'resources/templates/list': pages('resourceTemplates', templates),
        'prompts/list': pages('prompts', prompts),
      },
    });
    const client = new McpClient(peer.factory);
    expect(await firstValueFrom(client.listResources())).toEqual(resources);
    expect(await firstValueFrom(client.listResourceTemplates())).toEqual(templates);
    expect(await firstValueFrom(client.listPrompts())).toEqual(prompts);
  });

  it('fails with kind validation when the server repeats a cursor', async () => {
    const peer = createPeer({
      capabilities: everything,
      handlers: { 'tools/list': () => ({ tools: [tool('a')], nextCursor: 'again' }) },
    });
    const client = new McpClient(peer.factory);
    await expect(firstValueFrom(client.listTools())).rejects.toMatchObject({ kind: 'validation' });
    expect(peer.requests('tools/list')).toHaveLength(2);
  });
});

describe('typed calls', () => {
  const peer = () =>
    createPeer({
      capabilities: everything,
      handlers: {
        'resources/read': ({ uri }: { uri: string }) => ({ contents: [{ uri, text: 'hello' }] }),
        'prompts/get': ({ name, arguments: args }: { name: string; arguments?: Record<string, string> }) => ({
          messages: [{ role: 'user', content: { type: 'text', text: `${name} ${args?.['who']}` } }],
        }),
        'completion/complete': (params: unknown) => ({ completion: { values: [JSON.stringify(params)] } }),
        'logging/setLevel': () => ({}),
      },
    });

  it('readResource, getPrompt, complete, setLoggingLevel and ping send the right params', async () => {
    const server = peer();
    const client = new McpClient(server.factory);
    const held = client.connect();
    expect(await firstValueFrom(client.readResource('file:///a'))).toEqual({
      contents: [{ uri: 'file:///a', text: 'hello' }],
    });
    expect(await firstValueFrom(client.getPrompt('greet', { who: 'Ada' }))).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'greet Ada' } }],
    });
    const completion = await firstValueFrom(
      client.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'who', value: 'A' }, { arguments: { x: '1' } }),
    );
    expect(JSON.parse(completion.completion.values[0]!)).toEqual({
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'who', value: 'A' },
      context: { arguments: { x: '1' } },
    });
    expect(await lastValueFrom(client.setLoggingLevel('warning').pipe(toArray()))).toEqual([undefined]);
    expect(await lastValueFrom(client.ping().pipe(toArray()))).toEqual([undefined]);
    expect(server.requests('logging/setLevel')).toEqual([{ level: 'warning' }]);
    expect(server.connections).toHaveLength(1);
    held.unsubscribe();
  });

  it('request() is typed by method and validates the result', async () => {
    const server = peer();
    const client = new McpClient(server.factory);
    const read = await firstValueFrom(client.request('resources/read', { uri: 'file:///b' }));
    const text: unknown = read.contents[0];
    expect(text).toEqual({ uri: 'file:///b', text: 'hello' });
    expect(await firstValueFrom(client.request('ping'))).toEqual({});
  });

  it("request() with observe: 'events' emits the validated result event", async () => {
    const server = createPeer({
      capabilities: everything,
      handlers: {
        'tools/list': (_params: unknown, context: { progress(p: number, t?: number): void }) => {
          context.progress(1, 2);
          return { tools: [] };
        },
      },
    });
    const client = new McpClient(server.factory);
    const events = await lastValueFrom(client.request('tools/list', {}, { observe: 'events' }).pipe(toArray()));
    expect(events).toEqual([
      { type: 'progress', progress: 1, total: 2 },
      { type: 'result', result: { tools: [] } },
    ]);
  });

  it('fails with kind validation when a result does not match the protocol schema', async () => {
    const server = createPeer({
      capabilities: everything,
      handlers: { 'resources/read': () => ({ contents: 'nope' }) },
    });
    const client = new McpClient(server.factory);
    const error = await firstValueFrom(client.readResource('file:///a')).catch((e: McpError) => e);
    expect(error).toMatchObject({ kind: 'validation', data: { result: { contents: 'nope' } } });
  });

  it('passes protocol errors through with their code', async () => {
    const server = createPeer({ capabilities: {} });
    const client = new McpClient(server.factory);
    await expect(firstValueFrom(client.listTools())).rejects.toMatchObject({ kind: 'protocol', code: -32601 });
  });
});

describe('timeouts', () => {
  const slowPeer = () =>
    createPeer({
      capabilities: everything,
      handlers: { 'prompts/get': () => timer(100).pipe(map(() => ({ type: 'result', result: { messages: [] } }))) },
    });

  it('a per-call timeout fails the call with kind timeout, cancels it, and releases the connection', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const peer = slowPeer();
      const client = new McpClient(peer.factory);
      expectObservable(client.getPrompt('slow', undefined, { timeout: 50 })).toBe(
        '50ms #',
        undefined,
        new McpError('timeout', 'late', { code: -32001 }),
      );
      flush();
      expect(peer.methods(0)).toEqual([
        'initialize',
        'notifications/initialized',
        'prompts/get',
        'notifications/cancelled',
      ]);
      expect(peer.connections[0]!.closed).toBe(true);
    });
  });

  it('the client-wide timeout option applies to every call', () => {
    scheduler().run(({ expectObservable }) => {
      const client = new McpClient(slowPeer().factory, { timeout: 30 });
      expectObservable(client.getPrompt('slow')).toBe(
        '30ms #',
        undefined,
        new McpError('timeout', 'late', { code: -32001 }),
      );
    });
  });

  it('a call that answers in time is not affected', () => {
    scheduler().run(({ expectObservable }) => {
      const client = new McpClient(slowPeer().factory, { timeout: 30 });
      expectObservable(client.getPrompt('slow', undefined, { timeout: 200 })).toBe('100ms (r|)', {
        r: { messages: [] },
      });
    });
  });
});
