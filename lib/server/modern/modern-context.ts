/**
 * @module
 * The {@link ServerContext} of a 2026-07-28 request: the same API handlers use on a 2025 session,
 * where `elicit`, `sample` and `listRoots` are answered from MRTR input responses, logging
 * follows the request's `_meta` log level, and notifications travel on the request's own stream.
 */
import type { RequestId } from '../../protocol/jsonrpc.js';
import { isLoggingLevelEnabled } from '../../protocol/logging.js';
import { MetaKey, MODERN_PROTOCOL_VERSION, type RequestEnvelope } from '../../protocol/modern.js';
import type { ClientDetails, ServerContext } from '../context.js';
import type { InputRound } from './input-round.js';
import type { RequestFacts } from './envelope.js';

/** Where a handler's embedded requests are answered: an MRTR round, or a running task's inputs. */
export type InputSource = Pick<InputRound, 'request'>;

/** Where a modern request's notifications go. */
export type NotificationSink = (method: string, params: Record<string, unknown> | undefined) => void;

/**
 * Builds the context of one run of a handler for a 2026-07-28 request.
 *
 * @example
 * const ctx = createModernContext(request.id, envelope, meta, round, () => abort.signal, (method, params) => out.next({ jsonrpc: '2.0', method, params }), facts);
 */
export function createModernContext(
  requestId: RequestId,
  envelope: RequestEnvelope,
  meta: Record<string, unknown>,
  round: InputSource,
  signal: () => AbortSignal,
  notify: NotificationSink,
  facts: RequestFacts = {},
): ServerContext {
  return new ModernServerContext(requestId, envelope, meta, round, signal, notify, facts);
}

/**
 * A class rather than an object literal with ten closures: this runs once per request, and most
 * handlers use none of the methods. `signal` and `client` are made on first read, each method on
 * first access (so handlers may still destructure them), as in the 2025 session's context.
 */
class ModernServerContext implements ServerContext {
  readonly sessionId = undefined;
  readonly auth: ServerContext['auth'];
  readonly http: ServerContext['http'];
  readonly #envelope: RequestEnvelope;
  readonly #round: InputSource;
  readonly #signal: () => AbortSignal;
  readonly #notify: NotificationSink;
  #client: ClientDetails | undefined;
  #progress: ServerContext['progress'] | undefined;
  #log: ServerContext['log'] | undefined;
  #sample: ServerContext['sample'] | undefined;
  #elicit: ServerContext['elicit'] | undefined;
  #listRoots: ServerContext['listRoots'] | undefined;
  #sendNotification: ServerContext['sendNotification'] | undefined;

  constructor(
    readonly requestId: RequestId,
    envelope: RequestEnvelope,
    readonly meta: Record<string, unknown>,
    round: InputSource,
    signal: () => AbortSignal,
    notify: NotificationSink,
    facts: RequestFacts,
  ) {
    this.#envelope = envelope;
    this.#round = round;
    this.#signal = signal;
    this.#notify = notify;
    this.auth = facts.auth;
    this.http = facts.http;
  }

  get signal(): AbortSignal {
    return this.#signal();
  }

  get client(): ClientDetails {
    const envelope = this.#envelope;
    return (this.#client ??= {
      info: envelope[MetaKey.clientInfo] ?? { name: 'unknown', version: 'unknown' },
      capabilities: envelope[MetaKey.clientCapabilities],
      protocolVersion: envelope[MetaKey.protocolVersion] ?? MODERN_PROTOCOL_VERSION,
    });
  }

  get progress(): ServerContext['progress'] {
    const progressToken = this.meta['progressToken'] as string | number | undefined;
    const notify = this.#notify;
    return (this.#progress ??= (progress, total, message) => {
      if (progressToken === undefined) return;
      const params: Record<string, unknown> = { progressToken, progress };
      if (total !== undefined) params['total'] = total;
      if (message !== undefined) params['message'] = message;
      notify('notifications/progress', params);
    });
  }

  get log(): ServerContext['log'] {
    const logLevel = this.#envelope[MetaKey.logLevel];
    const notify = this.#notify;
    return (this.#log ??= (level, data, logger) => {
      // Without a level in the request's _meta the server sends no log messages at all.
      if (logLevel === undefined || !isLoggingLevelEnabled(level, logLevel)) return;
      notify('notifications/message', logger === undefined ? { level, data } : { level, logger, data });
    });
  }

  get sample(): ServerContext['sample'] {
    const round = this.#round;
    return (this.#sample ??= (params, options) =>
      round.request('sampling/createMessage', params as Record<string, unknown>, options?.inputKey));
  }

  get elicit(): ServerContext['elicit'] {
    const round = this.#round;
    return (this.#elicit ??= (params, options) =>
      round.request('elicitation/create', params as Record<string, unknown>, options?.inputKey));
  }

  get listRoots(): ServerContext['listRoots'] {
    const round = this.#round;
    return (this.#listRoots ??= (options) => round.request('roots/list', {}, options?.inputKey));
  }

  get sendNotification(): ServerContext['sendNotification'] {
    const notify = this.#notify;
    return (this.#sendNotification ??= ((method: string, ...params: unknown[]) =>
      notify(method, params[0] as Record<string, unknown> | undefined)) as ServerContext['sendNotification']);
  }

  closeStream(): boolean {
    return false;
  }
}
