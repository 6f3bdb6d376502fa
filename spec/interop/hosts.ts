/**
 * Where the interop fixtures run: rxmcp's `serveMcp` (Streamable HTTP, legacy SSE, WebSocket on
 * one port), an express host of the official SDK's server transports (Streamable HTTP at `/mcp`,
 * legacy SSE at `/sse` + `/messages`), and the commands that run either fixture as a stdio child.
 * Everything binds 127.0.0.1 on an ephemeral port.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import express from 'express';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { serveMcp } from '../../lib/node/http/index.js';
import { createRxmcpInteropServer } from './fixtures/rxmcp-server.js';
import { createSdkInteropServer, type SdkFixtureState } from './fixtures/sdk-server.js';

export const ROOT = resolve(__dirname, '../..');
const fixture = (name: string) => resolve(__dirname, 'fixtures', name);

/** A command line that runs a fixture server over stdio. */
export interface StdioCommand {
  command: string;
  args: string[];
  cwd: string;
}

/** The rxmcp fixture served by the CLI (`rxmcp run`), from source through tsx. */
export const RXMCP_STDIO: StdioCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', resolve(ROOT, 'lib/node/cli/bin.ts'), 'run', fixture('rxmcp-server.ts')],
  cwd: ROOT,
};

/** The official SDK fixture on the SDK's `StdioServerTransport`. */
export const SDK_STDIO: StdioCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', fixture('sdk-server.ts'), '--stdio'],
  cwd: ROOT,
};

/** A server listening on 127.0.0.1. */
export interface HttpHost {
  /** e.g. `http://127.0.0.1:41234`; endpoints are below it. */
  readonly url: string;
  close(): Promise<void>;
}

/** The rxmcp fixture behind `serveMcp`: `/mcp`, `/sse`, `/ws`. */
export function hostRxmcp(): Promise<HttpHost> {
  return serveMcp(createRxmcpInteropServer(), { port: 0, host: '127.0.0.1' });
}

/**
 * The official SDK fixture behind express: a stateful Streamable HTTP endpoint at `/mcp` and the
 * legacy HTTP+SSE endpoints `/sse` and `/messages`, one SDK McpServer per session.
 */
export async function hostSdk(): Promise<HttpHost> {
  const state: SdkFixtureState = { cancellations: 0 };
  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const legacy = new Map<string, SSEServerTransport>();
  const app = express();

  app.all('/mcp', express.json(), async (req, res) => {
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? streamable.get(id) : undefined;
    if (!transport) {
      if (typeof id === 'string' || req.method !== 'POST' || !isInitializeRequest(req.body)) {
        res.status(typeof id === 'string' ? 404 : 400).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        return;
      }
      const created: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => void streamable.set(sessionId, created),
      });
      created.onclose = () => {
        if (created.sessionId) streamable.delete(created.sessionId);
      };
      await createSdkInteropServer(state).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, req.body);
  });

  app.get('/sse', async (_req, res) => {
    const transport = new SSEServerTransport('/messages', res);
    legacy.set(transport.sessionId, transport);
    res.on('close', () => legacy.delete(transport.sessionId));
    await createSdkInteropServer(state).connect(transport);
  });
  app.post('/messages', express.json(), async (req, res) => {
    const transport = legacy.get(String(req.query['sessionId']));
    if (!transport) {
      res.status(404).send('Unknown session');
      return;
    }
    await transport.handlePostMessage(req, res, req.body);
  });

  const server = await new Promise<Server>((done) => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await Promise.all([...streamable.values(), ...legacy.values()].map((transport) => transport.close()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
