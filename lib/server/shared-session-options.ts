/**
 * @module
 * The options of the sessions an `McpServer` connects, handler table included: one object per
 * capability set and `requireInitialize`, shared by its sessions.
 */
import type { Implementation } from '../protocol/common.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { HandlerEntry } from '../session/incoming-request.js';
import type { ServerSessionOptions } from '../session/server-session.js';
import type { Session } from '../session/session.js';
import type { McpServerOptions } from './mcp-server-options.js';
import { createRequestHandlers, type ServerFeatures } from './request-handlers.js';
import type { SessionState } from './session-state.js';

/**
 * The session options of one server, made again only when its capabilities change.
 *
 * @example
 * const shared = new SharedSessionOptions(info, features, sessions.stateOf);
 * const sessionOptions = shared.get(options, server.capabilities, requireInitialize);
 */
export class SharedSessionOptions {
  readonly #info: Implementation;
  readonly #features: ServerFeatures;
  readonly #stateOf: (session: Session) => SessionState;
  readonly #byRequireInitialize = new Map<boolean | undefined, ServerSessionOptions>();
  /** The request handlers of the current capability set, shared by all its sessions. */
  #handlers: { capabilities: ServerCapabilities; table: ReadonlyMap<string, HandlerEntry> } | undefined;

  /** `info` is the server's `serverInfo`. */
  constructor(info: Implementation, features: ServerFeatures, stateOf: (session: Session) => SessionState) {
    this.#info = info;
    this.#features = features;
    this.#stateOf = stateOf;
  }

  /** The options of a new session of a server with these `options` announcing `capabilities`. */
  get(
    options: McpServerOptions,
    capabilities: ServerCapabilities,
    requireInitialize: boolean | undefined,
  ): ServerSessionOptions {
    const cached = this.#byRequireInitialize.get(requireInitialize);
    if (cached?.capabilities === capabilities) return cached;
    const { instructions, scheduler, timeout, protocolVersions } = options;
    if (this.#handlers?.capabilities !== capabilities) {
      this.#handlers = {
        capabilities,
        table: createRequestHandlers(capabilities, this.#features, this.#stateOf),
      };
    }
    const handlers = this.#handlers.table;
    const maxInflightRequests = options.limits?.maxInflightRequests;
    const fresh: ServerSessionOptions = {
      serverInfo: this.#info,
      capabilities,
      instructions,
      scheduler,
      timeout,
      protocolVersions,
      requireInitialize,
      handlers,
      maxInflightRequests,
    };
    this.#byRequireInitialize.set(requireInitialize, fresh);
    return fresh;
  }
}
