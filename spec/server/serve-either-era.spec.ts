import { map, Subject, timer, type Observable } from 'rxjs';
import { messageOf, type OutboundMessage } from '../../lib/transport/related-request.js';
import { TestScheduler } from 'rxjs/testing';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { serveEitherEra } from '../../lib/server/serve-either-era.js';
import { createFakeTransport } from '../../lib/testing/fake-transport.js';
import { notification, request } from '../../lib/testing/messages.js';
import type { InvalidFrame, Transport } from '../../lib/transport/transport.js';

const VERSION = '2026-07-28';
const envelope = (capabilities: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': capabilities,
});
const modern = (
  id: number,
  method: string,
  params: Record<string, unknown> = {},
  capabilities?: Record<string, unknown>,
) =>
  request(id, method, { ...params, _meta: { ...envelope(capabilities), ...(params['_meta'] as object | undefined) } });
const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** What a message is, in a word: `r<id>` for a result, `e<id>` for an error, else its method. */
const label = (message: JSONRPCMessage): string => {
  if ('method' in message) return message.method;
  return 'error' in message ? `e${String(message.id)}` : `r${String(message.id)}`;
};

/** Waits (polling, the sealer is async) until `fake` has sent `count` messages. */
const sentCount = (fake: { sent: readonly unknown[] }) => async (count: number) => {
  for (let tries = 0; fake.sent.length < count && tries < 1000; tries++)
    await new Promise((resolve) => setTimeout(resolve, 5));
};

function server() {
  const mcp = new McpServer(
    { name: 'either', version: '1.0.0' },
    { requestState: { keys: [{ id: 'k', secret: 'a spec secret of thirty-two bytes!!' }] } },
  );
  mcp.tool('slow', {}, (_args, ctx) => {
    ctx.progress(1, 2);
    return timer(5).pipe(map(() => 'late'));
  });
  mcp.resource('test://who', { name: 'who' }, (_uri, ctx) =>
    ctx
      .elicit(
        { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } },
        { inputKey: 'who' },
      )
      .pipe(map((answer) => `Hi, ${String(answer.content?.['name'])}`)),
  );
  mcp.tool('greet', {}, (_args, ctx) =>
    ctx
      .elicit(
        {
          message: 'Name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
        { inputKey: 'who' },
      )
      .pipe(map((answer) => `Hello, ${String(answer.content?.['name'])}!`)),
  );
  return mcp;
}

/** A transport whose peer plays `inbound$` and whose outbound is observed as labels. */
function playing(inbound$: Observable<JSONRPCMessage | InvalidFrame>): {
  transport: Transport;
  sent$: Observable<string>;
} {
  const sent = new Subject<OutboundMessage>();
  return { transport: { inbound$, outbound: sent }, sent$: sent.pipe(map((message) => label(messageOf(message)))) };
}

