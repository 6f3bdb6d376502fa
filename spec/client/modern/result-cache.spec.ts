import { McpClient } from '../../../lib/client/index.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { tool } from '../peer.js';
import { createModernPeer, discoverResult } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

function cachingServer(ttlMs: number) {
  return createModernPeer((request) => {
    if (request.method === 'server/discover') return discoverResult({ tools: {}, resources: {} });
    if (request.method === 'tools/list') return { tools: [tool('a')], ttlMs, cacheScope: 'public' };
    if (request.method === 'resources/read') return { contents: [], ttlMs, cacheScope: 'private' };
    return undefined;
  });
}

describe('caching hints on a modern connection', () => {
  it('reuses a list inside its ttlMs on the scheduler clock and fetches it again after', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = cachingServer(100);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      const at: number[] = [];
      cold('a 49ms b 49ms c').subscribe(() =>
        client.listTools().subscribe(() => at.push(peer.requests('tools/list').length)),
      );
      flush();
      held.unsubscribe();
      // At 0 fetched, at 50 cached, at 100 stale and fetched again.
      expect(at).toEqual([1, 1, 2]);
    });
  });

  it('drops a cached list on its list_changed notification and a read on its resource update', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = cachingServer(60_000);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      cold('a-b-c-d').subscribe((step) => {
        if (step === 'a' || step === 'c') {
          client.listTools().subscribe();
          client.readResource('file:///x').subscribe();
        } else if (step === 'b') {
          peer.push({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
        } else {
          peer.push({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'file:///x' } });
          client.listTools().subscribe();
          client.readResource('file:///x').subscribe();
        }
      });
      flush();
      held.unsubscribe();
      expect(peer.requests('tools/list')).toHaveLength(2);
      expect(peer.requests('resources/read')).toHaveLength(2);
    });
  });

  it('never caches a result with ttlMs 0', () => {
    scheduler().run(({ flush }) => {
      const peer = cachingServer(0);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      client.listTools().subscribe();
      client.listTools().subscribe();
      flush();
      held.unsubscribe();
      expect(peer.requests('tools/list')).toHaveLength(2);
    });
  });
});
