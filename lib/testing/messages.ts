/**
 * @module
 * Builders for JSON-RPC messages in tests.
 */
import type {
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResultResponse,
  Params,
  RequestId,
} from '../protocol/jsonrpc.js';

/**
 * A request message.
 * @example request(1, 'tools/list') // { jsonrpc: '2.0', id: 1, method: 'tools/list' }
 */
export function request(id: RequestId, method: string, params?: Params): JSONRPCRequest {
  return params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
}

/**
 * A notification message.
 * @example notification('notifications/initialized')
 */
export function notification(method: string, params?: Params): JSONRPCNotification {
  return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
}

/**
 * A successful response.
 * @example result(1, { tools: [] })
 */
export function result(id: RequestId, value: Record<string, unknown> = {}): JSONRPCResultResponse {
  return { jsonrpc: '2.0', id, result: value };
}

/** An error response (the protocol layer's own builder). */
export { errorResponse } from '../protocol/jsonrpc.js';
