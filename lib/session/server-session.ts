/**
 * @module
 * The server role: answers `initialize` (negotiating the version), refuses requests other than
 * `ping` before it, and checks the client's capabilities before server→client requests.
 */
import { filter, map, type Observable, take } from 'rxjs';
import { missingCapability } from '../protocol/capabilities.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type {
  Implementation,
  InitializeRequestParams,
  InitializeResult,
  ServerCapabilities,
} from '../protocol/index.js';
import { InitializeRequestParamsSchema } from '../protocol/index.js';
import { negotiateProtocolVersion, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/versions.js';
import type { Transport } from '../transport/transport.js';
import type { JSONRPCNotification, JSONRPCRequest } from '../protocol/jsonrpc.js';
import { type Session, SessionCore, type SessionOptions } from './session.js';

/** Options of {@link createServerSession}. */
export interface ServerSessionOptions extends SessionOptions {
  /** Name, version and presentation sent as `serverInfo`. */
  serverInfo: Implementation;
  /** Capabilities announced to the client. @defaultValue `{}` */
  capabilities?: ServerCapabilities;
  /** Instructions for the model, sent in the `initialize` result. */
  instructions?: string;
  /** Revisions the server accepts, newest first. @defaultValue every supported revision */
  protocolVersions?: readonly string[];
  /**
   * Refuse requests other than `ping` before `initialize` (off for stateless HTTP, where each
   * request stands alone). @defaultValue true
   */
  requireInitialize?: boolean;
}

/**
 * What a server session carries over from another process that served it before: what the client
 * said in `initialize`, the revision negotiated, and whether it sent `notifications/initialized`.
 */
export interface ServerSessionSnapshot {
  readonly client: InitializeRequestParams;
  readonly protocolVersion: string;
  readonly initialized: boolean;
}

/** Per-session hooks of {@link createServerSession} (the options object is shared by many sessions). */
export interface ServerSessionHooks {
  /** Start initialized as `restore` says, without a new `initialize` (a session moved between processes). */
  readonly restore?: ServerSessionSnapshot;
  /** Called after `initialize` has been answered and after `notifications/initialized`. */
  readonly changed?: () => void;
}

/** A session in the server role. */
export interface ServerSession extends Session {
  /** What the client sent in `initialize`, once it has. */
  readonly client: InitializeRequestParams | undefined;
  /** The negotiated protocol revision, once initialized. */
  readonly protocolVersion: string | undefined;
  /** Emits once when the client sends `notifications/initialized`, then completes. */
  readonly initialized$: Observable<void>;
  /** Whether the client has sent `notifications/initialized`. */
  readonly initialized: boolean;
}

/**
 * Creates a server session that answers `initialize` itself.
 *
 * @example
 * const session = createServerSession(transport, { serverInfo: { name: 'srv', version: '1.0.0' } });
 * session.setRequestHandler('tools/list', () => ({ tools: [] }));
 * session.connect();
 */
export function createServerSession(
  transport: Transport,
  options: ServerSessionOptions,
  hooks?: ServerSessionHooks,
): ServerSession {
  return new ServerSessionCore(transport, options, hooks);
}

/** The server role on a {@link SessionCore}: its gates, the `initialize` handler, what the client said. */
class ServerSessionCore extends SessionCore<ServerSessionOptions> implements ServerSession {
  #client: InitializeRequestParams | undefined;
  #protocolVersion: string | undefined;
  #initialized = false;
  readonly #changed: (() => void) | undefined;

  constructor(transport: Transport, options: ServerSessionOptions, hooks?: ServerSessionHooks) {
    super(transport, options);
    this.#changed = hooks?.changed;
    const restore = hooks?.restore;
    if (restore) {
      this.#client = restore.client;
      this.#protocolVersion = restore.protocolVersion;
      this.#initialized = restore.initialized;
      transport.info?.setProtocolVersion?.(restore.protocolVersion);
    }
    this.setRequestHandler<InitializeRequestParams, InitializeResult>(
      'initialize',
      (params) => {
        if (this.#client) throw McpError.protocol(ErrorCode.InvalidRequest, 'Already initialized');
        this.#client = params;
        const protocolVersion = negotiateProtocolVersion(
          params.protocolVersion,
          options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS,
        );
        this.#protocolVersion = protocolVersion;
        transport.info?.setProtocolVersion?.(protocolVersion);
        const result: InitializeResult = {
          protocolVersion,
          capabilities: options.capabilities ?? {},
          serverInfo: options.serverInfo,
        };
        if (options.instructions !== undefined) result.instructions = options.instructions;
        this.#changed?.();
        return result;
      },
      InitializeRequestParamsSchema,
    );
  }

  get client(): InitializeRequestParams | undefined {
    return this.#client;
  }

  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  get initialized(): boolean {
    return this.#initialized;
  }

  get initialized$(): Observable<void> {
    return this.notifications$.pipe(
      filter((notification) => notification.method === 'notifications/initialized'),
      take(1),
      map(() => undefined),
    );
  }

  protected override noticeNotification(notification: JSONRPCNotification): void {
    if (notification.method === 'notifications/initialized' && !this.#initialized) {
      this.#initialized = true;
      this.#changed?.();
    }
  }

  protected override refuseIncoming(request: JSONRPCRequest): McpError | undefined {
    if (
      (this.options.requireInitialize ?? true) &&
      !this.#client &&
      request.method !== 'initialize' &&
      request.method !== 'ping'
    ) {
      return McpError.protocol(ErrorCode.InvalidRequest, `Received ${request.method} before initialization`);
    }
    return undefined;
  }

  override refuseOutgoing(method: string, params: Record<string, unknown> | undefined): McpError | undefined {
    const client = this.#client;
    if (method === 'ping' || !client) return undefined;
    const missing = missingCapability(client.capabilities, method, params);
    return (
      missing &&
      McpError.protocol(ErrorCode.MethodNotFound, `Client does not support ${missing.join('.')} (needed by ${method})`)
    );
  }
}
