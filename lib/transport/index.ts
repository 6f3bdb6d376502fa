/**
 * @module
 * Isomorphic transports and the framing operators they share.
 */
export type { InvalidFrame, RequestFailure, Transport, TransportHealth, TransportInfo } from './transport.js';
export { isInvalidFrame, isMessage, isRequestFailure } from './transport.js';
export { parseMessage, toInboundMessage } from './parse-message.js';
export { isRelatedMessage, messageOf, relatedRequestId, relateToRequest } from './related-request.js';
export type { OutboundMessage, RelatedMessage } from './related-request.js';
export { createMemoryTransportPair } from './memory.js';
export { DEFAULT_DRAIN_TIMEOUT, drainOnEnd } from './drain-on-end.js';
export type { DrainOptions } from './drain-on-end.js';
export { DEFAULT_MAX_LINE_BYTES, decodeMessages, encodeMessage, ndjson, splitLines } from './framing/index.js';
export type { NdjsonOptions, SplitLinesOptions } from './framing/index.js';
export {
  authorizedFetch,
  createSseClientTransport,
  createStreamableHttpClientTransport,
  DEFAULT_RECONNECT_OPTIONS,
} from './http/index.js';
export type {
  FetchLike,
  HttpAuthProvider,
  HttpAuthRequest,
  ReconnectOptions,
  SseClientTransport,
  SseClientTransportOptions,
  StreamableHttpClientTransport,
  StreamableHttpClientTransportOptions,
} from './http/index.js';
export { createWebSocketClientTransport } from './websocket/index.js';
export type { WebSocketClientTransportOptions, WebSocketConstructor, WebSocketLike } from './websocket/index.js';
