/**
 * @module
 * The wire shapes of the 2026-07-28 revision that the 2025 revisions do not have: the per-request
 * `_meta` envelope, multi-round-trip inputs (`inputResponses`, `requestState`), the
 * `subscriptions/listen` filter and the reserved `_meta` keys.
 */
import * as z from 'zod/mini';
import { ImplementationSchema } from './common.js';
import { ClientCapabilitiesSchema, ServerCapabilitiesSchema } from './lifecycle.js';
import { LoggingLevelSchema } from './logging.js';

/** The stateless revision: every request carries its own envelope, there is no `initialize`. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Revisions served statelessly (newest first). */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = [MODERN_PROTOCOL_VERSION];

/** The reserved `_meta` keys of the 2026-07-28 revision. */
export const MetaKey = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  logLevel: 'io.modelcontextprotocol/logLevel',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  subscriptionId: 'io.modelcontextprotocol/subscriptionId',
} as const;

/** The `_meta` every 2026-07-28 request carries (`clientInfo` and `logLevel` optional). */
export const RequestEnvelopeSchema = z.looseObject({
  [MetaKey.protocolVersion]: z.string(),
  [MetaKey.clientCapabilities]: ClientCapabilitiesSchema,
  [MetaKey.clientInfo]: z.optional(ImplementationSchema),
  [MetaKey.logLevel]: z.optional(LoggingLevelSchema),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;

/** The result of `server/discover`: the revisions and capabilities of the server (its info is in `_meta`). */
export const DiscoverResultSchema = z.looseObject({
  supportedVersions: z.array(z.string()),
  capabilities: ServerCapabilitiesSchema,
  instructions: z.optional(z.string()),
  /** Early drafts put the server's info here rather than in `_meta`. */
  serverInfo: z.optional(ImplementationSchema),
  _meta: z.optional(z.record(z.string(), z.unknown())),
});
export type DiscoverResult = z.infer<typeof DiscoverResultSchema>;

/** The client's answers to a previous `InputRequiredResult`, by the keys the server chose. */
export const InputResponsesSchema = z.record(z.string(), z.looseObject({}));
export type InputResponses = z.infer<typeof InputResponsesSchema>;

/** One server→client request embedded in an `InputRequiredResult`. */
export interface InputRequest {
  method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  params?: Record<string, unknown>;
}

/** What `subscriptions/listen` opts in to. */
export const SubscriptionFilterSchema = z.looseObject({
  toolsListChanged: z.optional(z.boolean()),
  promptsListChanged: z.optional(z.boolean()),
  resourcesListChanged: z.optional(z.boolean()),
  resourceSubscriptions: z.optional(z.array(z.string())),
  /** Tasks to hear `notifications/tasks` about (the tasks extension, SEP-2663). */
  taskIds: z.optional(z.array(z.string())),
});
export type SubscriptionFilter = z.infer<typeof SubscriptionFilterSchema>;

/** The params of `subscriptions/listen`. */
export const ListenParamsSchema = z.looseObject({ notifications: SubscriptionFilterSchema });

/** Methods of the 2025 revisions that the 2026-07-28 revision removed (answered -32601 / 404). */
export const REMOVED_METHODS: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'resources/subscribe',
  'resources/unsubscribe',
]);

/** The requests that may answer `InputRequiredResult`. */
export const MRTR_METHODS: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read']);

/** The methods whose complete results carry caching hints (`ttlMs`, `cacheScope`) in this revision. */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([
  'server/discover',
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/** Where a result may be cached (`cacheScope`). */
export type CacheScope = 'public' | 'private';

/** Caching hints of a cacheable result (SEP-2549). */
export interface CacheHints {
  /** Milliseconds the client may reuse the result; 0 means stale at once. */
  ttlMs: number;
  /** Who may share the cached result. */
  cacheScope: CacheScope;
}

/**
 * Whether a message is served by the 2026-07-28 rules: its `MCP-Protocol-Version` header (HTTP)
 * names a stateless revision, or its params carry the `_meta` envelope. `initialize` without
 * either selects the 2025 path.
 *
 * @example
 * isModernMessage({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } }) // true
 */
export function isModernMessage(message: unknown, protocolVersionHeader?: string): boolean {
  if (protocolVersionHeader !== undefined && MODERN_PROTOCOL_VERSIONS.includes(protocolVersionHeader)) return true;
  const params = (message as { params?: unknown } | null)?.params;
  const meta = typeof params === 'object' && params !== null ? (params as { _meta?: unknown })._meta : undefined;
  return typeof meta === 'object' && meta !== null && MetaKey.protocolVersion in meta;
}
