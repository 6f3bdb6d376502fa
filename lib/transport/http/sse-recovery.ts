/**
 * @module
 * What a legacy HTTP+SSE client does when its stream drops: the server's session ended with the
 * stream, so the requests it had in flight can never be answered (they fail, clearly), and the
 * new stream's session must be initialized again (out of the session's sight) before anything
 * else is sent to it.
 */
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../protocol/jsonrpc.js';
import type { RequestFailure } from '../transport.js';
import { isInitialize, requestIdOf, responseIdOf } from './http-messages.js';

/** What recovery needs from its transport. */
export interface SseRecoveryContext {
  /** POSTs a message to the current endpoint. */
  post(message: JSONRPCMessage): void;
  /** The new session is ready: queued messages may go. */
  ready(): void;
  /** The new session could not be initialized: the transport ends with `error`. */
  fail(error: McpError): void;
}

/**
 * Tracks one legacy SSE transport's requests in flight and its `initialize` params, and replays
 * the handshake on a re-discovered endpoint.
 *
 * @example
 * const recovery = new SseRecovery(url, { post, ready: flushQueue, fail: shutdown });
 * recovery.sent(message);                  // at each POST
 * if (!recovery.received(message)) return; // a handshake answer, swallowed
 * for (const failure of recovery.dropped()) deliver(failure);
 */
export class SseRecovery {
  readonly #inflight = new Set<RequestId>();
  #params: JSONRPCRequest['params'] | undefined;
  #handshakeId: string | undefined;
  #count = 0;

  constructor(
    private readonly url: URL,
    private readonly context: SseRecoveryContext,
  ) {}

  /** Notes a message being POSTed: a request is in flight until answered or dropped. */
  sent(message: JSONRPCMessage): void {
    if (isInitialize(message)) this.#params = (message as JSONRPCRequest).params;
    const id = requestIdOf(message);
    if (id !== undefined && id !== this.#handshakeId) this.#inflight.add(id);
  }

  /** Notes a message or failure received; `false` when it is the replayed handshake's answer (swallowed). */
  received(message: JSONRPCMessage | RequestFailure): boolean {
    const id = 'kind' in message ? message.id : responseIdOf(message);
    if (id === undefined) return true;
    if (id !== this.#handshakeId) {
      this.#inflight.delete(id);
      return true;
    }
    this.#handshakeId = undefined;
    if ('kind' in message || 'error' in message) {
      this.context.fail(
        new McpError(
          'transport',
          `Re-initialization over the re-opened SSE stream of ${this.url.href} failed: ${message.error.message}`,
        ),
      );
      return false;
    }
    this.context.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    this.context.ready();
    return false;
  }

  /**
   * The stream dropped: one failure (kind `'transport'`) per request in flight, which the old
   * session took with it.
   */
  dropped(): RequestFailure[] {
    this.#handshakeId = undefined;
    const failures = [...this.#inflight].map((id) => ({
      kind: 'request-failed' as const,
      id,
      error: new McpError(
        'transport',
        `The SSE stream of ${this.url.href} dropped before request ${JSON.stringify(id)} was answered; the server's session ended with it`,
        {
          data: { url: this.url.href, requestId: id },
        },
      ),
    }));
    this.#inflight.clear();
    return failures;
  }

  /**
   * A re-opened stream named its endpoint (a new server session): replays `initialize` under a
   * private id, then `notifications/initialized`, then calls `ready`. With no `initialize` to
   * replay, `ready` at once.
   */
  rediscovered(): void {
    if (this.#params === undefined) {
      this.context.ready();
      return;
    }
    this.#handshakeId = `rxmcp-sse-reinitialize-${++this.#count}`;
    this.context.post({ jsonrpc: '2.0', id: this.#handshakeId, method: 'initialize', params: this.#params });
  }
}
