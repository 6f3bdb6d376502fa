/**
 * @module
 * The HTTP client transports with a Node default: {@link createNodeFetch} (`node:http` with
 * keep-alive agents) instead of the built-in `fetch`.
 */
import {
  createSseClientTransport,
  type SseClientTransport,
  type SseClientTransportOptions,
} from '../../transport/http/sse-client.js';
import {
  createStreamableHttpClientTransport,
  type StreamableHttpClientTransport,
  type StreamableHttpClientTransportOptions,
} from '../../transport/http/streamable-http-client.js';
import { createNodeFetch } from './node-fetch.js';

/**
 * `createStreamableHttpClientTransport` on `node:http`: the same transport, with
 * {@link createNodeFetch} as its `fetch` unless one is given.
 *
 * @example
 * const client = new McpClient(() => createNodeStreamableHttpClientTransport('http://localhost:3000/mcp'));
 */
export function createNodeStreamableHttpClientTransport(
  url: string | URL,
  options: StreamableHttpClientTransportOptions = {},
): StreamableHttpClientTransport {
  return createStreamableHttpClientTransport(url, { ...options, fetch: options.fetch ?? createNodeFetch() });
}

/**
 * `createSseClientTransport` (legacy HTTP+SSE) on `node:http`: the same transport, with
 * {@link createNodeFetch} as its `fetch` unless one is given.
 *
 * @example
 * const client = new McpClient(() => createNodeSseClientTransport('http://localhost:3000/sse'));
 */
export function createNodeSseClientTransport(
  url: string | URL,
  options: SseClientTransportOptions = {},
): SseClientTransport {
  return createSseClientTransport(url, { ...options, fetch: options.fetch ?? createNodeFetch() });
}
