/**
 * Official SDK servers on 127.0.0.1 for the HTTP client transport integration specs: Streamable
 * HTTP (stateful, resumable with an in-memory event store) and the legacy HTTP+SSE transport.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An McpServer with an echo tool, a tool reporting progress, one that drops its stream, and one that elicits. */
export function buildSdkServer(cancelled: string[] = []): McpServer {
  const server = new McpServer({ name: 'sdk-server', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('echo', { description: 'Echoes', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool('count', { description: 'Counts with progress', inputSchema: { to: z.number() } }, async ({ to }, extra) => {
    const token = extra._meta?.progressToken;
    for (let i = 1; i <= to; i++) {
      if (extra.signal.aborted) {
        cancelled.push(`count ${String(extra.requestId)}`);
        return { content: [{ type: 'text', text: 'cancelled' }] };
      }
      if (token !== undefined) {
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: to } });
      }
      await delay(5);
    }
    return { content: [{ type: 'text', text: `counted to ${to}` }] };
  });
  server.registerTool('drop-stream', { description: 'Closes its SSE stream mid-way (SEP-1699 polling)' }, async (extra) => {
    const token = extra._meta?.progressToken;
    if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 1 } });
    extra.closeSSEStream?.();
    await delay(30);
    if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 2 } });
    return { content: [{ type: 'text', text: extra.closeSSEStream ? 'dropped' : 'not resumable' }] };
  });
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

function listen(app: express.Express): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
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
  app.all('/mcp', async (req, res) => {
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport) {
      if (typeof id === 'string' || req.method !== 'POST' || !isInitializeRequest(req.body)) {
        res.status(typeof id === 'string' ? 404 : 400).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        return;
      }
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: new InMemoryEventStore(),
        ...(options.retryInterval === undefined ? {} : { retryInterval: options.retryInterval }),
        onsessioninitialized: (sessionId) => void sessions.set(sessionId, created),
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await buildSdkServer(cancelled).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, req.body);
  });
  const { server, port } = await listen(app);
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    sessions,
    log,
    cancelled,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      await closeServer(server);
    },
  };
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
  app.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    transports.set(transport.sessionId, transport);
    res.on('close', () => transports.delete(transport.sessionId));
    await buildSdkServer(cancelled).connect(transport);
  });
  app.post('/messages', express.json(), async (req, res) => {
    const transport = transports.get(String(req.query['sessionId']));
    if (!transport) {
      res.status(404).send('Unknown session');
      return;
    }
    await transport.handlePostMessage(req, res, req.body);
  });
  const { server, port } = await listen(app);
  return {
    url: `http://127.0.0.1:${port}/sse`,
    sessions: new Map(),
    transports,
    log,
    cancelled,
    close: async () => {
      await Promise.all([...transports.values()].map((transport) => transport.close()));
      await closeServer(server);
    },
  };
}
