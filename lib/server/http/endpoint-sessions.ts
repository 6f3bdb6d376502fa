/**
 * @module
 * The sessions of one Streamable HTTP endpoint: opened and connected to the server, found by the
 * id a request names (reopened from the session store when another process held them), and
 * closed with the endpoint.
 */
import type { ConnectableServer } from '../connectable.js';
import type { SessionSnapshot, SessionStore } from '../session-snapshot.js';
import { isAnswer, type HttpAnswer } from './http-answer.js';
import { jsonRpcError, sessionNotFound, TRANSPORT_ERROR } from './http-utils.js';
import { refuseSessionOverLimit, type HostLimits } from './host-limits.js';
import { requestVersion } from './request-version.js';
import { createSessionKeeper } from './session-keeper.js';
import { SessionTable } from './session-ids.js';
import { thenOrNow } from './session-stream.js';
import {
  createStreamableSession,
  type StreamableSession,
  type StreamableSessionSettings,
} from './streamable-session.js';

const SESSION_HEADER = 'mcp-session-id';

/** The session a request names and the version it speaks, or the answer refusing it. */
export type NamedSession = { readonly session: StreamableSession; readonly version: string } | HttpAnswer;

/** What {@link EndpointSessions} needs of its endpoint. */
export interface EndpointSessionsConfig {
  readonly server: ConnectableServer;
  /** Sessions with ids (`false`: one transient session per request). */
  readonly stateful: boolean;
  readonly budget: HostLimits['budget'];
  readonly versions: readonly string[];
  readonly sessionStore: SessionStore | undefined;
  /** The settings of each session; `idleTimeout` applies to sessions with an id. */
  readonly settings: Omit<StreamableSessionSettings, 'id' | 'closeWhenIdle'>;
}

/**
 * The open sessions of an endpoint.
 *
 * @example
 * const sessions = new EndpointSessions({ server, stateful: true, budget, versions, sessionStore: undefined, settings });
 * const named = await sessions.named(request); // { session, version } or a 400/404 answer
 */
export class EndpointSessions {
  readonly #config: EndpointSessionsConfig;
  readonly #byId = new SessionTable<StreamableSession>();
  readonly #keeper;
  /** Stateless sessions serving a request right now. */
  readonly #transient = new Set<StreamableSession>();
  #closed = false;

  constructor(config: EndpointSessionsConfig) {
    this.#config = config;
    this.#keeper = config.sessionStore && config.stateful ? createSessionKeeper(config.sessionStore) : undefined;
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The number of sessions with an id. */
  get size(): number {
    return this.#byId.size;
  }

  /** Bytes written to the sessions' open SSE streams and not yet sent. */
  get queuedBytes(): number {
    let bytes = 0;
    for (const session of this.#byId.values()) bytes += session.queuedBytes;
    return bytes;
  }

  /** Whether a session with this id is open here. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Opens session `id` (its budget slot already taken). */
  open(id: string): StreamableSession {
    return this.#open(id);
  }

  /** Opens a stateless session for one request; it closes once that request is answered. */
  openTransient(): StreamableSession {
    const session = this.#open(undefined);
    this.#transient.add(session);
    session.onClose(() => this.#transient.delete(session));
    return session;
  }

  /** The session a request names and the version it speaks, or the 400 or 404 answer (a promise while the session store is asked). */
  named(request: Request): NamedSession | Promise<NamedSession> {
    return thenOrNow(this.#sessionOf(request), (session) => this.#withVersion(request, session));
  }

  /** Closes every session; with a session store, the sessions go on elsewhere (their stored events stay). */
  close(): void {
    this.#closed = true;
    for (const session of this.#byId.values()) session.close(this.#keeper !== undefined);
    for (const session of this.#transient) session.close();
    this.#byId.clear();
    this.#transient.clear();
  }

  #open(id: string | undefined, restore?: SessionSnapshot): StreamableSession {
    const { server, stateful, budget, settings } = this.#config;
    const session = createStreamableSession({
      ...settings,
      id,
      idleTimeout: id === undefined ? 0 : settings.idleTimeout,
      closeWhenIdle: id === undefined,
    });
    const keeper = this.#keeper;
    const kept = keeper && id !== undefined ? keeper.connectOptions(id, restore) : undefined;
    const connection = server.connect(session.transport, { requireInitialize: stateful, ...kept });
    session.onClose(() => {
      connection.unsubscribe();
      if (id !== undefined && this.#byId.get(id) === session) {
        this.#byId.delete(id);
        budget.release();
        // Closing the endpoint leaves its sessions to other processes; a session that ended is gone.
        if (!this.#closed) keeper?.ended(id);
      }
    });
    if (id !== undefined) this.#byId.set(id, session);
    return session;
  }

  #sessionOf(request: Request): StreamableSession | HttpAnswer | Promise<StreamableSession | HttpAnswer> {
    const id = request.headers.get(SESSION_HEADER);
    if (!id) return jsonRpcError(400, TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required');
    const session = this.#byId.get(id);
    if (session && !session.closed) {
      this.#keeper?.touch(id);
      return session;
    }
    if (session || !this.#keeper || this.#closed) return sessionNotFound();
    return this.#reopen(id).then((reopened) => reopened ?? sessionNotFound());
  }

  /** Session `id` from the session store, opened here (`undefined` when the store has none). */
  #reopen(id: string) {
    const { budget } = this.#config;
    return this.#keeper!.restore(id, (snapshot) => {
      const held = this.#byId.get(id);
      if (held || this.#closed) return held ?? sessionNotFound(); // another request reopened it first
      return budget.tryAcquire() ? this.#open(id, snapshot) : refuseSessionOverLimit(budget);
    });
  }

  /** The version a request speaks in `session`, or its refusal (which counts as activity). */
  #withVersion(request: Request, session: StreamableSession | HttpAnswer): NamedSession {
    if (isAnswer(session)) return session;
    const version = requestVersion(request, this.#config.versions);
    if (typeof version === 'string') return { session, version };
    session.touch();
    return version;
  }
}
