// A tiny ConnectableServer on rxmcp's server session, for the HTTP and WebSocket specs:
// tools/call `echo` (plain result), `progress` (progress + a log message before the result, so
// Streamable HTTP must upgrade to SSE), `ask` (a server→client roots/list before the result),
// `ticker` (notifications spaced in time, for resumption) and `slow`.
import { concat, from, map, type Observable, of, type Subscription, timer } from 'rxjs';
import { concatMap, delay, mergeMap } from 'rxjs/operators';
import type { ConnectableServer } from '../../../../lib/server/connectable.js';
import { createServerSession, type ServerSession } from '../../../../lib/session/server-session.js';
import type { HandlerContext, HandlerEvent } from '../../../../lib/session/session-api.js';

export interface TestServer extends ConnectableServer {
  /** Sessions currently open, oldest first. */
  readonly sessions: ServerSession[];
  /** How many sessions were ever connected. */
  connections: number;
  /** The names of the tools called so far, in the order the calls began. */
  readonly called: string[];
  /** Ends the oldest open session from the server side (as `McpServer` does on shutdown). */
  disconnectFirst(): void;
}

type CallResult = { content: { type: 'text'; text: string }[] };
const text = (value: string): CallResult => ({ content: [{ type: 'text', text: value }] });

export function createTestServer(): TestServer {
  const sessions: ServerSession[] = [];
  const subscriptions = new Map<ServerSession, Subscription>();
  const server: TestServer = {
    sessions,
    connections: 0,
    called: [],
    disconnectFirst: () => subscriptions.get(sessions[0]!)?.unsubscribe(),
    connect(transport, options) {
      const session = createServerSession(transport, {
        serverInfo: { name: 'rxmcp-test', version: '1.0.0' },
        capabilities: { tools: {}, logging: {} },
        requireInitialize: options?.requireInitialize,
      });
      session.setRequestHandler('tools/list', () => ({
        tools: ['echo', 'progress', 'ask', 'ticker', 'slow'].map((name) => ({ name, inputSchema: { type: 'object' } })),
      }));
      session.setRequestHandler(
        'tools/call',
        (params: Record<string, unknown> | undefined, context: HandlerContext) => {
          server.called.push(String(params?.['name']));
          return callTool(String(params?.['name']), (params?.['arguments'] ?? {}) as Record<string, unknown>, context);
        },
      );
      sessions.push(session);
      server.connections++;
      session.closed$.subscribe(() => {
        sessions.splice(sessions.indexOf(session), 1);
        subscriptions.delete(session);
      });
      const subscription = session.connect();
      subscriptions.set(session, subscription);
      return subscription;
    },
  };
  return server;
}

function callTool(name: string, args: Record<string, unknown>, context: HandlerContext): unknown {
  switch (name) {
    case 'echo':
      return text(String(args['text'] ?? ''));
    case 'progress':
      // Spaced by a few milliseconds: the official SDK dispatches notifications a microtask late
      // but responses at once, so a progress notification read in the same chunk as the result
      // would reach it after its handler is gone.
      return from<HandlerEvent<CallResult>[]>([
        { type: 'progress', progress: 1, total: 2, message: 'half' },
        { type: 'notification', method: 'notifications/message', params: { level: 'info', data: 'working' } },
        { type: 'progress', progress: 2, total: 2 },
        { type: 'result', result: text('done') },
      ]).pipe(concatMap((event, i) => (i === 0 ? of(event) : of(event).pipe(delay(5)))));
    case 'ask':
      return context.request<{ roots: { uri: string }[] }>('roots/list').pipe(
        map((result): HandlerEvent<CallResult> => ({
          type: 'result',
          result: text(result.roots.map((root) => root.uri).join(',')),
        })),
      );
    case 'ticker': {
      const count = Number(args['count'] ?? 3);
      const every = Number(args['every'] ?? 50);
      const ticks: Observable<HandlerEvent<CallResult>> = from(Array.from({ length: count }, (_, i) => i + 1)).pipe(
        mergeMap((i) => of(i).pipe(delay(i * every))),
        map((i) => ({
          type: 'notification',
          method: 'notifications/message',
          params: { level: 'info', data: `tick ${i}` },
        })),
      );
      return concat(ticks, of<HandlerEvent<CallResult>>({ type: 'result', result: text(`ticked ${count}`) }));
    }
    case 'slow':
      return timer(Number(args['ms'] ?? 1000)).pipe(
        map((): HandlerEvent<CallResult> => ({ type: 'result', result: text('slow done') })),
      );
    default:
      throw new Error(`Unknown tool ${name}`);
  }
}
