/**
 * A scripted 2026-07-28 server for client specs: no session, each request answered on its own by
 * `answer` (a result object, or `{ error }`), synchronously on the memory transport, so specs run
 * in virtual time. What the client sends is recorded.
 */
import { delay, of, type SchedulerLike } from 'rxjs';
import type { McpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../../lib/protocol/jsonrpc.js';
import { MetaKey, MODERN_PROTOCOL_VERSION } from '../../../lib/protocol/modern.js';
import { createMemoryTransportPair } from '../../../lib/transport/memory.js';
import type { RequestFailure, Transport } from '../../../lib/transport/transport.js';

export const modernInfo = { name: 'modern-peer', version: '2.0.0' };

/** What a handler answers: a result, an error, or `undefined` for no answer at all. */
export type Answer = Record<string, unknown> | { error: { code: number; message: string; data?: unknown } } | undefined;

export interface ModernPeer {
  readonly factory: () => Transport;
  /** Every request the client sent, over all connections. */
  readonly received: JSONRPCRequest[];
  /** Every message the client sent. */
  readonly messages: JSONRPCMessage[];
  /** The requests of `method`. */
  requests(method: string): JSONRPCRequest[];
  /** Sends `message` to the client on the latest connection (a listen stream's notification). */
  push(message: JSONRPCMessage): void;
  /** Fails request `id` as a transport does when its connection dropped ({@link RequestFailure}). */
  fail(id: RequestId, error: McpError): void;
}

/** The default answer to `server/discover`: this revision, `capabilities`, info in `_meta`. */
export function discoverResult(capabilities: Record<string, unknown> = { tools: {} }): Record<string, unknown> {
  return {
    resultType: 'complete',
    supportedVersions: [MODERN_PROTOCOL_VERSION],
    capabilities,
    ttlMs: 0,
    cacheScope: 'public',
    _meta: { [MetaKey.serverInfo]: modernInfo },
  };
}

/**
 * A peer whose requests `answer` handles (`server/discover` defaults to {@link discoverResult}).
 * With `latency`, answers arrive that many virtual milliseconds later on `scheduler`.
 */
export function createModernPeer(
  answer: (request: JSONRPCRequest) => Answer,
  options: { latency?: number; scheduler?: SchedulerLike } = {},
): ModernPeer {
  const received: JSONRPCRequest[] = [];
  const messages: JSONRPCMessage[] = [];
  let latest: Transport | undefined;
  const factory = () => {
    const [clientSide, serverSide] = createMemoryTransportPair();
    latest = serverSide;
    serverSide.inbound$.subscribe((message) => {
      const sent = message as JSONRPCMessage;
      messages.push(sent);
      if (!('method' in sent) || !('id' in sent) || sent.id === undefined) return;
      const request = sent as JSONRPCRequest;
      received.push(request);
      const answered = answer(request) ?? (request.method === 'server/discover' ? discoverResult() : undefined);
      if (answered === undefined) return;
      const reply: JSONRPCMessage =
        'error' in answered && typeof answered['error'] === 'object'
          ? ({ jsonrpc: '2.0', id: request.id, error: answered['error'] } as JSONRPCMessage)
          : { jsonrpc: '2.0', id: request.id, result: answered };
      const send = () => serverSide.outbound.next(reply);
      if (options.latency && options.scheduler) of(0).pipe(delay(options.latency, options.scheduler)).subscribe(send);
      else send();
    });
    return clientSide;
  };
  return {
    factory,
    received,
    messages,
    requests: (method) => received.filter((request) => request.method === method),
    push: (message) => latest?.outbound.next(message),
    fail: (id, error) => {
      const failure: RequestFailure = { kind: 'request-failed', id, error };
      // The memory pair carries whatever it is given; a real transport emits this marker itself.
      latest?.outbound.next(failure as unknown as JSONRPCMessage);
    },
  };
}
