/**
 * Official SDK servers on 127.0.0.1 for the HTTP client transport integration specs: Streamable
 * HTTP (stateful, resumable with an in-memory event store) and the legacy HTTP+SSE transport.
 */
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import * as z from 'zod';
import { listenLocal, mountLegacySse, mountStreamableHttp } from '../../support/sdk-hosting.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An event store that tells when a resumed stream's replay is over. The official SDK server maps a
 * resumed stream only after its replay resolves, so an event stored during the replay is kept but
 * never sent: `drop-stream` waits for the replay before its second progress, which keeps this race
 * (the SDK's, not the client's) out of the spec on a loaded machine.
 */
class ReplayAwareEventStore extends InMemoryEventStore {
  private waiting: (() => void)[] = [];
  override async replayEventsAfter(...args: Parameters<InMemoryEventStore['replayEventsAfter']>): Promise<string> {
    const streamId = await super.replayEventsAfter(...args);
    setImmediate(() => this.waiting.splice(0).forEach((resolve) => resolve()));
    return streamId;
  }
  /** Resolves after the next replay, once the server has mapped the resumed stream. */
  nextReplay(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** An McpServer with an echo tool, a tool reporting progress, one that drops its stream, and one that elicits. */
export function buildSdkServer(cancelled: string[] = [], eventStore?: ReplayAwareEventStore): McpServer {
  const server = new McpServer({ name: 'sdk-server', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('echo', { description: 'Echoes', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool(
    'count',
    { description: 'Counts with progress', inputSchema: { to: z.number() } },
    async ({ to }, extra) => {
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= to; i++) {
        if (extra.signal.aborted) {
          cancelled.push(`count ${String(extra.requestId)}`);
          return { content: [{ type: 'text', text: 'cancelled' }] };
        }
        if (token !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress: i, total: to },
          });
        }
        await delay(5);
      }
      return { content: [{ type: 'text', text: `counted to ${to}` }] };
    },
  );
  server.registerTool(
    'drop-stream',
    { description: 'Closes its SSE stream mid-way (SEP-1699 polling)' },
    async (extra) => {
      const token = extra._meta?.progressToken;
      if (token !== undefined)
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: 1 },
        });
      const replayed = eventStore?.nextReplay();
      extra.closeSSEStream?.();
      await (extra.closeSSEStream && replayed ? replayed : delay(30));
      if (token !== undefined)
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: 2 },
        });
      return { content: [{ type: 'text', text: extra.closeSSEStream ? 'dropped' : 'not resumable' }] };
    },
  );
  server.registerTool('ask', { description: 'Elicits a name' }, async () => {
    const answer = await server.server.elicitInput({
      message: 'Your name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    return { content: [{ type: 'text', text: `${answer.action}:${String(answer.content?.['name'])}` }] };
  });
  return server;
}

export interface RunningServer {
  url: string;
  /** Session ids the server currently knows (Streamable HTTP). */
  sessions: Map<string, StreamableHTTPServerTransport>;
  /** Every HTTP request the server saw: method, session id header, Last-Event-ID header. */
  log: { method: string; path: string; session?: string; lastEventId?: string }[];
  /** Requests whose handler saw its signal aborted (the client cancelled them). */
  cancelled: string[];
  close(): Promise<void>;
}

/** A stateful Streamable HTTP server answering 404 for unknown session ids, as the spec says. */
export async function startStreamableHttpServer(options: { retryInterval?: number } = {}): Promise<RunningServer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const log: RunningServer['log'] = [];
  const cancelled: string[] = [];
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    const entry: RunningServer['log'][number] = { method: req.method, path: req.path };
    const session = req.headers['mcp-session-id'];
    const lastEventId = req.headers['last-event-id'];
    if (typeof session === 'string') entry.session = session;
    if (typeof lastEventId === 'string') entry.lastEventId = lastEventId;
    log.push(entry);
    next();
  });
  const eventStore = new ReplayAwareEventStore();
  mountStreamableHttp(app, '/mcp', sessions, (transport) => buildSdkServer(cancelled, eventStore).connect(transport), {
    eventStore,
    ...(options.retryInterval === undefined ? {} : { retryInterval: options.retryInterval }),
  });
  const host = await listenLocal(app, () => sessions.values());
  return { url: `${host.url}/mcp`, sessions, log, cancelled, close: host.close };
}

/** A legacy HTTP+SSE server: GET /sse opens a session, POST /messages?sessionId=… sends to it. */
export async function startSseServer(): Promise<RunningServer & { transports: Map<string, SSEServerTransport> }> {
  const transports = new Map<string, SSEServerTransport>();
  const log: RunningServer['log'] = [];
  const cancelled: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    log.push({ method: req.method, path: req.path });
    next();
  });
  mountLegacySse(app, transports, (transport) => buildSdkServer(cancelled).connect(transport));
  const host = await listenLocal(app, () => transports.values());
  return { url: `${host.url}/sse`, sessions: new Map(), transports, log, cancelled, close: host.close };
}
