import { asyncScheduler, delay, distinctUntilChanged, map, type Observable, type Subscription, tap, timer } from 'rxjs';
import * as z from 'zod';
import { McpClient } from '../../../lib/client/mcp-client.js';
import type { ClientHandlers } from '../../../lib/client/client-api.js';
import type { ToolTaskEvent } from '../../../lib/client/tasks/task-state.js';
import { ErrorCode, McpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import type { ClientCapabilities } from '../../../lib/protocol/lifecycle.js';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { serveEitherEra } from '../../../lib/server/serve-either-era.js';
import { createMemoryTransportPair } from '../../../lib/transport/memory.js';
import type { Transport } from '../../../lib/transport/transport.js';

const nameForm = {
  message: 'Name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
};

/**
 * An McpServer with task tools (`job`: 30 ms, its progress at 5 ms; `ask`: asks a name, then 10 ms; `broken`: fails
 * at 20 ms; `now`: not a task) and an McpClient on it in memory, in `era`; every message the
 * client sends is recorded.
 */
export function taskSetup(
  era: 'modern' | 'legacy',
  options: {
    pollIntervalMs?: number;
    ttlMs?: number;
    handlers?: ClientHandlers;
    capabilities?: ClientCapabilities;
  } = {},
) {
  let n = 0;
  const server = new McpServer(
    { name: 'tasks', version: '1.0.0' },
    {
      tasks: {
        pollIntervalMs: options.pollIntervalMs ?? 10,
        newTaskId: () => `job-${++n}`,
        ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
      },
    },
  );
  server.tool('job', { execution: { taskSupport: 'optional' } }, (_args, ctx) =>
    timer(5).pipe(
      tap(() => ctx.progress(0, 1, 'started')),
      delay(25),
      map(() => 'done'),
    ),
  );
  server.tool('ask', { inputSchema: z.object({}), execution: { taskSupport: 'optional' } }, (_args, ctx) =>
    ctx.elicit(nameForm, { inputKey: 'who' }).pipe(
      delay(10),
      map((answer) => `Hello, ${String(answer.content?.['name'])}`),
    ),
  );
  server.tool('broken', { execution: { taskSupport: 'optional' } }, () =>
    timer(20).pipe(
      map(() => {
        throw McpError.protocol(ErrorCode.InternalError, 'crashed');
      }),
    ),
  );
  server.tool('now', {}, () => 'at once');
  const sent: JSONRPCMessage[] = [];
  const sentAt: number[] = [];
  const connections: Subscription[] = [];
  const received: JSONRPCMessage[] = [];
  const client = new McpClient(
    () => {
      const [clientSide, serverSide] = createMemoryTransportPair();
      connections.push(era === 'modern' ? serveEitherEra(server, serverSide) : server.connect(serverSide));
      const outbound = clientSide.outbound;
      const inbound$ = clientSide.inbound$.pipe(tap((message) => received.push(message as JSONRPCMessage)));
      return {
        ...clientSide,
        inbound$,
        outbound: {
          next: (message: JSONRPCMessage) => (
            sent.push(message),
            sentAt.push(asyncScheduler.now()),
            outbound.next(message)
          ),
          error: (e: unknown) => outbound.error(e),
          complete: () => outbound.complete(),
        },
      } as Transport;
    },
    {
      versionNegotiation: era === 'modern' ? 'auto' : 'legacy',
      ...(options.handlers ? { handlers: options.handlers } : {}),
      ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    },
  );
  const methods = (method: string) => sent.filter((message) => 'method' in message && message.method === method);
  /** The virtual times `method` was sent at. */
  const times = (method: string) => sentAt.filter((_at, i) => (sent[i] as { method?: string }).method === method);
  /** Drops the latest connection from the server's side (as a network failure would). */
  const drop = () => connections.at(-1)?.unsubscribe();
  return { server, client, sent, received, methods, times, drop };
}

/** Events as short marble values: the statuses as they change, the result by its first text. */
export function brief(events: Observable<ToolTaskEvent>): Observable<string> {
  return events.pipe(
    map((event) =>
      event.type === 'status' ? event.task.status : `=${(event.result.content[0] as { text: string }).text}`,
    ),
    distinctUntilChanged(),
  );
}
