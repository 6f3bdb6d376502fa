// A request's SSE stream that goes silent (no event, no keep-alive comment) for streamIdleTimeout
// counts as dropped: a dead connection that never closes fails its request, so a listen stream
// can be opened again. Keep-alive comments carry no message but keep the stream alive.
import { VirtualTimeScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { createStreamableHttpClientTransport } from '../../../lib/transport/http/index.js';
import type { InvalidFrame, RequestFailure } from '../../../lib/transport/transport.js';
import { advanceTo, controlledStream, createFakeFetch, event, settle, sse } from './fake-fetch.js';

const listen: JSONRPCMessage = {
  jsonrpc: '2.0',
  id: 5,
  method: 'subscriptions/listen',
  params: { notifications: { toolsListChanged: true } },
};
const ack: JSONRPCMessage = {
  jsonrpc: '2.0',
  method: 'notifications/subscriptions/acknowledged',
  params: { notifications: { toolsListChanged: true } },
};

/** Moves the virtual clock to `at` (a no-op due then makes the frame advance), running what is due. */
async function tick(scheduler: VirtualTimeScheduler, at: number): Promise<void> {
  scheduler.schedule(() => undefined, at - scheduler.now());
  await advanceTo(scheduler, at);
}

function setup(streamIdleTimeout?: number) {
  const scheduler = new VirtualTimeScheduler();
  const body = controlledStream();
  const fake = createFakeFetch(() => sse(body.stream), scheduler);
  const transport = createStreamableHttpClientTransport('http://mcp.test/mcp', {
    fetch: fake.fetch,
    scheduler,
    ...(streamIdleTimeout !== undefined && { streamIdleTimeout }),
  });
  const received: (JSONRPCMessage | InvalidFrame | RequestFailure)[] = [];
  transport.inbound$.subscribe((message) => received.push(message));
  return { scheduler, body, transport, received };
}

describe('streamIdleTimeout on a request stream', () => {
  it('keep-alive comments keep a quiet stream alive, and are no messages', async () => {
    const t = setup(250);
    t.transport.outbound.next(listen);
    await settle();
    t.body.push(event(ack));
    for (let at = 100; at <= 1_000; at += 100) {
      await tick(t.scheduler, at);
      t.body.push(': keep-alive\n\n');
      await settle();
    }
    expect(t.received).toEqual([ack]);
    expect(t.body.cancelled).toBe(false);
  });

  it('fails the request (kind transport) once the stream is silent that long, and cancels the body', async () => {
    const t = setup(250);
    t.transport.outbound.next(listen);
    await settle();
    t.body.push(event(ack));
    await tick(t.scheduler, 100);
    t.body.push(': keep-alive\n\n');
    await settle();
    await tick(t.scheduler, 349);
    expect(t.received).toEqual([ack]);
    await tick(t.scheduler, 350);
    expect(t.received).toEqual([
      ack,
      {
        kind: 'request-failed',
        id: 5,
        error: expect.objectContaining({ kind: 'transport', message: expect.stringMatching(/silent for 250 ms/) }),
      },
    ]);
    expect(t.body.cancelled).toBe(true);
  });

  it('without it, a silent stream is waited on for ever', async () => {
    const t = setup();
    t.transport.outbound.next(listen);
    await settle();
    t.body.push(event(ack));
    await tick(t.scheduler, 3_600_000);
    expect(t.received).toEqual([ack]);
    expect(t.body.cancelled).toBe(false);
  });
});
