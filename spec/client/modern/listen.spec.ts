import { McpClient } from '../../../lib/client/index.js';
import { RELISTEN_DELAY_MS } from '../../../lib/client/modern/listens.js';
import { McpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCRequest } from '../../../lib/protocol/jsonrpc.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { tool } from '../peer.js';
import { createModernPeer, discoverResult } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const capabilities = { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true } };

/** A modern server whose listen requests stay open (no answer), with a mutable tool list. */
function listeningServer(state: { tools: string[] }) {
  return createModernPeer((request: JSONRPCRequest) => {
    if (request.method === 'server/discover') return discoverResult(capabilities);
    if (request.method === 'tools/list') return { tools: state.tools.map((name) => tool(name)), ttlMs: 0 };
    if (request.method === 'resources/read')
      return { contents: [{ uri: request.params?.['uri'], text: 'v' }], ttlMs: 0 };
    return undefined;
  });
}

const filters = (peer: ReturnType<typeof createModernPeer>) =>
  peer.requests('subscriptions/listen').map((request) => request.params?.['notifications']);
const cancelled = (peer: ReturnType<typeof createModernPeer>) =>
  peer.messages.flatMap((message) =>
    'method' in message && message.method === 'notifications/cancelled' ? [message.params?.['requestId']] : [],
  );

describe('subscriptions/listen behind the live streams of a modern connection', () => {
  it('tools$ listens for tool changes, refetches on the notification, and the stream follows the live streams', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const state = { tools: ['a'] };
      const peer = listeningServer(state);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      expectObservable(client.tools$, '^-------------!').toBe('a---b---------', {
        a: [tool('a')],
        b: [tool('a'), tool('b')],
      });
      expectObservable(client.resource$('file:///x'), '------^---!').toBe('------r----', {
        r: { contents: [{ uri: 'file:///x', text: 'v' }], ttlMs: 0 },
      });
      cold('----x').subscribe(() => {
        state.tools = ['a', 'b'];
        peer.push({
          jsonrpc: '2.0',
          method: 'notifications/tools/list_changed',
          params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 3 } },
        });
      });
      flush();
      expect(filters(peer)).toEqual([
        { toolsListChanged: true },
        { toolsListChanged: true, resourceSubscriptions: ['file:///x'] },
        { toolsListChanged: true },
      ]);
      const listenIds = peer.requests('subscriptions/listen').map((request) => request.id);
      // Each listen stream was closed when the filter changed, the last one when tools$ ended.
      expect(cancelled(peer)).toEqual(listenIds);
      expect(peer.requests('tools/list')).toHaveLength(2);
      expect(peer.requests('resources/subscribe')).toHaveLength(0);
    });
  });

  it('listens again after the server ends the stream', () => {
    scheduler().run(({ expectObservable, flush }) => {
      let listens = 0;
      const peer = createModernPeer((request) => {
        if (request.method === 'server/discover') return discoverResult(capabilities);
        if (request.method === 'tools/list') return { tools: [] };
        // The first listen stream ends at once (a graceful end), the next stays open.
        if (request.method === 'subscriptions/listen') return listens++ === 0 ? { resultType: 'complete' } : undefined;
        return undefined;
      });
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      expectObservable(client.tools$, `^ ${RELISTEN_DELAY_MS + 10}ms !`).toBe('a', { a: [] });
      flush();
      expect(peer.requests('subscriptions/listen')).toHaveLength(2);
    });
  });

  it('a failed listen stream shows in state$ as reconnecting; the next acknowledgement makes it ready, and lists and watched resources are fetched again past the cache', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = createModernPeer((request) => {
        if (request.method === 'server/discover') return discoverResult(capabilities);
        if (request.method === 'tools/list') return { tools: [tool('a')], ttlMs: 60_000 };
        if (request.method === 'resources/read') return { contents: [{ uri: 'file:///x', text: 'v' }], ttlMs: 60_000 };
        return undefined;
      });
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const states: string[] = [];
      client.state$.subscribe((state) =>
        states.push(
          state.status === 'reconnecting' ? `reconnecting ${state.attempt}: ${state.error.message}` : state.status,
        ),
      );
      client.resource$('file:///x').subscribe();
      const lists: number[] = [];
      client.tools$.subscribe((tools) => lists.push(tools.length));
      cold('-----x').subscribe(() =>
        peer.fail(peer.requests('subscriptions/listen')[0]!.id, new McpError('transport', 'connect ECONNREFUSED')),
      );
      cold(`----- ${RELISTEN_DELAY_MS}ms -x`).subscribe(() => {
        const [, again] = peer.requests('subscriptions/listen');
        expect(again).toBeDefined();
        peer.push({
          jsonrpc: '2.0',
          method: 'notifications/subscriptions/acknowledged',
          params: {
            _meta: { 'io.modelcontextprotocol/subscriptionId': again!.id },
            notifications: { toolsListChanged: true },
          },
        });
      });
      flush();
      expect(states).toEqual(['idle', 'connecting', 'ready', 'reconnecting 0: connect ECONNREFUSED', 'ready']);
      // tools/list has a 60 s TTL: the second fetch is the resumption going past the cleared cache.
      expect(peer.requests('tools/list')).toHaveLength(2);
      expect(peer.requests('resources/read')).toHaveLength(2);
      expect(lists).toEqual([1, 1]);
    });
  });

  it('a 2025 session has no listen stream', () => {
    scheduler().run(({ flush }) => {
      const peer = listeningServer({ tools: [] });
      const client = new McpClient(peer.factory);
      client.tools$.subscribe({ error: () => undefined });
      flush();
      expect(peer.requests('subscriptions/listen')).toHaveLength(0);
    });
  });
});
