import { concatMap, map, of } from 'rxjs';
import { createResultCache, McpClient } from '../../../lib/client/index.js';
import { ErrorCode, McpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCRequest } from '../../../lib/protocol/jsonrpc.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import { tool } from '../peer.js';
import { type Answer, createModernPeer, discoverResult } from './modern-peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

function cachingServer(ttlMs: number) {
  return createModernPeer((request) => {
    if (request.method === 'server/discover') return discoverResult({ tools: {}, resources: {} });
    if (request.method === 'tools/list') return { tools: [tool('a')], ttlMs, cacheScope: 'public' };
    if (request.method === 'resources/read') return { contents: [], ttlMs, cacheScope: 'private' };
    return undefined;
  });
}

/** A server whose discover result is fresh for `ttlMs`. */
function discoverServer(ttlMs: number, answer: (request: JSONRPCRequest) => Answer = () => undefined) {
  return createModernPeer((request) =>
    request.method === 'server/discover' ? { ...discoverResult({ tools: {} }), ttlMs } : answer(request),
  );
}

const elicit = {
  method: 'elicitation/create',
  params: { message: 'Which?', requestedSchema: { type: 'object', properties: { v: { type: 'string' } } } },
};

describe('caching hints on a modern connection', () => {
  it('reuses a list inside its ttlMs on the scheduler clock and fetches it again after', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const peer = cachingServer(100);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      const fetched = cold('a 49ms b 49ms c|').pipe(
        concatMap(() => client.listTools().pipe(map(() => peer.requests('tools/list').length))),
      );
      // At 0 fetched, at 50 cached, at 100 stale (fresh only while now < received + ttlMs) and fetched again.
      expectObservable(fetched).toBe('a 49ms b 49ms c|', { a: 1, b: 1, c: 2 });
      cold('100ms |').subscribe({ complete: () => held.unsubscribe() });
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

  it.each([0, -5_000])('never caches a result with ttlMs %d (a negative TTL counts as 0)', (ttlMs) => {
    scheduler().run(({ flush }) => {
      const peer = cachingServer(ttlMs);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      client.listTools().subscribe();
      client.listTools().subscribe();
      flush();
      held.unsubscribe();
      expect(peer.requests('tools/list')).toHaveLength(2);
    });
  });

  it('keys by method and the params that matter: not the log level or progress token, but the uri and other _meta', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = cachingServer(60_000);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      cold('a-b-c').subscribe((step) => {
        if (step === 'a') client.readResource('file:///x').subscribe();
        if (step === 'b') client.setLoggingLevel('debug').subscribe();
        if (step === 'c') {
          client.readResource('file:///x').subscribe();
          client.request('resources/read', { uri: 'file:///x', _meta: { progressToken: 7 } }).subscribe();
          client.readResource('file:///y').subscribe();
          client.request('resources/read', { uri: 'file:///x', _meta: { 'example.com/tenant': 't1' } }).subscribe();
        }
      });
      flush();
      held.unsubscribe();
      // The later reads of x (another log level, a progress token) hit; y and the tenant-scoped read do not.
      expect(peer.requests('resources/read').map((request) => request.params?.['uri'])).toEqual([
        'file:///x',
        'file:///y',
        'file:///x',
      ]);
    });
  });

  it('never caches an input_required round nor the result of its retry: each read asks again', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = createModernPeer((request) => {
        if (request.method === 'server/discover') return discoverResult({ resources: {} });
        if (request.method !== 'resources/read') return undefined;
        // Even hints on the interim round (which a server must not send) do not make it cacheable.
        if (request.params?.['inputResponses'] === undefined)
          return {
            resultType: 'input_required',
            inputRequests: { v: elicit },
            requestState: 's1',
            ttlMs: 60_000,
            cacheScope: 'public',
          };
        return { resultType: 'complete', contents: [], ttlMs: 60_000, cacheScope: 'public' };
      });
      const client = new McpClient(peer.factory, {
        versionNegotiation: 'auto',
        handlers: { elicitation: () => ({ action: 'accept', content: { v: 'x' } }) },
      });
      const held = client.connect();
      cold('a-b').subscribe(() => client.readResource('file:///x').subscribe());
      flush();
      held.unsubscribe();
      const reads = peer.requests('resources/read');
      expect(reads.map((request) => request.params?.['requestState'] ?? 'first')).toEqual([
        'first',
        's1',
        'first',
        's1',
      ]);
    });
  });

  it('neither serves nor keeps a request that carries requestState or inputResponses', () => {
    scheduler().run(({ flush }) => {
      const peer = cachingServer(60_000);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      client.readResource('file:///x').subscribe();
      const retry = { uri: 'file:///x', requestState: 'opaque', inputResponses: {} } as { uri: string };
      client.request('resources/read', retry).subscribe();
      client.request('resources/read', retry).subscribe();
      flush();
      held.unsubscribe();
      expect(peer.requests('resources/read')).toHaveLength(3);
    });
  });

  it('drops every cached page of a list when the server refuses one of its cursors', () => {
    scheduler().run(({ cold, flush }) => {
      let refuse = false;
      const peer = createModernPeer((request) => {
        if (request.method === 'server/discover') return discoverResult({ tools: {} });
        if (request.method !== 'tools/list') return undefined;
        const cursor = request.params?.['cursor'];
        if (cursor === undefined)
          return { tools: [tool('a')], nextCursor: refuse ? undefined : 'p2', ttlMs: 60_000, cacheScope: 'public' };
        if (refuse) return { error: { code: ErrorCode.InvalidParams, message: 'Unknown cursor' } };
        return { tools: [tool('b')], ttlMs: 10, cacheScope: 'public' };
      });
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      const seen: Array<string[] | string> = [];
      const list = () =>
        client.listTools().subscribe({
          next: (tools) => seen.push(tools.map((t) => t.name)),
          error: (error: McpError) => seen.push(`error ${error.code}`),
        });
      cold('a 19ms b 9ms c').subscribe((step) => {
        if (step === 'b') refuse = true;
        list();
      });
      flush();
      held.unsubscribe();
      // At 20 the first page is still fresh, the second is not and its cursor is refused: both pages are
      // dropped, so at 30 the list starts again from the first page.
      expect(seen).toEqual([['a', 'b'], 'error -32602', ['a']]);
      expect(peer.requests('tools/list').map((request) => request.params?.['cursor'] ?? 'first')).toEqual([
        'first',
        'p2',
        'p2',
        'first',
      ]);
    });
  });

  it.each([
    [true, ['fresh', 'fresh']],
    [false, ['fresh', 'error transport']],
  ])(
    'serves the stale result when its re-fetch fails on the network only with serveStaleOnError (%s)',
    (serveStaleOnError, expected) => {
      scheduler().run(({ cold, flush }) => {
        const peer = createModernPeer((request) => {
          if (request.method === 'server/discover') return discoverResult({ resources: {} });
          if (request.method !== 'resources/read') return undefined;
          if (peer.requests('resources/read').length > 1) return undefined; // the re-fetch gets no answer: failed below
          return { contents: [{ uri: 'file:///x', text: 'fresh' }], ttlMs: 10, cacheScope: 'private' };
        });
        const client = new McpClient(peer.factory, {
          versionNegotiation: 'auto',
          resultCache: createResultCache({ serveStaleOnError }),
        });
        const held = client.connect();
        const seen: string[] = [];
        cold('a 19ms b c').subscribe((step) => {
          if (step === 'c') {
            const refetch = peer.requests('resources/read')[1]!;
            peer.fail(refetch.id, new McpError('transport', 'The connection dropped'));
            return;
          }
          client.readResource('file:///x').subscribe({
            next: (result) => seen.push((result.contents[0] as { text: string }).text),
            error: (error: McpError) => seen.push(`error ${error.kind}`),
          });
        });
        flush();
        held.unsubscribe();
        expect(seen).toEqual(expected);
      });
    },
  );
});

