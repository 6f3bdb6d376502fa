/**
 * @module
 * The client role: the `initialize` handshake with version negotiation, and capability checks
 * before requests that need a server capability.
 */
import { declaresExtension, TASK_EXTENSION_METHODS, TASKS_EXTENSION } from '../protocol/tasks-extension.js';
import { defer, map, type Observable } from 'rxjs';
import { missingCapability } from '../protocol/capabilities.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { ClientCapabilities, Implementation, InitializeResult } from '../protocol/index.js';
import { InitializeResultSchema } from '../protocol/index.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/versions.js';
import type { Transport } from '../transport/transport.js';
import { type Session, SessionCore, type SessionOptions } from './session.js';

/** Options of {@link createClientSession}. */
export interface ClientSessionOptions extends SessionOptions {
  /** Name and version sent as `clientInfo`. */
  clientInfo: Implementation;
  /** Capabilities announced in `initialize`. @defaultValue `{}` */
  capabilities?: ClientCapabilities;
  /** Revisions the client accepts, newest (proposed) first. @defaultValue every supported revision */
  protocolVersions?: readonly string[];
}

/** A session in the client role. */
export interface ClientSession extends Session {
  /** Sends `initialize`, checks the version, then `notifications/initialized`. Cold. */
  initialize(): Observable<InitializeResult>;
  /** What the server answered to `initialize`, once it has. */
  readonly server: InitializeResult | undefined;
  /**
   * Takes `server` as agreed without `initialize`: the 2026-07-28 era, where `server/discover`
   * told the capabilities and every request carries its own envelope.
   */
  adopt(server: InitializeResult): void;
}

/**
 * Creates a client session. Requests other than `ping` wait for nobody: sending them before
 * {@link ClientSession.initialize} has completed fails with kind `'protocol'`.
 *
 * @example
 * const session = createClientSession(transport, { clientInfo: { name: 'app', version: '1.0.0' } });
 * session.connect();
 * session.initialize().subscribe((result) => console.log(result.serverInfo.name));
 */
export function createClientSession(transport: Transport, options: ClientSessionOptions): ClientSession {
  return new ClientSessionCore(transport, options);
}

/** The client role on a {@link SessionCore}: the handshake, and capability checks before requests. */
class ClientSessionCore extends SessionCore<ClientSessionOptions> implements ClientSession {
  #server: InitializeResult | undefined;

  get server(): InitializeResult | undefined {
    return this.#server;
  }

  adopt(server: InitializeResult): void {
    this.#server = server;
  }

  initialize(): Observable<InitializeResult> {
    const options = this.options;
    const versions = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
    return defer(() =>
      this.request(
        'initialize',
        {
          protocolVersion: versions[0] ?? LATEST_PROTOCOL_VERSION,
          capabilities: options.capabilities ?? {},
          clientInfo: options.clientInfo,
        },
        // The spec forbids cancelling `initialize`: dropping it just stops waiting.
        { cancellable: false },
      ),
    ).pipe(
      map((raw) => {
        const parsed = InitializeResultSchema.safeParse(raw);
        if (!parsed.success)
          throw new McpError('validation', `Invalid initialize result: ${parsed.error.message}`, { data: raw });
        const result = parsed.data;
        if (!versions.includes(result.protocolVersion)) {
          throw McpError.protocol(
            ErrorCode.InvalidRequest,
            `Server's protocol version is not supported: ${result.protocolVersion}`,
          );
        }
        this.#server = result;
        this.transport.info?.setProtocolVersion?.(result.protocolVersion);
        this.notify('notifications/initialized');
        return result;
      }),
    );
  }

  override refuseOutgoing(method: string, params: Record<string, unknown> | undefined): McpError | undefined {
    if (method === 'initialize' || method === 'ping' || method === 'server/discover') return undefined;
    const server = this.#server;
    if (!server) return McpError.protocol(ErrorCode.InvalidRequest, `Cannot send ${method} before initialization`);
    // A 2026-07-28 server offers tasks as an extension, not as the 2025 `tasks` capability.
    if (TASK_EXTENSION_METHODS.has(method) && declaresExtension(server.capabilities, TASKS_EXTENSION)) return undefined;
    const missing = missingCapability(server.capabilities, method, params);
    return (
      missing &&
      McpError.protocol(ErrorCode.MethodNotFound, `Server does not support ${missing.join('.')} (needed by ${method})`)
    );
  }
}
