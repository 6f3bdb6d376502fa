import { firstValueFrom, type Observable, take } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { TransportHealth } from '../../lib/transport/transport.js';
import { McpError } from '../../lib/protocol/errors.js';
import { createMcpTestScheduler } from '../../lib/testing/index.js';
import { createPeer, tool } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('tools$', () => {
  it('emits the full list, shares it, and refetches on notifications/tools/list_changed', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      let tools = [tool('a')];
      const peer = createPeer({
        capabilities: { tools: { listChanged: true } },
        handlers: { 'tools/list': () => ({ tools }) },
      });
      const client = new McpClient(peer.factory);
      expectObservable(client.tools$, '^--------!').toBe('a---b----', { a: [tool('a')], b: [tool('a'), tool('b')] });
      expectObservable(client.tools$, '--^---------!').toBe('--a-b-------', {
        a: [tool('a')],
        b: [tool('a'), tool('b')],
      });
      cold('----x').subscribe(() => {
        tools = [tool('a'), tool('b')];
        peer.last.server.notify('notifications/tools/list_changed');
      });
      flush();
      expect(peer.connections).toHaveLength(1);
      expect(peer.requests('tools/list')).toHaveLength(2);
      expect(peer.last.closed).toBe(true);
    });
  });

  it('ignores other notifications and follows pages on refetch', async () => {
    const peer = createPeer({
      capabilities: { tools: { listChanged: true }, prompts: {} },
      handlers: {
        'tools/list': (p: { cursor?: string }) =>
          p?.cursor ? { tools: [tool('b')] } : { tools: [tool('a')], nextCursor: 'n' },
      },
    });
    const client = new McpClient(peer.factory);
    const lists: unknown[] = [];
    const watching = client.tools$.subscribe((tools) => lists.push(tools.map((t) => t.name)));
    peer.last.server.notify('notifications/prompts/list_changed');
    peer.last.server.notify('notifications/tools/list_changed');
    watching.unsubscribe();
    expect(lists).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(peer.requests('tools/list')).toHaveLength(4);
  });

  it('emits [] when the server has no tools capability', async () => {
    const client = new McpClient(createPeer({ capabilities: {} }).factory);
    expect(await firstValueFrom(client.tools$)).toEqual([]);
  });

  it('errors with the connection error when the transport fails; a new subscriber reconnects', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [] }) } });
      const client = new McpClient(peer.factory);
      expectObservable(client.tools$).toBe('a--#', { a: [] }, new McpError('transport', 'down'));
      expectObservable(client.tools$, '-----^').toBe('-----a', { a: [] });
      cold('---x').subscribe(() => peer.last.transport.outbound.error(new Error('down')));
    });
  });
});

describe('prompts$ and resources$', () => {
  it('refetch on their own list_changed notifications', async () => {
    let n = 1;
    const peer = createPeer({
      capabilities: { prompts: { listChanged: true }, resources: { listChanged: true } },
      handlers: {
        'prompts/list': () => ({ prompts: Array.from({ length: n }, (_, i) => ({ name: `p${i}` })) }),
        'resources/list': () => ({
          resources: Array.from({ length: n }, (_, i) => ({ uri: `file:///${i}`, name: `r${i}` })),
        }),
      },
    });
    const client = new McpClient(peer.factory);
    const prompts: number[] = [];
    const resources: number[] = [];
    const a = client.prompts$.subscribe((list) => prompts.push(list.length));
    const b = client.resources$.subscribe((list) => resources.push(list.length));
    n = 2;
    peer.last.server.notify('notifications/prompts/list_changed');
    n = 3;
    peer.last.server.notify('notifications/resources/list_changed');
    a.unsubscribe();
    b.unsubscribe();
    expect(prompts).toEqual([1, 2]);
    expect(resources).toEqual([1, 3]);
    expect(peer.connections).toHaveLength(1);
  });
});

