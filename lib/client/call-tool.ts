/**
 * @module
 * One `tools/call` seen as events: progress, the log messages sent while it runs, then its
 * result, validated by the protocol schema and the tool's `outputSchema`.
 */
import { concatMap, defer, filter, map, merge, type Observable, of, Subject, takeUntil } from 'rxjs';
import { LoggingMessageNotificationParamsSchema } from '../protocol/index.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { ClientSession } from '../session/client-session.js';
import type { Session } from '../session/session-api.js';
import type { CallOptions, CallToolEvent, LogEvent } from './client-api.js';
import { parseResult } from './parse-result.js';
import type { ToolCatalog } from './tool-catalog.js';

/** Params of a tool call (tasks are not run through `callTool`). */
export interface CallToolParams {
  /** The tool's name. */
  name: string;
  /** The tool's arguments, as its `inputSchema` describes them. */
  arguments?: Record<string, unknown>;
  /** `_meta` sent with the request (a `progressToken` is added when progress is observed). */
  _meta?: Record<string, unknown>;
}

/**
 * Calls a tool on `session` and emits its events. Log messages are request-scoped by time:
 * stdio and in-memory transports carry no link between a `notifications/message` and the
 * request it is about, so every log message that arrives after the request is sent and before
 * its response is attributed to it (concurrent calls each see all of them).
 *
 * ```
 * server:     --p--l----r|        (p = progress, l = notifications/message, r = response)
 * callTool:   --p--l----(r|)      ({type:'progress'}, {type:'log'}, {type:'result'})
 * ```
 *
 * `calls` sends the request (the session itself, or on a modern connection the session with
 * input rounds).
 *
 * @example
 * callToolEvents(session, session, catalog, { name: 'build' }).subscribe((event) => console.log(event.type));
 */
export function callToolEvents(
  session: ClientSession,
  calls: Session,
  catalog: ToolCatalog,
  params: CallToolParams,
  options: CallOptions = {},
): Observable<CallToolEvent> {
  return defer(() => {
    const responded = new Subject<void>();
    const logs = session.notifications$.pipe(
      takeUntil(responded),
      map(toLogEvent),
      filter((event): event is LogEvent => event !== undefined),
    );
    const call = calls.request<unknown>('tools/call', { ...params }, { ...options, observe: 'events' }).pipe(
      concatMap((event): Observable<CallToolEvent> => {
        if (event.type !== 'result') return of(event);
        responded.next();
        const result = parseResult(catalog.resultSchema(), event.result, 'tools/call');
        return catalog
          .checkResult(params.name, result)
          .pipe(map((checked) => ({ type: 'result' as const, result: checked })));
      }),
    );
    // Logs first: listen before the request is sent.
    return merge(logs, call);
  });
}

/** The log event of a `notifications/message`, or `undefined` for anything else. */
export function toLogEvent(notification: JSONRPCNotification): LogEvent | undefined {
  if (notification.method !== 'notifications/message') return undefined;
  const parsed = LoggingMessageNotificationParamsSchema.safeParse(notification.params);
  if (!parsed.success) return undefined;
  const { level, logger, data } = parsed.data;
  return logger === undefined ? { type: 'log', level, data } : { type: 'log', level, logger, data };
}
