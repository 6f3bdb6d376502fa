import { firstValueFrom, Subject } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { ClientState } from '../../lib/client/index.js';
import { McpError } from '../../lib/protocol/errors.js';
import type { TransportHealth } from '../../lib/transport/transport.js';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import { createFakeTransport, createMcpTestScheduler, result } from '../../lib/testing/index.js';
import { createPeer, serverInfo } from './peer.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const server = { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: { tools: {} }, serverInfo };

describe('the shared connection', () => {
  it('connects once for two holders and closes the transport after the last one leaves', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const peer = createPeer({ capabilities: { tools: {} } });
      const client = new McpClient(peer.factory);
      expectObservable(client.connection$, '-^----!').toBe('-s----', { s: server });
      expectObservable(client.connection$, '---^------!').toBe('---s-------', { s: server });
      // Nothing is created until the first holder subscribes.
      cold('|').subscribe({ complete: () => expect(peer.connections).toHaveLength(0) });
      flush();
      expect(peer.connections).toHaveLength(1);
      expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized']);
      expect(peer.last.closed).toBe(true);
    });
  });

  it('keeps the transport open while any holder remains', () => {
    scheduler().run(({ cold, flush }) => {
      const peer = createPeer();
      const client = new McpClient(peer.factory);
      const first = client.connect();
      const second = client.connect();
      cold('--a').subscribe(() => first.unsubscribe());
      cold('----a').subscribe(() => {
        expect(peer.last.closed).toBe(false);
        second.unsubscribe();
        expect(peer.last.closed).toBe(true);
      });
      flush();
      expect(peer.connections).toHaveLength(1);
    });
  });

  it('reconnects with a fresh transport after a close', async () => {
    const peer = createPeer({ capabilities: { tools: {} } });
    const client = new McpClient(peer.factory);
    await firstValueFrom(client.connection$);
    expect(peer.connections).toHaveLength(1);
    expect(peer.connections[0]!.closed).toBe(true);
    expect(client.server).toBeUndefined();
    const again = client.connect();
    expect(peer.connections).toHaveLength(2);
    expect(client.server).toEqual(server);
    expect(peer.methods(1)).toEqual(['initialize', 'notifications/initialized']);
    again.unsubscribe();
  });

  it('holds the connection for the length of a call, then releases it', () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [] }) } });
    const client = new McpClient(peer.factory);
    const seen: unknown[] = [];
    client.listTools().subscribe((tools) => seen.push(tools));
    expect(seen).toEqual([[]]);
    expect(peer.methods(0)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
    expect(peer.connections[0]!.closed).toBe(true);
  });

  it('shares an open connection with calls', () => {
    const peer = createPeer({ capabilities: { tools: {} }, handlers: { 'tools/list': () => ({ tools: [] }) } });
    const client = new McpClient(peer.factory);
    const held = client.connect();
    client.listTools().subscribe();
    client.ping().subscribe();
    expect(peer.connections).toHaveLength(1);
    expect(peer.last.closed).toBe(false);
    expect(peer.methods()).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'ping']);
    held.unsubscribe();
    expect(peer.last.closed).toBe(true);
  });

  it('announces clientInfo, protocol version and instructions', () => {
    const peer = createPeer({ instructions: 'be brief' });
    const client = new McpClient(peer.factory, {
      clientInfo: { name: 'app', version: '9' },
      protocolVersions: ['2025-06-18'],
    });
    const seen: unknown[] = [];
    client.connection$.subscribe((init) => seen.push(init)).unsubscribe();
    expect(seen).toEqual([{ protocolVersion: '2025-06-18', capabilities: {}, serverInfo, instructions: 'be brief' }]);
    expect(peer.last.server.client).toMatchObject({
      clientInfo: { name: 'app', version: '9' },
      protocolVersion: '2025-06-18',
    });
  });

  it('sends rxmcp as clientInfo by default', () => {
    const peer = createPeer();
    new McpClient(peer.factory).connect().unsubscribe();
    expect(peer.last.server.client?.clientInfo).toEqual({ name: 'rxmcp', version: '0.1.0' });
  });
});