describe('serveEitherEra: the first message decides', () => {
  it('serves a stream whose first request has the envelope statelessly; notifications/cancelled cancels one request', () => {
    marbles().run(({ hot, expectObservable }) => {
      const inbound = hot<JSONRPCMessage>('-a-b-c-d------|', {
        a: modern(1, 'tools/list'),
        b: modern(2, 'tools/call', { name: 'slow', _meta: { progressToken: 'p2' } }),
        c: notification('notifications/cancelled', { requestId: 2 }),
        d: modern(3, 'tools/call', { name: 'slow', _meta: { progressToken: 'p3' } }),
      });
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(server(), transport);
      expectObservable(sent$).toBe('-a-p---p----r-|', { a: 'r1', p: 'notifications/progress', r: 'r3' });
    });
  });

  it('keeps the 2025 session when initialize comes first', () => {
    marbles().run(({ hot, expectObservable }) => {
      const inbound = hot<JSONRPCMessage>('-i-n-t-|', {
        i: request(1, 'initialize', {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'c', version: '1' },
        }),
        n: notification('notifications/initialized'),
        t: request(2, 'tools/list'),
      });
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(server(), transport);
      expectObservable(sent$).toBe('-i---t-|', { i: 'r1', t: 'r2' });
    });
  });

  it('aborts the signal of a handler the client cancels, and only then', () => {
    const aborted: string[] = [];
    marbles().run(({ hot, expectObservable }) => {
      const mcp = server();
      mcp.tool('watch', {}, (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => aborted.push(String(ctx.requestId)));
        return timer(3).pipe(map(() => 'watched'));
      });
      const inbound = hot<JSONRPCMessage>('-a-b-c----|', {
        a: modern(1, 'tools/call', { name: 'watch' }),
        b: modern(2, 'tools/call', { name: 'watch' }),
        c: notification('notifications/cancelled', { requestId: 2 }),
      });
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(mcp, transport);
      expectObservable(sent$).toBe('----r-----|', { r: 'r1' });
    });
    expect(aborted).toEqual(['2']);
  });

  it('carries subscriptions/listen on the shared stream until the client cancels it', () => {
    marbles().run(({ hot, expectObservable }) => {
      const mcp = server();
      const inbound = hot<JSONRPCMessage>('-l---c----|', {
        l: modern(7, 'subscriptions/listen', { notifications: { toolsListChanged: true } }),
        c: notification('notifications/cancelled', { requestId: 7 }),
      });
      hot('---x---y').subscribe((frame) => mcp.tool(`added-${frame}`, {}, () => frame));
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(mcp, transport);
      expectObservable(sent$).toBe('-a-t------|', {
        a: 'notifications/subscriptions/acknowledged',
        t: 'notifications/tools/list_changed',
      });
    });
  });

  it('answers a bad frame with -32700 and a request without the envelope with -32602, and carries on', () => {
    marbles().run(({ hot, expectObservable }) => {
      const inbound = hot<JSONRPCMessage | InvalidFrame>('-a-b-c-|', {
        a: modern(1, 'server/discover'),
        b: { kind: 'invalid-frame', reason: 'parse', message: 'Parse error' },
        c: request(3, 'tools/list'),
      });
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(server(), transport);
      expectObservable(sent$).toBe('-a-b-c-|', { a: 'r1', b: 'enull', c: 'e3' });
    });
  });

  it('cancels what is running and closes the stream when the client closes it', () => {
    marbles().run(({ hot, expectObservable }) => {
      const inbound = hot<JSONRPCMessage>('-b-|', { b: modern(2, 'tools/call', { name: 'slow' }) });
      const { transport, sent$ } = playing(inbound);
      serveEitherEra(server(), transport);
      expectObservable(sent$).toBe('---|');
    });
  });

  it('runs an MRTR input round as two requests on the stream', async () => {
    const fake = createFakeTransport();
    const connection = serveEitherEra(server(), fake.transport);
    const until = sentCount(fake);
    fake.receive(modern(1, 'tools/call', { name: 'greet' }, { elicitation: { form: {} } }));
    await until(1);
    const first = fake.sent[0] as unknown as {
      id: number;
      result: { resultType: string; inputRequests: Record<string, { method: string }>; requestState: string };
    };
    expect(first).toMatchObject({
      id: 1,
      result: { resultType: 'input_required', inputRequests: { who: { method: 'elicitation/create' } } },
    });
    fake.receive(
      modern(
        2,
        'tools/call',
        {
          name: 'greet',
          inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
          requestState: first.result.requestState,
        },
        { elicitation: { form: {} } },
      ),
    );
    await until(2);
    expect(fake.sent[1]).toMatchObject({
      id: 2,
      result: { resultType: 'complete', content: [{ type: 'text', text: 'Hello, Ada!' }] },
    });
    connection.unsubscribe();
    expect(fake.closed).toBe(true);
  });
});

describe('caching hints of a modern MRTR round', () => {
  it('puts none on an input_required round of resources/read, and the usual ones on its complete retry', async () => {
    const fake = createFakeTransport();
    const connection = serveEitherEra(server(), fake.transport);
    const until = sentCount(fake);
    fake.receive(modern(1, 'resources/read', { uri: 'test://who' }, { elicitation: { form: {} } }));
    await until(1);
    const first = fake.sent[0] as unknown as { result: Record<string, unknown> };
    expect(first.result).toMatchObject({ resultType: 'input_required' });
    expect(first.result).not.toHaveProperty('ttlMs');
    expect(first.result).not.toHaveProperty('cacheScope');
    const inputResponses = { who: { action: 'accept', content: { name: 'Ada' } } };
    const retry = { uri: 'test://who', inputResponses, requestState: first.result['requestState'] };
    fake.receive(modern(2, 'resources/read', retry, { elicitation: { form: {} } }));
    await until(2);
    expect(fake.sent[1]).toMatchObject({
      id: 2,
      result: { resultType: 'complete', ttlMs: 60_000, cacheScope: 'public' },
    });
    connection.unsubscribe();
  });
});

describe('serveEitherEra over a synchronous peer', () => {
  it('serves a request the peer sends from inside the first response’s delivery (nothing dropped)', () => {
    const sent = new Subject<OutboundMessage>();
    const inbound = new Subject<JSONRPCMessage>();
    const answered: string[] = [];
    sent.subscribe((message) => {
      const reply = messageOf(message);
      answered.push(label(reply));
      // Like a client on a memory transport: its next request goes out as the answer arrives.
      if ('id' in reply && reply.id === 1) inbound.next(modern(2, 'tools/list'));
    });
    serveEitherEra(server(), { inbound$: inbound, outbound: sent });
    inbound.next(modern(1, 'server/discover'));
    expect(answered).toEqual(['r1', 'r2']);
  });
});