describe('resource$', () => {
  const uri = 'file:///notes.md';
  const watchedPeer = (subscribe = true) => {
    let version = 0;
    const peer = createPeer({
      capabilities: { resources: { subscribe } },
      handlers: {
        'resources/read': ({ uri: read }: { uri: string }) => ({ contents: [{ uri: read, text: `v${version}` }] }),
        'resources/subscribe': () => ({}),
        'resources/unsubscribe': () => ({}),
      },
    });
    const update = (to: number, target = uri) => {
      version = to;
      peer.last.server.notify('notifications/resources/updated', { uri: target });
    };
    return { peer, update };
  };
  const contents = (v: number, at = uri) => ({ contents: [{ uri: at, text: `v${v}` }] });

  it('subscribes once for two observers, re-reads on updated, and unsubscribes after the last leaves', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const { peer, update } = watchedPeer();
      const client = new McpClient(peer.factory);
      const held = client.connect();
      expectObservable(client.resource$(uri), '^----!').toBe('a--b--', { a: contents(0), b: contents(1) });
      expectObservable(client.resource$(uri), '-^---------!').toBe('-a-b--c----', {
        a: contents(0),
        b: contents(1),
        c: contents(2),
      });
      cold('---x--y').subscribe((k) => update(k === 'x' ? 1 : 2));
      cold('-----z').subscribe(() => update(9, 'file:///other'));
      cold('--------c').subscribe(() => {
        expect(peer.requests('resources/subscribe')).toEqual([{ uri }]);
        expect(peer.requests('resources/unsubscribe')).toEqual([]);
      });
      cold('------------c').subscribe(() => held.unsubscribe());
      flush();
      expect(peer.requests('resources/subscribe')).toEqual([{ uri }]);
      expect(peer.requests('resources/unsubscribe')).toEqual([{ uri }]);
      expect(peer.requests('resources/read')).toHaveLength(3);
      expect(peer.connections).toHaveLength(1);
    });
  });

  it('subscribes again for a new observer after the last one left', () => {
    const { peer } = watchedPeer();
    const client = new McpClient(peer.factory);
    const held = client.connect();
    client.resource$(uri).pipe(take(1)).subscribe();
    client.resource$(uri).pipe(take(1)).subscribe();
    expect(peer.methods().filter((m) => m.startsWith('resources/'))).toEqual([
      'resources/subscribe',
      'resources/read',
      'resources/unsubscribe',
      'resources/subscribe',
      'resources/read',
      'resources/unsubscribe',
    ]);
    held.unsubscribe();
  });

  it('keeps separate subscriptions per uri', async () => {
    const { peer, update } = watchedPeer();
    const client = new McpClient(peer.factory);
    const seen: string[] = [];
    const a = client
      .resource$('file:///a')
      .subscribe((r) => seen.push(`a:${(r.contents[0] as { text: string }).text}`));
    const b = client
      .resource$('file:///b')
      .subscribe((r) => seen.push(`b:${(r.contents[0] as { text: string }).text}`));
    update(1, 'file:///b');
    a.unsubscribe();
    b.unsubscribe();
    expect(seen).toEqual(['a:v0', 'b:v0', 'b:v1']);
    expect(peer.requests('resources/subscribe')).toEqual([{ uri: 'file:///a' }, { uri: 'file:///b' }]);
  });

  it('only reads (and still re-reads on updated) when the server cannot subscribe', async () => {
    const { peer, update } = watchedPeer(false);
    const client = new McpClient(peer.factory);
    const seen: unknown[] = [];
    const watching = client.resource$(uri).subscribe((r) => seen.push(r));
    update(1);
    watching.unsubscribe();
    expect(seen).toEqual([contents(0), contents(1)]);
    expect(peer.methods(0).filter((m) => m.startsWith('resources/'))).toEqual(['resources/read', 'resources/read']);
  });

  it('errors when the read fails', async () => {
    const peer = createPeer({ capabilities: { resources: {} }, handlers: {} });
    await expect(firstValueFrom(new McpClient(peer.factory).resource$(uri))).rejects.toMatchObject({
      kind: 'protocol',
      code: -32601,
    });
  });
});

describe('logs$ and notifications$', () => {
  it('emit what the server sends while subscribed, holding the connection', async () => {
    const peer = createPeer({ capabilities: { logging: {}, tools: { listChanged: true } } });
    const client = new McpClient(peer.factory);
    const logs: unknown[] = [];
    const all: string[] = [];
    const a = client.logs$.subscribe((log) => logs.push(log));
    const b = client.notifications$.subscribe((n) => all.push(n.method));
    expect(peer.connections).toHaveLength(1);
    peer.last.server.notify('notifications/message', { level: 'error', logger: 'db', data: 'down' });
    peer.last.server.notify('notifications/message', { level: 'nonsense', data: 'ignored' });
    peer.last.server.notify('notifications/tools/list_changed');
    a.unsubscribe();
    b.unsubscribe();
    expect(logs).toEqual([{ type: 'log', level: 'error', logger: 'db', data: 'down' }]);
    expect(all).toEqual(['notifications/message', 'notifications/message', 'notifications/tools/list_changed']);
    expect(peer.last.closed).toBe(true);
  });
});

describe('live views when the transport resumes (health$ back to connected: the server may have restarted)', () => {
  const lost = new McpError('transport', 'GET failed');
  const healthOf = (
    hot: (marbles: string, values: Record<string, TransportHealth>) => Observable<TransportHealth>,
    marbles: string,
  ) => hot(marbles, { r: { status: 'reconnecting', attempt: 0, error: lost }, c: { status: 'connected' } });

  it('tools$ fetches the list again', () => {
    scheduler().run(({ hot, expectObservable, flush }) => {
      let tools = [tool('a')];
      const peer = createPeer({
        capabilities: { tools: { listChanged: true } },
        handlers: { 'tools/list': () => ({ tools }) },
      });
      const health$ = healthOf(hot, '--r-c');
      const client = new McpClient(() => ({ ...peer.factory(), health$ }));
      hot('---x').subscribe(() => (tools = [tool('b')]));
      expectObservable(client.tools$, '^-------!').toBe('a---b---', { a: [tool('a')], b: [tool('b')] });
      flush();
      expect(peer.requests('tools/list')).toHaveLength(2);
    });
  });

  it('resource$ subscribes and reads again', () => {
    scheduler().run(({ hot, expectObservable, flush }) => {
      const uri = 'file:///notes.md';
      let version = 0;
      const peer = createPeer({
        capabilities: { resources: { subscribe: true } },
        handlers: {
          'resources/read': () => ({ contents: [{ uri, text: `v${version}` }] }),
          'resources/subscribe': () => ({}),
          'resources/unsubscribe': () => ({}),
        },
      });
      const health$ = healthOf(hot, '--r-c');
      const client = new McpClient(() => ({ ...peer.factory(), health$ }));
      hot('---x').subscribe(() => (version = 1));
      expectObservable(client.resource$(uri), '^-------!').toBe('a---b---', {
        a: { contents: [{ uri, text: 'v0' }] },
        b: { contents: [{ uri, text: 'v1' }] },
      });
      flush();
      expect(peer.requests('resources/subscribe')).toEqual([{ uri }, { uri }]);
      expect(peer.requests('resources/unsubscribe')).toEqual([{ uri }]);
    });
  });
});
