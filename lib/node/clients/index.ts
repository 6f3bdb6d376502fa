/**
 * @module
 * Client transports with Node defaults. The HTTP client transports need none: Node 20 has a
 * global `fetch`, so `createStreamableHttpClientTransport` and `createSseClientTransport` from
 * the root entry work as they are.
 */
export { createNodeWebSocketClientTransport, type NodeWebSocketClientTransportOptions } from './websocket.js';
