/**
 * Hosting the official SDK's server transports on express, shared by the interop hosts and the HTTP
 * client transport integration specs: a stateful Streamable HTTP endpoint (404 for an unknown
 * session id, as the spec says), the legacy HTTP+SSE pair `/sse` + `/messages`, and listening on
 * 127.0.0.1 on an ephemeral port.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import {
  StreamableHTTPServerTransport,
  type StreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

/** Connects a fresh SDK server (one per session) to a newly opened transport. */
export type ConnectSdkServer = (transport: Transport) => Promise<void>;

/**
 * A stateful Streamable HTTP endpoint at `path`: an initialize POST without a session id opens a
 * session (kept in `sessions` until its transport closes); any other request must name a known one.
 */
export function mountStreamableHttp(
  app: express.Express,
  path: string,
  sessions: Map<string, StreamableHTTPServerTransport>,
  connect: ConnectSdkServer,
  options: Omit<StreamableHTTPServerTransportOptions, 'sessionIdGenerator' | 'onsessioninitialized'> = {},
): void {
  app.all(path, express.json(), async (req, res) => {
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport) {
      if (typeof id === 'string' || req.method !== 'POST' || !isInitializeRequest(req.body)) {
        res
          .status(typeof id === 'string' ? 404 : 400)
          .json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        return;
      }
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        ...options,
        onsessioninitialized: (sessionId) => void sessions.set(sessionId, created),
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, req.body);
  });
}

/** The legacy HTTP+SSE endpoints: GET `/sse` opens a session, POST `/messages?sessionId=…` sends to it. */
export function mountLegacySse(
  app: express.Express,
  sessions: Map<string, SSEServerTransport>,
  connect: ConnectSdkServer,
): void {
  app.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    sessions.set(transport.sessionId, transport);
    res.on('close', () => sessions.delete(transport.sessionId));
    await connect(transport);
  });
  app.post('/messages', express.json(), async (req, res) => {
    const transport = sessions.get(String(req.query['sessionId']));
    if (!transport) {
      res.status(404).send('Unknown session');
      return;
    }
    await transport.handlePostMessage(req, res, req.body);
  });
}

/** An express app listening on 127.0.0.1. */
export interface ListeningApp {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Closes the open transports, drops every connection and stops listening. */
  close(): Promise<void>;
}

/** Listens on an ephemeral port; `close` first closes whatever `transports()` yields then. */
export async function listenLocal(
  app: express.Express,
  transports: () => Iterable<{ close(): Promise<void> }>,
): Promise<ListeningApp> {
  const server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await Promise.all([...transports()].map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
