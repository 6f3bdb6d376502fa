// Queued outbound messages per slow consumer. A client that never reads must leave the server's
// queue for it bounded — measured in bytes (`queuedBytes`: written, not yet taken by the kernel),
// never by timing — and other sessions served. WebSocket: reading from the peer pauses past
// limits.highWaterBytes (backpressure: nothing lost), the socket is cut past maxQueuedBytes. SSE:
// the stream is cut past maxQueuedBytes (a resumable one can be resumed); legacy SSE answers the
// POSTs of a session whose stream is over the high-water mark with 503.
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { serveMcp, type McpHttpServer } from '../../lib/node/http/index.js';
import { DEFAULT_LIMITS, type Limits } from '../../lib/server/limits.js';
import { createTestServer, type TestServer } from '../node/http/helpers/test-server.js';
import { callTool, LATEST, openSession, post, sessionHeaders } from '../node/http/helpers/raw-http.js';
import { until } from '../support/until.js';

const KiB = 1024;
const padding = 'x'.repeat(2 * KiB);
const log = (n: number) => ({ level: 'info' as const, data: `${n} ${padding}` });

/** A raw HTTP client that sends `head`, waits for the first bytes of the answer, then stops reading. */
async function stalledClient(
  port: number,
  head: string,
): Promise<{ socket: Socket; first: string; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(head);
  const first = await new Promise<string>((resolve) =>
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString())),
  );
  socket.pause();
  return { socket, first, closed };
}

/** Samples `read()` on every turn of the event loop until stopped; `max` is the largest seen. */
function sampler(read: () => number) {
  let max = 0;
  let running = true;
  const tick = () => {
    max = Math.max(max, read());
    if (running) setImmediate(tick);
  };
  tick();
  return {
    get max() {
      return max;
    },
    stop: () => (running = false),
  };
}

