/**
 * @module
 * Client transports with Node defaults: `ws` for WebSocket, and `node:http` with keep-alive
 * agents (`createNodeFetch`) for the HTTP transports, which is much cheaper per request than the
 * global `fetch` (the root entry's HTTP transports work on Node too, on the global `fetch`).
 */
export { createNodeWebSocketClientTransport, type NodeWebSocketClientTransportOptions } from './websocket.js';
export { createNodeSseClientTransport, createNodeStreamableHttpClientTransport } from './http.js';
export { createNodeFetch, type NodeFetchOptions } from './node-fetch.js';
