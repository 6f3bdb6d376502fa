/**
 * @module
 * The server role: answers `initialize` (negotiating the version), refuses requests other than
 * `ping` before it, and checks the client's capabilities before server→client requests.
 */
import { filter, map, type Observable, take } from 'rxjs';
import { missingCapability } from '../protocol/capabilities.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { Implementation, InitializeRequestParams, InitializeResult, ServerCapabilities } from '../protocol/index.js';
import { InitializeRequestParamsSchema } from '../protocol/index.js';
import { negotiateProtocolVersion, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/versions.js';
import type { Transport } from '../transport/transport.js';
import { createSession, type Session, type SessionOptions } from './session.js';

/** Options of {@link createServerSession}. */
export interface ServerSessionOptions extends Omit<SessionOptions, 'incomingGate' | 'outgoingGate'> {
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

/** A session in the server role. */
export interface ServerSession extends Session {
  /** What the client sent in `initialize`, once it has. */
  readonly client: InitializeRequestParams | undefined;
  /** The negotiated protocol revision, once initialized. */
  readonly protocolVersion: string | undefined;
  /** Emits once when the client sends `notifications/initialized`, then completes. */
  readonly initialized$: Observable<void>;
}

/**
 * Creates a server session that answers `initialize` itself.
 *
 * @example
 * const session = createServerSession(transport, { serverInfo: { name: 'srv', version: '1.0.0' } });
 * session.setRequestHandler('tools/list', () => ({ tools: [] }));
 * session.connect();
 */
export function createServerSession(transport: Transport, options: ServerSessionOptions): ServerSession {
  const versions = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
  const requireInitialize = options.requireInitialize ?? true;
  let client: InitializeRequestParams | undefined;
  let protocolVersion: string | undefined;

  const session = createSession(transport, {
    ...options,
    incomingGate: (request) =>
      requireInitialize && !client && request.method !== 'initialize' && request.method !== 'ping'
        ? McpError.protocol(ErrorCode.InvalidRequest, `Received ${request.method} before initialization`)
        : undefined,
    outgoingGate: (method, params) => {
      if (method === 'ping' || !client) return undefined;
      const missing = missingCapability(client.capabilities, method, params);
      return missing && McpError.protocol(ErrorCode.MethodNotFound, `Client does not support ${missing.join('.')} (needed by ${method})`);
    },
  });

  session.setRequestHandler<InitializeRequestParams, InitializeResult>(
    'initialize',
    (params) => {
      if (client) throw McpError.protocol(ErrorCode.InvalidRequest, 'Already initialized');
      client = params;
      protocolVersion = negotiateProtocolVersion(params.protocolVersion, versions);
      transport.info?.setProtocolVersion?.(protocolVersion);
      const result: InitializeResult = { protocolVersion, capabilities: options.capabilities ?? {}, serverInfo: options.serverInfo };
      if (options.instructions !== undefined) result.instructions = options.instructions;
      return result;
    },
    InitializeRequestParamsSchema,
  );

  const initialized$ = session.notifications$.pipe(
    filter((notification) => notification.method === 'notifications/initialized'),
    take(1),
    map(() => undefined),
  );

  return {
    ...session,
    initialized$,
    get client() {
      return client;
    },
    get protocolVersion() {
      return protocolVersion;
    },
  };
}
