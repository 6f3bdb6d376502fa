/**
 * @module
 * The JSON-RPC messages of an HTTP response body: JSON (one message or an array) or SSE.
 */
import { EMPTY, from, mergeMap, type Observable, type SchedulerLike, throwError, timeout } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { RequestId } from '../../protocol/jsonrpc.js';
import { discardBody } from './fetch-exchange.js';
import { type Inbound, mediaType, parseMessages } from './http-messages.js';
import { sseEvents } from './sse-events.js';

/**
 * Where one logical SSE stream is: a POST's answer (with the `requestId` it answers) or the
 * standalone GET stream. Reading records the last event id and the server's `retry` value.
 */
export interface Cursor {
  readonly requestId?: RequestId;
  lastEventId?: string;
  retry?: number;
  /** Why the last connection dropped, if it did. */
  dropped?: unknown;
}

/** How long an SSE stream may stay silent (no event, no comment) before it counts as dropped. */
export interface StreamIdle {
  /** Milliseconds; 0 never gives up on a quiet stream. */
  readonly ms: number;
  readonly scheduler: SchedulerLike;
}

/**
 * The messages of an SSE response. Events with empty data (priming events, keep-alives),
 * comments and named events other than `message` carry none; `id` and `retry` fields move the
 * cursor. With `idle`, a stream silent that long (keep-alive comments count as life) errors as
 * dropped: a dead connection that never closes is found.
 *
 * ```
 * body:   "id: 1\nretry: 500\ndata: \n\n" "id: 2\ndata: {m}\n\n" |
 * result: ────────────────────────────────────────────m──────────|   cursor { lastEventId: '2', retry: 500 }
 * ```
 */
export function readSseResponse(response: Response, cursor: Cursor, idle?: StreamIdle): Observable<Inbound> {
  if (!response.body) return EMPTY;
  const items$ = sseEvents(response.body);
  const watched$ =
    idle && idle.ms > 0
      ? items$.pipe(
          timeout({
            each: idle.ms,
            scheduler: idle.scheduler,
            with: () =>
              throwError(
                () =>
                  new McpError('transport', `The SSE stream was silent for ${idle.ms} ms`, {
                    data: { idleMs: idle.ms },
                  }),
              ),
          }),
        )
      : items$;
  return watched$.pipe(
    mergeMap((item) => {
      if (item.type === 'comment') return EMPTY;
      if (item.type === 'retry') {
        cursor.retry = item.retry;
        return EMPTY;
      }
      if (item.id !== undefined) cursor.lastEventId = item.id || undefined;
      if (!item.data || (item.event !== undefined && item.event !== 'message')) return EMPTY;
      return parseMessages(item.data);
    }),
  );
}

/**
 * The messages of a successful response to a POST: none for 202/204 or another media type,
 * else those of the JSON or SSE body.
 */
export function readResponse(response: Response, cursor: Cursor, idle?: StreamIdle): Observable<Inbound> {
  const type = mediaType(response);
  if (response.status !== 202 && response.status !== 204) {
    if (type === 'text/event-stream') return readSseResponse(response, cursor, idle);
    if (type === 'application/json') return from(response.text()).pipe(mergeMap(parseMessages));
  }
  discardBody(response);
  return EMPTY;
}
