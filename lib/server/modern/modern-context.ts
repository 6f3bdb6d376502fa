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
  const logLevel = envelope[MetaKey.logLevel];
  const progressToken = meta['progressToken'] as string | number | undefined;
  const client: ClientDetails = {
    info: envelope[MetaKey.clientInfo] ?? { name: 'unknown', version: 'unknown' },
    capabilities: envelope[MetaKey.clientCapabilities],
    protocolVersion: envelope[MetaKey.protocolVersion] ?? MODERN_PROTOCOL_VERSION,
  };
  return {
    // Made on first read: most handlers never look at it.
    get signal() {
      return signal();
    },
    requestId,
    sessionId: undefined,
    client,
    meta,
    auth: facts.auth,
    http: facts.http,
    progress(progress, total, message) {
      if (progressToken === undefined) return;
      const params: Record<string, unknown> = { progressToken, progress };
      if (total !== undefined) params['total'] = total;
      if (message !== undefined) params['message'] = message;
      notify('notifications/progress', params);
    },
    log(level, data, logger) {
      // Without a level in the request's _meta the server sends no log messages at all.
      if (logLevel === undefined || !isLoggingLevelEnabled(level, logLevel)) return;
      notify('notifications/message', logger === undefined ? { level, data } : { level, logger, data });
    },
    sample: (params, options) => round.request('sampling/createMessage', params as Record<string, unknown>, options?.inputKey),
    elicit: (params, options) => round.request('elicitation/create', params as Record<string, unknown>, options?.inputKey),
    listRoots: (options) => round.request('roots/list', {}, options?.inputKey),
    sendNotification: ((method: string, ...params: unknown[]) => notify(method, params[0] as Record<string, unknown> | undefined)) as ServerContext['sendNotification'],
    closeStream: () => false,
  };
}
