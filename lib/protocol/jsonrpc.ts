/**
 * @module
 * JSON-RPC 2.0 message schemas, inferred types and cheap type guards.
 *
 * Schemas are `looseObject`s: unknown fields (extensions, `_meta` keys) survive a parse.
 */
import * as z from 'zod/mini';

/** The JSON-RPC version string every message carries. */
export const JSONRPC_VERSION = '2.0' as const;

/** A request id: a string or an integer (MCP forbids `null`). */
export const RequestIdSchema = z.union([z.string(), z.int()]);
export type RequestId = z.infer<typeof RequestIdSchema>;

/** A progress token: a string or an integer. */
export const ProgressTokenSchema = z.union([z.string(), z.number()]);
export type ProgressToken = z.infer<typeof ProgressTokenSchema>;

/** Free-form `_meta`, with the `progressToken` key MCP defines on requests. */
export const MetaSchema = z.looseObject({ progressToken: z.optional(ProgressTokenSchema) });

/** Params of any request or notification: an object whose `_meta` is optional. */
export const ParamsSchema = z.looseObject({ _meta: z.optional(MetaSchema) });

export const JSONRPCRequestSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  method: z.string(),
  params: z.optional(ParamsSchema),
});
/** Params of a request or notification; extra keys are kept. */
export interface Params {
  _meta?: { progressToken?: ProgressToken; [key: string]: unknown };
  [key: string]: unknown;
}

/** A request: expects a response with the same id. */
export interface JSONRPCRequest {
  jsonrpc: typeof JSONRPC_VERSION;
  id: RequestId;
  method: string;
  params?: Params;
}

export const JSONRPCNotificationSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  method: z.string(),
  params: z.optional(ParamsSchema),
});
/** A notification: no id, no response. */
export interface JSONRPCNotification {
  jsonrpc: typeof JSONRPC_VERSION;
  method: string;
  params?: Params;
}

export const JSONRPCResultResponseSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  result: z.looseObject({ _meta: z.optional(z.looseObject({})) }),
});
/** A successful response. */
export interface JSONRPCResultResponse {
  jsonrpc: typeof JSONRPC_VERSION;
  id: RequestId;
  result: { _meta?: Record<string, unknown>; [key: string]: unknown };
}

export const JSONRPCErrorObjectSchema = z.looseObject({
  code: z.int(),
  message: z.string(),
  data: z.optional(z.unknown()),
});
/** The `error` member of an error response. */
export interface JSONRPCErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export const JSONRPCErrorResponseSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: z.optional(z.union([RequestIdSchema, z.null()])),
  error: JSONRPCErrorObjectSchema,
});
/** An error response; `id` is null when the request's id could not be read. */
export interface JSONRPCErrorResponse {
  jsonrpc: typeof JSONRPC_VERSION;
  id?: RequestId | null;
  error: JSONRPCErrorObject;
}

export type JSONRPCResponse = JSONRPCResultResponse | JSONRPCErrorResponse;

/** Any single JSON-RPC 2.0 message MCP exchanges (MCP has no batches since 2025-06-18). */
export const JSONRPCMessageSchema = z.union([
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResultResponse | JSONRPCErrorResponse;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (value: unknown): value is RequestId =>
  typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));

/**
 * Structural check used on the hot path instead of a full zod parse.
 *
 * @example
 * if (!isJSONRPCMessage(JSON.parse(line))) answer(-32600)
 */
export function isJSONRPCMessage(value: unknown): value is JSONRPCMessage {
  if (!isObject(value) || value['jsonrpc'] !== JSONRPC_VERSION) return false;
  if ('method' in value) {
    if (typeof value['method'] !== 'string') return false;
    if (value['params'] !== undefined && !isObject(value['params'])) return false;
    return !('id' in value) || isId(value['id']);
  }
  if ('result' in value) return !('error' in value) && isId(value['id']) && isObject(value['result']);
  if ('error' in value) {
    const error = value['error'];
    return (
      isObject(error) &&
      Number.isInteger(error['code']) &&
      typeof error['message'] === 'string' &&
      (value['id'] === undefined || value['id'] === null || isId(value['id']))
    );
  }
  return false;
}

/** A message with a `method` and an `id`. */
export const isJSONRPCRequest = (message: JSONRPCMessage): message is JSONRPCRequest =>
  'method' in message && 'id' in message && message.id !== undefined;

/** A message with a `method` and no `id`. */
export const isJSONRPCNotification = (message: JSONRPCMessage): message is JSONRPCNotification =>
  'method' in message && !('id' in message && message.id !== undefined);

/** A successful response. */
export const isJSONRPCResultResponse = (message: JSONRPCMessage): message is JSONRPCResultResponse =>
  'result' in message && !('method' in message);

/** An error response. */
export const isJSONRPCErrorResponse = (message: JSONRPCMessage): message is JSONRPCErrorResponse =>
  'error' in message && !('method' in message);

/** Either kind of response. */
export const isJSONRPCResponse = (message: JSONRPCMessage): message is JSONRPCResponse =>
  isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);

/**
 * A JSON-RPC error response for `id`.
 *
 * @example
 * errorResponse(1, -32601, 'Method not found')
 */
export function errorResponse(
  id: RequestId | null,
  code: number,
  message: string,
  data?: unknown,
): JSONRPCErrorResponse {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}
