/**
 * @module
 * Where the hosts (Streamable HTTP, legacy SSE, the fetch handler, WebSocket, `serveMcp`) read their
 * {@link Limits}: one option, resolved over the server's own limits, and the refusal a host sends
 * when its session budget is spent.
 */
import type { ConnectableServer } from '../connectable.js';
import {
  createSessionBudget,
  LIMIT_EXCEEDED,
  limitMessage,
  resolveLimits,
  type Limits,
  type ResolvedLimits,
  type SessionBudget,
} from '../limits.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonRpcError } from './http-utils.js';

/** The limit options every host takes. */
export interface HostLimitOptions {
  /**
   * Resource limits of this host; fields left out come from the server's `limits`, then from
   * `DEFAULT_LIMITS`.
   *
   * @defaultValue `{}`
   */
  limits?: Limits;
  /**
   * The session budget shared by the endpoints of one server (`createMcpFetchHandler`,
   * `createMcpRouter` and `serveMcp` pass one to each of theirs); by default each endpoint has its own of `limits.maxSessions`.
   */
  sessionBudget?: SessionBudget;
}

/** A host's resolved limits and session budget. */
export interface HostLimits {
  readonly limits: ResolvedLimits;
  readonly budget: SessionBudget;
}

/**
 * Resolves a host's limits: `options.limits`, then `legacy` (older per-host options such as
 * `maxBodyBytes`), then the server's, then the defaults; and its session budget.
 *
 * @example
 * const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });
 */
export function hostLimits(server: ConnectableServer, options: HostLimitOptions, legacy?: Limits): HostLimits {
  const limits = resolveLimits(options.limits, legacy, server.limits);
  return { limits, budget: options.sessionBudget ?? createSessionBudget(limits.maxSessions) };
}

/**
 * The 503 answer with a JSON-RPC error (`data.limit: 'maxSessions'`): the server holds as many
 * sessions as it may.
 *
 * @example
 * if (!budget.tryAcquire()) return refuseSessionOverLimit(budget);
 */
export function refuseSessionOverLimit(budget: SessionBudget, id: string | number | null = null): HttpAnswer {
  return jsonRpcError(503, LIMIT_EXCEEDED, `Service Unavailable: ${limitMessage('maxSessions', budget.max)}`, {
    id,
    data: { limit: 'maxSessions', value: budget.max },
    headers: { 'retry-after': '5' },
  });
}
