/**
 * @module
 * What serving 2026-07-28 requests needs of an `McpServer`, assembled from its options, features
 * and event bus; the discover capabilities and feature handlers are remade only when the
 * server's capabilities change.
 */
import type { Observable } from 'rxjs';
import { asyncScheduler } from 'rxjs';
import type { Implementation } from '../../protocol/common.js';
import type { ServerCapabilities } from '../../protocol/lifecycle.js';
import { MODERN_PROTOCOL_VERSIONS, type CacheHints } from '../../protocol/modern.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../protocol/versions.js';
import type { McpServerOptions } from '../mcp-server-options.js';
import { createFeatureHandlers, type FeatureHandler, type ServerFeatures } from '../request-handlers.js';
import { discoverCapabilities } from '../server-capabilities.js';
import { DEFAULT_CACHE_HINTS } from './cache-hints.js';
import type { EventBus } from './event-bus.js';
import { headerParamsOf } from './http-headers.js';
import { createRequestStateSealer } from './request-state.js';
import type { ModernServerParts } from './serve-modern-request.js';

/** What {@link createModernParts} reads of the server. */
export interface ModernPartsSource {
  readonly info: Implementation;
  readonly options: McpServerOptions;
  readonly features: ServerFeatures;
  readonly bus: EventBus;
  /** Emits when the server closes. */
  readonly closing$: Observable<unknown>;
  /** The server's 2025 capabilities now (the same object until a registration changes). */
  capabilities(): ServerCapabilities;
}

/**
 * The parts `serveModernRequest` serves a server's 2026-07-28 requests with.
 *
 * @example
 * serveModernRequest(createModernParts({ info, options, features, bus, closing$, capabilities: () => server.capabilities }), request, facts)
 */
export function createModernParts(source: ModernPartsSource): ModernServerParts {
  const { info, options, features } = source;
  const scheduler = options.scheduler ?? asyncScheduler;
  const defaults: CacheHints = { ...DEFAULT_CACHE_HINTS, ...options.cacheHints };
  const legacy = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
  let discover: { legacy: ServerCapabilities; modern: ServerCapabilities } | undefined;
  let handlers: { capabilities: ServerCapabilities; table: ReadonlyMap<string, FeatureHandler> } | undefined;
  return {
    info,
    instructions: options.instructions,
    scheduler,
    features,
    capabilities: () => {
      const current = source.capabilities();
      if (discover?.legacy !== current) discover = { legacy: current, modern: discoverCapabilities(current, features) };
      return discover.modern;
    },
    handlers: () => {
      const capabilities = source.capabilities();
      if (handlers?.capabilities !== capabilities)
        handlers = { capabilities, table: createFeatureHandlers(capabilities) };
      return handlers.table;
    },
    toolHeaderParams: (name) => {
      const entry = features.tools.get(name);
      return entry && headerParamsOf(entry.definition.inputSchema as Record<string, unknown>);
    },
    cacheHints: (method, uri) => {
      if (method === 'resources/read')
        return { ...defaults, ...(uri === undefined ? undefined : features.resources.get(uri)?.config.cache) };
      const entries =
        method === 'tools/list'
          ? features.tools.list()
          : method === 'prompts/list'
            ? features.prompts.list()
            : method.startsWith('resources/')
              ? features.resources.list()
              : [];
      return strictest(
        defaults,
        entries.map((entry) => entry.config.cache),
      );
    },
    supportedVersions: [...MODERN_PROTOCOL_VERSIONS, ...legacy],
    sealer: createRequestStateSealer(scheduler, info.name, options.requestState),
    bus: source.bus,
    closing$: source.closing$,
    tasks: features.tasks,
  };
}

/** The hints of a list: the shortest TTL and the narrowest scope of its entries. */
function strictest(defaults: CacheHints, hints: ReadonlyArray<Partial<CacheHints> | undefined>): CacheHints {
  let { ttlMs, cacheScope } = defaults;
  for (const hint of hints) {
    if (hint?.ttlMs !== undefined) ttlMs = Math.min(ttlMs, hint.ttlMs);
    if (hint?.cacheScope === 'private') cacheScope = 'private';
  }
  return { ttlMs, cacheScope };
}
