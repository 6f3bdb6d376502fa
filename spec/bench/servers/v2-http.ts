// The official SDK v2 over Streamable HTTP: `createMcpHandler` with a server factory (one
// instance per request), which serves 2026-07-28 requests and 2025 ones (its stateless legacy
// fallback, the default), on a plain node:http server through a minimal fetch bridge (v2's
// `toNodeHandler` lives in `@modelcontextprotocol/node`, not published at this version).
// `--response json` is accepted for symmetry with the other HTTP servers: v2 picks its answers.
import { createServer } from 'node:http';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { fetchBridge } from '../../support/fetch-bridge.js';
import { serveNetwork } from './network.js';
import { createV2Server } from './v2-common.js';

const handler = createMcpHandler(() => createV2Server());

const server = createServer(fetchBridge((request) => handler.fetch(request), '/mcp'));
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/mcp`, shutdown: () => void handler.close() });