describe('caching the discover result', () => {
  it('answers the probe of a new connection from a fresh discover result, and probes again once it is stale', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const peer = discoverServer(1_000);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      // Three connections, each opened and released: at 0 probed, at 500 cached, at 1000 stale.
      const probes = cold('a 499ms b 499ms c|').pipe(
        concatMap(() => {
          const held = client.connect();
          const era = client.state.status === 'ready' ? client.state.era : client.state.status;
          held.unsubscribe();
          return of(`${era} ${peer.requests('server/discover').length}`);
        }),
      );
      expectObservable(probes).toBe('a 499ms b 499ms c|', { a: 'modern 1', b: 'modern 1', c: 'modern 2' });
    });
  });

  it('probes again after a refused probe: errors are never kept', () => {
    scheduler().run(({ cold, flush }) => {
      let refusing = true;
      const peer = createModernPeer((request) => {
        if (request.method !== 'server/discover') return undefined;
        // A version error naming only a revision this client does not speak ends the connection.
        if (refusing)
          return {
            error: { code: ErrorCode.UnsupportedProtocolVersion, message: 'No', data: { supported: ['2099-01-01'] } },
          };
        return { ...discoverResult({ tools: {} }), ttlMs: 60_000 };
      });
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const states: string[] = [];
      cold('a-b').subscribe((step) => {
        refusing = step === 'a';
        const held = client.connect();
        states.push(client.state.status);
        held.unsubscribe();
      });
      flush();
      expect(states).toEqual(['closed', 'ready']);
      expect(peer.requests('server/discover')).toHaveLength(2);
    });
  });

  it('drops the cached discover result when a request is refused with -32022, so the next connection probes', () => {
    scheduler().run(({ flush }) => {
      const peer = discoverServer(60_000, (request) =>
        request.method === 'tools/list'
          ? { error: { code: ErrorCode.UnsupportedProtocolVersion, message: 'Not any more', data: { supported: [] } } }
          : undefined,
      );
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const codes: number[] = [];
      client.listTools().subscribe({ error: (error: McpError) => codes.push(error.code!) });
      client.connect().unsubscribe();
      flush();
      expect(codes).toEqual([ErrorCode.UnsupportedProtocolVersion]);
      expect(peer.requests('server/discover')).toHaveLength(2);
    });
  });

  it('never answers ping() from the cache: each ping reaches the server', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = discoverServer(60_000);
      const client = new McpClient(peer.factory, { versionNegotiation: 'auto' });
      const held = client.connect();
      cold('a-b').subscribe(() => client.ping().subscribe());
      flush();
      held.unsubscribe();
      expect(peer.requests('server/discover')).toHaveLength(3);
    });
  });
});
