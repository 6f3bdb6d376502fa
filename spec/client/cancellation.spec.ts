import { firstValueFrom, map, NEVER, type Observable, timer } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { ListToolsResult } from '../../lib/protocol/index.js';
import type { RequestEvent } from '../../lib/session/session-api.js';
import { createMcpTestScheduler } from '../../lib/testing/index.js';
import type { HandlerEvent } from '../../lib/session/session-api.js';
import { createPeer, tool } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('unsubscribing a call', () => {
  it('sends notifications/cancelled before releasing a connection the call alone held', () => {
    let aborted = false;
    const peer = createPeer({
      capabilities: { tools: {} },
      handlers: {
        'tools/call': (_params: unknown, context: { signal: AbortSignal }) => {
          context.signal.addEventListener('abort', () => (aborted = true));
          return NEVER;
        },
      },
    });
    const client = new McpClient(peer.factory);
    client.callTool({ name: 'slow' }).subscribe().unsubscribe();
    expect(peer.methods(0)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/call',
      'notifications/cancelled',
    ]);
    expect(peer.connections[0]!.closed).toBe(true);
    expect(aborted).toBe(true);
  });

  it('cancels only that call on a shared connection', () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/call': () => NEVER } });
    const client = new McpClient(peer.factory);
    const held = client.connect();
    const other = client.callTool({ name: 'other' }).subscribe();
    client.callTool({ name: 'slow' }).subscribe().unsubscribe();
    expect(peer.methods()).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/call',
      'tools/call',
      'notifications/cancelled',
    ]);
    expect(peer.last.closed).toBe(false);
    other.unsubscribe();
    held.unsubscribe();
    expect(peer.last.closed).toBe(true);
  });

  it('a resource watch that alone held the connection unsubscribes before the transport closes', () => {
    const peer = createPeer({
      capabilities: { resources: { subscribe: true } },
      handlers: {
        'resources/read': ({ uri }: { uri: string }) => ({ contents: [{ uri, text: '' }] }),
        'resources/subscribe': () => ({}),
        'resources/unsubscribe': () => ({}),
      },
    });
    const client = new McpClient(peer.factory);
    client.resource$('file:///x').subscribe().unsubscribe();
    expect(peer.methods(0).slice(2)).toEqual(['resources/subscribe', 'resources/read', 'resources/unsubscribe']);
    expect(peer.connections[0]!.closed).toBe(true);
  });
});

describe('the tool catalog', () => {
  it('concurrent calls of unknown tools share one tools/list', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const peer = createPeer({
        capabilities: { tools: {} },
        handlers: {
          'tools/list': () =>
            timer(5).pipe(
              map((): HandlerEvent<unknown> => ({ type: 'result', result: { tools: [tool('a'), tool('b')] } })),
            ),
          'tools/call': () => ({ content: [] }),
        },
      });
      const client = new McpClient(peer.factory);
      expectObservable(client.callTool({ name: 'a' })).toBe('5ms (r|)', { r: { content: [] } });
      expectObservable(client.callTool({ name: 'b' })).toBe('5ms (r|)', { r: { content: [] } });
      flush();
      expect(peer.requests('tools/list')).toHaveLength(1);
    });
  });
});

describe('types', () => {
  it('request() is typed by method and observe', async () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [] }) } });
    const client = new McpClient(peer.factory);
    const events: Observable<RequestEvent<ListToolsResult>> = client.request('tools/list', undefined, {
      observe: 'events',
    });
    const results: Observable<ListToolsResult> = client.request('tools/list');
    // @ts-expect-error tools/call needs params with a name
    const missing = () => client.request('tools/call');
    const initParams = { protocolVersion: '', capabilities: {}, clientInfo: { name: '', version: '' } };
    // @ts-expect-error initialize belongs to the connection
    const init = () => client.request('initialize', initParams);
    expect([typeof missing, typeof init]).toEqual(['function', 'function']);
    expect(await firstValueFrom(results)).toEqual({ tools: [] });
    expect(await firstValueFrom(events)).toEqual({ type: 'result', result: { tools: [] } });
  });
});
