/**
 * @module
 * `subscriptions/listen` (2026-07-28): the acknowledgement of what the server agreed to send,
 * then every matching event of the bus as a notification tagged with the subscription id (the
 * listen request's id), until the client goes away or the server ends it with a result.
 */
import { concat, filter, map, type Observable, of, takeUntil } from 'rxjs';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import type { ServerCapabilities } from '../../protocol/lifecycle.js';
import { MetaKey, type SubscriptionFilter } from '../../protocol/modern.js';
import { declaresExtension, type DetailedTask, TASKS_EXTENSION } from '../../protocol/tasks-extension.js';
import type { ServerEvent } from './event-bus.js';

/** What a listen stream sends from: the bus's events, and (tasks extension) task changes. */
export type ListenEvent = ServerEvent | { readonly type: 'task_status'; readonly task: DetailedTask };

/** The part of `requested` that `capabilities` can honour. */
export function agreedFilter(requested: SubscriptionFilter, capabilities: ServerCapabilities): SubscriptionFilter {
  const agreed: SubscriptionFilter = {};
  if (requested.toolsListChanged && capabilities.tools?.listChanged) agreed.toolsListChanged = true;
  if (requested.promptsListChanged && capabilities.prompts?.listChanged) agreed.promptsListChanged = true;
  if (requested.resourcesListChanged && capabilities.resources?.listChanged) agreed.resourcesListChanged = true;
  if (requested.resourceSubscriptions && capabilities.resources?.subscribe)
    agreed.resourceSubscriptions = [...requested.resourceSubscriptions];
  if (requested.taskIds && declaresExtension(capabilities, TASKS_EXTENSION)) agreed.taskIds = [...requested.taskIds];
  return agreed;
}

/** The notification `event` becomes on a stream with `agreed`, or `undefined` if it is not wanted. */
function toNotification(
  event: ListenEvent,
  agreed: SubscriptionFilter,
): { method: string; params: Record<string, unknown> } | undefined {
  if (event.type === 'task_status')
    return agreed.taskIds?.includes(event.task.taskId)
      ? { method: 'notifications/tasks', params: { ...event.task } }
      : undefined;
  if (event.type === 'resource_updated')
    return agreed.resourceSubscriptions?.includes(event.uri)
      ? { method: 'notifications/resources/updated', params: { uri: event.uri } }
      : undefined;
  const wanted = {
    tools: agreed.toolsListChanged,
    prompts: agreed.promptsListChanged,
    resources: agreed.resourcesListChanged,
  }[event.kind];
  return wanted ? { method: `notifications/${event.kind}/list_changed`, params: {} } : undefined;
}

/**
 * The messages of one listen stream. `closing$` ends it gracefully (a result tagged with the id).
 *
 * ```
 * events$   ---t---p---t---
 * stream    a--n-------n--r|   (filter { toolsListChanged }, closing$ at the end)
 * ```
 *
 * @example
 * listenStream(request.id, { toolsListChanged: true }, bus.events$, closing$, serverMeta).subscribe(send);
 */
export function listenStream(
  id: RequestId,
  agreed: SubscriptionFilter,
  events$: Observable<ListenEvent>,
  closing$: Observable<unknown>,
  resultMeta: Record<string, unknown>,
): Observable<JSONRPCMessage> {
  const tag = { [MetaKey.subscriptionId]: id };
  const ack: JSONRPCMessage = {
    jsonrpc: '2.0',
    method: 'notifications/subscriptions/acknowledged',
    params: { _meta: tag, notifications: agreed },
  };
  const notifications = events$.pipe(
    map((event) => toNotification(event, agreed)),
    filter((notification) => notification !== undefined),
    map(({ method, params }): JSONRPCMessage => ({ jsonrpc: '2.0', method, params: { ...params, _meta: tag } })),
    takeUntil(closing$),
  );
  const end: JSONRPCMessage = {
    jsonrpc: '2.0',
    id,
    result: { resultType: 'complete', _meta: { ...resultMeta, ...tag } },
  };
  return concat(of(ack), notifications, of(end));
}
