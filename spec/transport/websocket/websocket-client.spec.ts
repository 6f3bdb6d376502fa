import { McpError } from '../../../lib/protocol/errors.js';
import { createMcpTestScheduler } from '../../../lib/testing/test-scheduler.js';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { createWebSocketClientTransport, type WebSocketConstructor } from '../../../lib/transport/websocket/index.js';
import type { InvalidFrame, RequestFailure } from '../../../lib/transport/transport.js';

type Listener = (event: unknown) => void;

/** A scripted WHATWG-style WebSocket. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  closedWith: number | undefined;
  listeners = new Map<string, Set<Listener>>();
  constructor(
    readonly url: string | URL,
    readonly protocols?: string | string[],
  ) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 2;
  }
  addEventListener(type: string, listener: Listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: Listener) {
    this.listeners.get(type)?.delete(listener);
  }
  emit(type: string, event: unknown = {}) {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
  open() {
    this.readyState = 1;
    this.emit('open');
  }
  count(type: string) {
    return this.listeners.get(type)?.size ?? 0;
  }
}

const ping: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'ping' };

function setup(protocols?: string[]) {
  FakeWebSocket.instances = [];
  const transport = createWebSocketClientTransport('ws://mcp.test/ws', {
    WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
    ...(protocols ? { protocols } : {}),
  });
  const received: (JSONRPCMessage | InvalidFrame | RequestFailure)[] = [];
  const ended: { error?: unknown; complete?: boolean } = {};
  const connect = () =>
    transport.inbound$.subscribe({
      next: (message) => received.push(message),
      error: (error) => (ended.error = error),
      complete: () => (ended.complete = true),
    });
  return { transport, received, ended, connect, socket: () => FakeWebSocket.instances[0]! };
}

describe('createWebSocketClientTransport', () => {
  it('opens nothing until subscribed, offers subprotocol mcp, and queues until open', () => {
    const t = setup();
    t.transport.outbound.next(ping);
    expect(FakeWebSocket.instances).toHaveLength(0);
    t.connect();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(t.socket().protocols).toEqual(['mcp']);
    expect(t.socket().binaryType).toBe('arraybuffer');
    t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(t.socket().sent).toEqual([]);
    t.socket().open();
    expect(t.socket().sent.map((text) => JSON.parse(text))).toEqual([
      ping,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ]);
    t.transport.outbound.next(ping);
    expect(t.socket().sent).toHaveLength(3);
  });

  it('parses text and binary frames, turning bad ones into InvalidFrames', () => {
    const t = setup(['mcp', 'other']);
    t.connect();
    expect(t.socket().protocols).toEqual(['mcp', 'other']);
    t.socket().open();
    t.socket().emit('message', { data: '{"jsonrpc":"2.0","id":1,"result":{}}' });
    t.socket().emit('message', { data: new TextEncoder().encode('{"jsonrpc":"2.0","method":"x"}').buffer });
    t.socket().emit('message', { data: '{oops' });
    t.socket().emit('message', { data: '[1]' });
    expect(t.received).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', method: 'x' },
      expect.objectContaining({ kind: 'invalid-frame', reason: 'parse', id: null }),
      expect.objectContaining({ kind: 'invalid-frame', reason: 'invalid' }),
    ]);
  });

  it('completes inbound$ when the socket closes', () => {
    const t = setup();
    t.connect();
    t.socket().open();
    t.socket().emit('close', { code: 1000 });
    expect(t.ended).toEqual({ complete: true });
  });

  it("errors inbound$ with kind 'transport' on a socket error", () => {
    const t = setup();
    t.connect();
    t.socket().emit('error', { message: 'connection refused' });
    t.socket().emit('close', { code: 1006 });
    expect(t.ended.error).toEqual(expect.objectContaining({ name: 'McpError', kind: 'transport' }));
    expect((t.ended.error as Error).message).toMatch(/connection refused/);
  });

  it('outbound.complete() closes the socket with 1000 and completes; later messages are dropped', () => {
    const t = setup();
    t.connect();
    t.socket().open();
    t.transport.outbound.complete();
    expect(t.socket().closedWith).toBe(1000);
    expect(t.ended).toEqual({ complete: true });
    t.transport.outbound.next(ping);
    expect(t.socket().sent).toEqual([]);
  });

  it('unsubscribing closes the socket and removes the listeners (the error one stays, inert)', () => {
    const t = setup();
    const subscription = t.connect();
    subscription.unsubscribe();
    expect(t.socket().closedWith).toBe(1000);
    expect(['open', 'message', 'close'].map((type) => t.socket().count(type))).toEqual([0, 0, 0]);
    t.socket().emit('error', { message: 'late' });
    expect(t.ended).toEqual({});
  });

  it('errors when no WebSocket implementation is available, pointing at the Node transport', () => {
    const transport = createWebSocketClientTransport('ws://x', { WebSocket: undefined });
    const original = (globalThis as { WebSocket?: unknown }).WebSocket;
    delete (globalThis as { WebSocket?: unknown }).WebSocket;
    let error: unknown;
    transport.inbound$.subscribe({ error: (e) => (error = e) });
    (globalThis as { WebSocket?: unknown }).WebSocket = original;
    expect(error).toEqual(
      expect.objectContaining({
        kind: 'transport',
        message: expect.stringContaining(
          'pass options.WebSocket, or on Node use createNodeWebSocketClientTransport (rxmcp/node)',
        ),
      }),
    );
  });

  it('says the URL and the root cause of a socket error', () => {
    const t = setup();
    t.connect();
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3999'), { code: 'ECONNREFUSED' });
    t.socket().emit('error', { message: 'connect ECONNREFUSED 127.0.0.1:3999', error: cause });
    expect(t.ended.error).toEqual(
      expect.objectContaining({
        kind: 'transport',
        message: 'WebSocket ws://mcp.test/ws failed: connect ECONNREFUSED 127.0.0.1:3999',
      }),
    );
  });
});

describe('createWebSocketClientTransport in marbles', () => {
  it('emits frames as they arrive and completes on close', () => {
    createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      const t = setup();
      const frame = (data: string) => () => t.socket().emit('message', { data });
      const script = {
        o: () => t.socket().open(),
        a: frame('{"jsonrpc":"2.0","method":"a"}'),
        b: frame('{"jsonrpc":"2.0","id":1,"result":{}}'),
        c: () => t.socket().emit('close', {}),
      };
      cold('-o-a-b-c', script).subscribe((action) => action());
      expectObservable(t.transport.inbound$).toBe('---a-b-|', {
        a: { jsonrpc: '2.0', method: 'a' },
        b: { jsonrpc: '2.0', id: 1, result: {} },
      });
    });
  });

  it("errors with kind 'transport' at the frame of the socket error", () => {
    createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      const t = setup();
      cold('--e', { e: () => t.socket().emit('error', {}) }).subscribe((action) => action());
      expectObservable(t.transport.inbound$).toBe('--#', undefined, new McpError('transport', 'any'));
    });
  });
});
