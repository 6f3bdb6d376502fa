// Keep-alive comments on the 2026-07-28 `subscriptions/listen` stream over Streamable HTTP, in
// virtual time: the comments ride the `scheduler` option, between the stream's notifications.
import { asyncScheduler, ReplaySubject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { MetaKey, MODERN_PROTOCOL_VERSION } from '../../../lib/protocol/modern.js';
import { createMcpFetchHandler, type McpFetchHandler } from '../../../lib/server/http/index.js';
import { openSseConnection } from '../../../lib/server/http/sse-connection.js';
import { McpServer } from '../../../lib/server/index.js';
import type { ServerEvent } from '../../../lib/server/modern/event-bus.js';
import { listenStream } from '../../../lib/server/modern/listen-stream.js';

const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const envelope = { [MetaKey.protocolVersion]: MODERN_PROTOCOL_VERSION, [MetaKey.clientCapabilities]: {} };

/** What one written SSE chunk is, in a letter: `k` a keep-alive comment, else the method's initial or `r` for the result. */
function letter(chunk: string): string {
  if (chunk.startsWith(':')) return 'k';
  const message = JSON.parse(chunk.replace(/^event: message\ndata: /, '').trim()) as JSONRPCMessage;
  if ('method' in message) return message.method === 'notifications/subscriptions/acknowledged' ? 'a' : 'n';
  return 'r';
}

describe('keep-alive comments on a listen stream', () => {
  it('come every keepAliveInterval on the scheduler, between the notifications, and stop when the stream ends', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const events$ = cold<ServerEvent>('150ms t 200ms t', { t: { type: 'list_changed', kind: 'tools' } });
      const closing$ = hot('500ms c');
      // run() puts asyncScheduler on the marbles' virtual clock.
      const sse = openSseConnection({ keepAliveInterval: 100, scheduler: asyncScheduler });
      const written = new ReplaySubject<string>();
      sse.attach({
        queuedBytes: () => 0,
        abort: () => undefined,
        write: (chunk) => written.next(letter(chunk)),
        end: () => written.complete(),
      });
      listenStream(1, { toolsListChanged: true }, events$, closing$, {}).subscribe({
        next: (message) => sse.send(JSON.stringify(message), { event: 'message' }),
        complete: () => sse.end(),
      });
      // ack at 0; comments at 100, 200, 300, 400; notifications at 150 and 351; the result at 500.
      expectObservable(written).toBe('a 99ms k 49ms n 49ms k 99ms k 50ms n 48ms k 99ms (r|)');
    });
  });

  it('come on a listen POSTed to the fetch handler, with the keepAliveInterval option', async () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const server = new McpServer({ name: 'keep-alive', version: '1.0.0' });
    server.tool('echo', {}, () => 'echoed');
    const handler: McpFetchHandler = createMcpFetchHandler(server, { scheduler, keepAliveInterval: 250 });
    try {
      const response = await handler(
        new Request('http://localhost/mcp', {
          method: 'POST',
          headers: {
            accept: 'application/json, text/event-stream',
            'content-type': 'application/json',
            host: 'localhost',
            'mcp-protocol-version': MODERN_PROTOCOL_VERSION,
            'mcp-method': 'subscriptions/listen',
          },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 7,
            method: 'subscriptions/listen',
            params: { _meta: envelope, notifications: { toolsListChanged: true } },
          }),
        }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      expect(letter(decoder.decode((await reader.read()).value))).toBe('a');
      scheduler.schedule(() => undefined, 250);
      scheduler.maxFrames = 250;
      scheduler.flush();
      expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
      await reader.cancel();
    } finally {
      handler.close();
    }
  });
});