describe('limits: queued outbound messages per slow consumer', () => {
  let running: McpHttpServer | undefined;
  let server: TestServer;
  const sockets: { terminate?(): void; destroy?(): void }[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) (socket.terminate ?? socket.destroy)?.call(socket);
    await running?.close();
    running = undefined;
  });
  const start = async (limits: Limits) => {
    server = createTestServer();
    running = await serveMcp(server, { limits });
  };
  const openWebSocket = async () => {
    const socket = new WebSocket(`${running!.url.replace('http', 'ws')}/ws`, 'mcp');
    sockets.push(socket);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const responses: Record<string, unknown>[] = [];
    socket.on('message', (data) => responses.push(JSON.parse(String(data))));
    socket.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: { protocolVersion: LATEST, capabilities: {}, clientInfo: { name: 'c', version: '1' } },
      }),
    );
    await until(() => responses.length === 1, 'initialize');
    socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    return { socket, responses };
  };

  it('defaults to a high-water mark of 1 MiB and a cap of 8 MiB', () => {
    expect(DEFAULT_LIMITS.highWaterBytes).toBe(1024 * KiB);
    expect(DEFAULT_LIMITS.maxQueuedBytes).toBe(8 * 1024 * KiB);
  });

  it('WebSocket: stops reading a flooding client that does not read, serves others, and loses nothing', async () => {
    const highWaterBytes = 256 * KiB;
    await start({ highWaterBytes });
    const flood = await openWebSocket();
    const other = await openWebSocket();
    const queue = sampler(() => running!.queuedBytes);
    flood.socket.pause();
    const total = 6000; // ~12 MiB of answers, more than the kernel's socket buffers hold
    for (let id = 1; id <= total; id++)
      flood.socket.send(JSON.stringify(callTool(id, 'echo', { text: `${id} ${padding}` })));

    await until(() => running!.queuedBytes > highWaterBytes, 'the queue to reach the high-water mark');
    const calledAtPause = server.called.length;
    expect(calledAtPause).toBeLessThan(total);
    // Another session is served while the flood waits.
    other.socket.send(JSON.stringify(callTool(1, 'echo', { text: 'other' })));
    await until(() => other.responses.length === 2, 'the other session’s answer');
    expect(other.responses[1]).toMatchObject({ id: 1, result: { content: [{ text: 'other' }] } });
    // Reading is paused: no request of the flood was taken meanwhile, and the queue stayed put.
    expect(server.called.length).toBe(calledAtPause + 1);
    // The queue never grew past the high-water mark by more than the answers to one read.
    expect(queue.max).toBeLessThan(highWaterBytes + 256 * KiB);

    flood.socket.resume();
    await until(() => flood.responses.length === total + 1, 'every answer once the client reads', 60_000);
    queue.stop();
    expect(flood.responses.slice(1).map((r) => r['id'])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(queue.max).toBeLessThan(highWaterBytes + 256 * KiB);
  });

  it('WebSocket: terminates a client whose queue passes maxQueuedBytes while the server keeps sending', async () => {
    const maxQueuedBytes = 512 * KiB;
    await start({ maxQueuedBytes });
    const stalled = await openWebSocket();
    const other = await openWebSocket();
    stalled.socket.pause();
    const closed = new Promise<number>((resolve) => stalled.socket.once('close', (code) => resolve(code)));
    const session = server.sessions[0]!;
    let max = 0;
    for (let n = 0; n < 10_000 && server.sessions.includes(session); n++) {
      session.notify('notifications/message', log(n));
      max = Math.max(max, running!.queuedBytes);
    }
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(maxQueuedBytes + 3 * KiB);
    await until(() => running!.sessionCount === 1, 'the stalled connection to be cut');
    stalled.socket.resume();
    await expect(closed).resolves.toBe(1006);
    other.socket.send(JSON.stringify(callTool(1, 'echo', { text: 'other' })));
    await until(() => other.responses.length === 2, 'the other session’s answer');
  });

  it('Streamable HTTP: cuts off an SSE stream nobody reads past maxQueuedBytes; the session carries on', async () => {
    const maxQueuedBytes = 512 * KiB;
    await start({ maxQueuedBytes });
    const mcp = `${running!.url}/mcp`;
    const sessionId = await openSession(mcp);
    const stalled = await stalledClient(
      running!.port,
      `GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: ${sessionId}\r\nMcp-Protocol-Version: ${LATEST}\r\n\r\n`,
    );
    sockets.push(stalled.socket);
    expect(stalled.first).toMatch(/^HTTP\/1\.1 200 OK/);
    const session = server.sessions[0]!;
    let max = 0;
    let sent = 0;
    for (; sent < 10_000; sent++) {
      session.notify('notifications/message', log(sent));
      max = Math.max(max, running!.queuedBytes);
      if (max > 0 && running!.queuedBytes === 0) break; // cut off
    }
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(maxQueuedBytes + 3 * KiB);
    expect(sent).toBeLessThan(10_000);
    // The client reads again: what the kernel held, then the end of the cut stream.
    stalled.socket.resume();
    await stalled.closed;
    // The session itself carries on, as does a second one.
    const answer = await post(mcp, callTool(2, 'echo', { text: 'alive' }), sessionHeaders(sessionId));
    expect(await answer.json()).toMatchObject({ id: 2, result: { content: [{ text: 'alive' }] } });
    await openSession(mcp);
  });

  it('legacy SSE: answers the POSTs of a session whose stream is over the high-water mark with 503, and cuts it past maxQueuedBytes', async () => {
    const highWaterBytes = 64 * KiB;
    await start({ highWaterBytes });
    const stalled = await stalledClient(
      running!.port,
      'GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n',
    );
    sockets.push(stalled.socket);
    const endpoint = /data: (\/messages\?sessionId=\S+)/.exec(stalled.first)?.[1];
    expect(endpoint).toBeDefined();
    const message = (body: unknown) =>
      fetch(`${running!.url}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await message({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
        })
      ).status,
    ).toBe(202);
    await until(() => server.sessions[0]?.client !== undefined, 'initialize');
    const session = server.sessions[0]!;
    // The server keeps sending (as a tool streaming logs would), refilling the queue whenever it
    // drops under twice the mark: the kernel's socket buffers fill (they grow to a few MiB on
    // loopback while the pump runs), then the queue stays over the mark.
    let n = 0;
    let pumping = true;
    const pump = () => {
      if (!running) return;
      while (pumping && running.queuedBytes <= 2 * highWaterBytes && n < 100_000)
        session.notify('notifications/message', log(n++));
      if (pumping) setImmediate(pump);
    };
    pump();
    // Until the kernel is full a POST may still be accepted (202: its answer is queued too).
    let refused: Response | undefined;
    for (let id = 2; id < 200 && !refused; id++) {
      await until(() => running!.queuedBytes > highWaterBytes, 'the queue to pass the high-water mark');
      const answer = await message({ jsonrpc: '2.0', id, method: 'ping' });
      if (answer.status === 503) refused = answer;
      else expect(answer.status).toBe(202);
    }
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toBe('1');
    const body = (await refused!.json()) as { id: unknown };
    expect(typeof body.id).toBe('number');
    expect(body).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32000, data: { limit: 'highWaterBytes', value: highWaterBytes } },
    });
    pumping = false;

    let max = 0;
    for (let more = 0; more < 100_000 && running!.sessionCount === 1; more++) {
      session.notify('notifications/message', log(more));
      max = Math.max(max, running!.queuedBytes);
    }
    expect(running!.sessionCount).toBe(0);
    expect(max).toBeLessThanOrEqual(DEFAULT_LIMITS.maxQueuedBytes + 3 * KiB);
    // The client reads again: what the kernel held, then the end of the cut stream.
    stalled.socket.resume();
    await stalled.closed;
  });
});
