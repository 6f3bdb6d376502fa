import { concatMap, forkJoin, map } from 'rxjs';
import { createResultCache, McpClient, type McpClientOptions } from '../../../lib/client/index.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { tool } from '../peer.js';
import { createModernPeer, discoverResult } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Public tool lists and discover results, private reads (as a per-user resource is). */
function scopedServer(discoverTtlMs = 0) {
  return createModernPeer((request) => {
    if (request.method === 'server/discover')
      return { ...discoverResult({ tools: {}, resources: {} }), ttlMs: discoverTtlMs };
    if (request.method === 'tools/list') return { tools: [tool('a')], ttlMs: 60_000, cacheScope: 'public' };
    if (request.method === 'resources/read') {
      const uri = request.params?.['uri'];
      if (uri === 'file:///unscoped') return { contents: [], ttlMs: 60_000 };
      return { contents: [], ttlMs: 60_000, cacheScope: 'private' };
    }
    return undefined;
  });
}

const auto = (options: McpClientOptions): McpClientOptions => ({ versionNegotiation: 'auto', ...options });

describe('a result cache shared by several clients', () => {
  it('serves public results to every client of the server and private ones only within one access token', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const peer = scopedServer();
      const resultCache = createResultCache();
      const alice = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-alice' }));
      const bob = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-bob' }));
      const alice2 = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-alice' }));
      const requests = (method: string) => peer.requests(method).length;
      // Each step: that client lists the tools and reads its private resource; then the counts so far.
      const steps = { a: alice, b: bob, c: alice2 };
      const counts = cold('a-b-c|', steps).pipe(
        concatMap((client) =>
          forkJoin([client.listTools(), client.readResource('file:///me')]).pipe(
            map(() => `tools ${requests('tools/list')} reads ${requests('resources/read')}`),
          ),
        ),
      );
      // Bob reuses alice's public list but reads his own; alice's second client reuses both.
      expectObservable(counts).toBe('a-b-c|', {
        a: 'tools 1 reads 1',
        b: 'tools 1 reads 2',
        c: 'tools 1 reads 2',
      });
    });
  });

  it('keeps private results (and results without a scope) to each client when there is no authorization context', () => {
    scheduler().run(({ flush }) => {
      const peer = scopedServer();
      const resultCache = createResultCache();
      const one = new McpClient(peer.factory, auto({ resultCache }));
      const two = new McpClient(peer.factory, auto({ resultCache }));
      for (const client of [one, two, one, two]) {
        client.listTools().subscribe();
        client.readResource('file:///me').subscribe();
        client.readResource('file:///unscoped').subscribe();
      }
      flush();
      expect(peer.requests('tools/list')).toHaveLength(1);
      expect(peer.requests('resources/read').map((request) => request.params?.['uri'])).toEqual([
        'file:///me',
        'file:///unscoped',
        'file:///me',
        'file:///unscoped',
      ]);
    });
  });

  it('asks a function authContext at each lookup: a refreshed token does not see the old token’s private results', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = scopedServer();
      let token = 'hash-1';
      const client = new McpClient(peer.factory, auto({ authContext: () => token }));
      const held = client.connect();
      cold('a-b-c').subscribe((step) => {
        if (step === 'b') token = 'hash-2';
        client.readResource('file:///me').subscribe();
        client.listTools().subscribe();
      });
      flush();
      held.unsubscribe();
      // a fetched, b (new token) fetched again, c (same token as b) cached; the public list is one fetch.
      expect(peer.requests('resources/read')).toHaveLength(2);
      expect(peer.requests('tools/list')).toHaveLength(1);
    });
  });

  it('drops the shared entries of the server, every scope, on a notification one client sees', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = scopedServer();
      const resultCache = createResultCache();
      const alice = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-alice' }));
      const bob = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-bob' }));
      const heldAlice = alice.connect();
      const heldBob = bob.connect(); // the latest connection: the one the peer pushes to
      cold('a-b-c').subscribe((step) => {
        if (step === 'b') {
          peer.push({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
          peer.push({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'file:///me' } });
          return;
        }
        alice.listTools().subscribe();
        alice.readResource('file:///me').subscribe();
      });
      flush();
      heldAlice.unsubscribe();
      heldBob.unsubscribe();
      // Only bob's connection heard them, yet alice's list and her private read are fetched again.
      expect(peer.requests('tools/list')).toHaveLength(2);
      expect(peer.requests('resources/read')).toHaveLength(2);
    });
  });

  it('shares nothing between servers, unless told they are one with cacheServerKey', () => {
    scheduler().run(({ flush }) => {
      const first = scopedServer();
      const second = scopedServer();
      const resultCache = createResultCache();
      new McpClient(first.factory, auto({ resultCache })).listTools().subscribe();
      new McpClient(second.factory, auto({ resultCache })).listTools().subscribe();
      new McpClient(first.factory, auto({ resultCache, cacheServerKey: 'https://one.example/mcp' }))
        .listTools()
        .subscribe();
      new McpClient(second.factory, auto({ resultCache, cacheServerKey: 'https://one.example/mcp' }))
        .listTools()
        .subscribe();
      flush();
      expect(first.requests('tools/list')).toHaveLength(2);
      expect(second.requests('tools/list')).toHaveLength(1);
    });
  });

  it('spares a second client its discover probe while a public discover result is fresh', () => {
    scheduler().run(({ flush }) => {
      const peer = scopedServer(60_000);
      const resultCache = createResultCache();
      const one = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-1' }));
      const two = new McpClient(peer.factory, auto({ resultCache, authContext: 'token-2' }));
      one.connect().unsubscribe();
      const held = two.connect();
      expect(two.state).toMatchObject({ status: 'ready', era: 'modern' });
      held.unsubscribe();
      flush();
      expect(peer.requests('server/discover')).toHaveLength(1);
      expect(resultCache.size).toBe(1);
      resultCache.clear();
      expect(resultCache.size).toBe(0);
    });
  });
});