describe('state$', () => {
  it('goes idle → connecting → ready → closed, replaying synchronously', () => {
    scheduler().run(({ expectObservable }) => {
      const peer = createPeer({ capabilities: { tools: {} } });
      const client = new McpClient(peer.factory);
      const states: ClientState[] = [];
      client.state$.subscribe((state) => states.push(state));
      expect(states).toEqual([{ status: 'idle' }]);
      expectObservable(client.state$, '^-------').toBe('i-(cr)x', {
        i: { status: 'idle' },
        c: { status: 'connecting' },
        r: { status: 'ready', server, era: 'legacy' },
        x: { status: 'closed' },
      });
      expectObservable(client.connection$, '--^---!').toBe('--s---', { s: server });
    });
  });

  it('reports a transport failure and never errors; holders get the McpError', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const peer = createPeer();
      const client = new McpClient(peer.factory);
      const failure = new McpError('transport', 'socket reset');
      expectObservable(client.state$, '^-------').toBe('(icr)x-', {
        i: { status: 'idle' },
        c: { status: 'connecting' },
        r: { status: 'ready', server: { ...server, capabilities: {} }, era: 'legacy' },
        x: { status: 'closed', error: failure },
      });
      expectObservable(client.connection$).toBe('s----#', { s: { ...server, capabilities: {} } }, failure);
      cold('-----a').subscribe(() => peer.last.transport.outbound.error(new Error('socket reset')));
    });
  });

  it('goes ready → reconnecting → ready on a transport health$, then closed with the error it gives up with', () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const peer = createPeer();
      const lost = new McpError('transport', 'GET failed: connect ECONNREFUSED');
      const gone = new McpError('transport', 'Lost the standalone SSE stream');
      const health$ = hot<TransportHealth>('-------r-s-c--r-s', {
        r: { status: 'reconnecting', attempt: 0, error: lost },
        s: { status: 'reconnecting', attempt: 1, error: lost },
        c: { status: 'connected' },
      });
      const client = new McpClient(() => ({ ...peer.factory(), health$ }));
      const ready = { ...server, capabilities: {} };
      expectObservable(client.state$, '^------------------').toBe('(icr)--R-S-r--R-S-x', {
        i: { status: 'idle' },
        c: { status: 'connecting' },
        r: { status: 'ready', server: ready, era: 'legacy' },
        R: { status: 'reconnecting', server: ready, era: 'legacy', attempt: 0, error: lost },
        S: { status: 'reconnecting', server: ready, era: 'legacy', attempt: 1, error: lost },
        x: { status: 'closed', error: gone },
      });
      expectObservable(client.connection$).toBe('s-----------------#', { s: ready }, gone);
      cold('------------------a').subscribe(() => peer.last.transport.outbound.error(gone));
    });
  });

  it('reports a server close with kind closed', () => {
    const peer = createPeer();
    const client = new McpClient(peer.factory);
    const errors: unknown[] = [];
    client.connection$.subscribe({ error: (error) => errors.push(error) });
    peer.last.transport.outbound.complete();
    expect(errors).toEqual([expect.objectContaining({ kind: 'closed', code: -32000 })]);
    expect(client.state).toEqual({ status: 'closed', error: expect.objectContaining({ kind: 'closed' }) });
  });

  it('reports a failed initialize and closes the transport', async () => {
    const fake = createFakeTransport();
    const client = new McpClient(() => fake.transport);
    const answer = firstValueFrom(client.connection$);
    fake.receive(result(1, { protocolVersion: '1999-01-01', capabilities: {}, serverInfo }));
    await expect(answer).rejects.toMatchObject({ kind: 'protocol' });
    expect(client.state).toMatchObject({ status: 'closed', error: { kind: 'protocol' } });
    expect(fake.closed).toBe(true);
  });

  it('reports a transport factory that throws', async () => {
    const client = new McpClient(() => {
      throw new Error('no such command');
    });
    await expect(firstValueFrom(client.connection$)).rejects.toMatchObject({ kind: 'transport' });
    expect(client.state).toMatchObject({
      status: 'closed',
      error: { kind: 'transport', message: expect.stringContaining('no such command') },
    });
  });

  it('connect() swallows failures (state$ reports them)', () => {
    const inbound = new Subject<never>();
    const client = new McpClient(() => ({
      inbound$: inbound,
      outbound: { next: () => undefined, error: () => undefined, complete: () => undefined },
    }));
    const held = client.connect();
    expect(client.state).toEqual({ status: 'connecting' });
    expect(() => inbound.error(new Error('boom'))).not.toThrow();
    expect(client.state).toMatchObject({ status: 'closed', error: { kind: 'transport' } });
    held.unsubscribe();
  });
});
