/**
 * @module
 * The client's one shared connection: created by the first holder, shared by every later one,
 * closed when the last one leaves, created afresh (with a new transport) by the next holder.
 */
import { asyncScheduler, BehaviorSubject, Observable, Subject, Subscription } from 'rxjs';
import { asMcpError, ErrorCode, McpError } from '../protocol/errors.js';
import type { InitializeResult } from '../protocol/index.js';
import type { ClientSession, ClientSessionOptions } from '../session/client-session.js';
import { createClientSession } from '../session/client-session.js';
import type { Session } from '../session/session-api.js';
import type { Transport, TransportHealth } from '../transport/transport.js';
import type { ClientHandlerEntry } from './client-handlers.js';
import { Envelope, envelopedTransport } from './modern/envelope.js';
import { type Era, negotiate, type VersionNegotiation } from './modern/negotiate.js';
import { inputAnswerer, modernCalls } from './modern/modern-calls.js';
import type { InputAnswerer } from './modern/input-rounds.js';
import { Listens } from './modern/listens.js';
import { CacheView } from './modern/cache-view.js';
import { createResultCache, type ResultCache } from './modern/result-cache.js';
import { shareLatest } from './share-latest.js';
import type { ClientState } from './client-api.js';

/** One live connection, its era agreed (initialized, or discovered). */
export interface Connection {
  readonly session: ClientSession;
  readonly server: InitializeResult;
  /**
   * Emits each time a transport that reconnects on its own is back after `reconnecting` (the
   * server may have restarted and lost what this connection set up): live lists fetch again and
   * resource watches subscribe again. Never emits on other transports.
   */
  readonly resumed$: Observable<void>;
  readonly era: Era;
  /** Where calls go: the session, or on a modern connection the session with input rounds. */
  readonly calls: Session;
  /** The envelope of this connection's modern requests (its log level is settable). */
  readonly envelope: Envelope;
  /** The listen stream of a modern connection (`undefined` on a 2025 session). */
  readonly listens: Listens | undefined;
  /** Answers a modern server's input requests with the client's handlers (tasks' `inputRequests` too). */
  readonly answer: InputAnswerer;
}

/** The shared connection of a client, and its state. */
export interface SharedConnection {
  /**
   * Emits the {@link Connection} once it is initialized and holds it while subscribed. Errors
   * (an `McpError`) when it ends without being released: transport failure, server close,
   * failed `initialize`.
   */
  readonly connection$: Observable<Connection>;
  /** Replays the latest {@link ClientState}; never errors or completes. */
  readonly state$: Observable<ClientState>;
  /** The current state, synchronously. */
  readonly state: ClientState;
  /** The live connection, if `ready`. */
  readonly current: Connection | undefined;
}

/** What {@link createSharedConnection} needs. */
export interface SharedConnectionOptions extends ClientSessionOptions {
  /** Called with every new session before it connects (registers handlers, per-connection caches). */
  setup?: (session: ClientSession, transport: Transport) => Subscription | void;
  /** How the era is chosen. @defaultValue `'legacy'` */
  negotiation?: VersionNegotiation;
  /** The client's handlers, which answer the input requests of modern results. @defaultValue none */
  handlerEntries?: ReadonlyMap<string, ClientHandlerEntry>;
  /** Where modern results and discover answers are cached. @defaultValue a cache of this client's own */
  resultCache?: ResultCache;
  /** The authorization context private results are kept under. @defaultValue this client alone */
  authContext?: string | (() => string | undefined);
  /** The server's name in the cache. @defaultValue the transport's `serverEndpoint`, else the factory */
  cacheServerKey?: string;
}

/**
 * Creates the shared connection over transports from `factory`.
 *
 * ```
 * holder A:    --^-------------!
 * holder B:    ------^--------------!
 * connection$: --c-------------------   (one transport, one initialize, shared)
 * state$:      i-(cr)---------------x   (idle, connecting, ready … closed at the last release)
 * ```
 *
 * A transport with `health$` moves a ready connection to `reconnecting` and back; when it gives
 * up, its `inbound$` errors and the state is `closed` with that error.
 */
export function createSharedConnection(factory: () => Transport, options: SharedConnectionOptions): SharedConnection {
  const {
    setup,
    negotiation = 'legacy',
    handlerEntries = new Map(),
    resultCache = createResultCache(),
    authContext,
    cacheServerKey,
    ...sessionOptions
  } = options;
  /** Private results without an authorization context are this client's alone. */
  const own = resultCache.name('client');
  const partition = () => {
    const context = typeof authContext === 'function' ? authContext() : authContext;
    return context === undefined ? own : `auth ${context}`;
  };
  const state = new BehaviorSubject<ClientState>({ status: 'idle' });
  let current: Connection | undefined;
  /** The era the last connection agreed on: a 2025 server is not probed again. */
  let remembered: Era | undefined;

  const open = new Observable<Connection>((subscriber) => {
    const resources = new Subscription();
    const resumed = new Subject<void>();
    let ended = false;
    const end = (error: McpError) => {
      if (ended) return;
      ended = true;
      current = undefined;
      state.next({ status: 'closed', error });
      subscriber.error(error);
    };

    state.next({ status: 'connecting' });
    let session: ClientSession;
    let transport: Transport;
    const envelope = new Envelope(sessionOptions.clientInfo, sessionOptions.capabilities ?? {});
    try {
      transport = factory();
      session = createClientSession(envelopedTransport(transport, envelope), sessionOptions);
    } catch (error) {
      end(asMcpError(error, 'Could not create the transport'));
      return;
    }
    const cache = new CacheView(resultCache, {
      server: cacheServerKey ?? transport.info?.serverEndpoint ?? resultCache.name('server', factory),
      partition,
      envelope: () => (envelope.version === undefined ? undefined : envelope.at(envelope.version)),
      scheduler: sessionOptions.scheduler ?? asyncScheduler,
    });
    const extra = setup?.(session, transport);
    if (extra) resources.add(extra);
    /** `ready` ⇄ `reconnecting` once initialized, as `health$` says; the live streams resume on `connected`. */
    const follow = (health$: Observable<TransportHealth>) =>
      resources.add(
        health$.subscribe((health) => {
          if (ended || !current) return;
          const { server, era } = current;
          state.next(
            health.status === 'connected'
              ? { status: 'ready', server, era }
              : { status: 'reconnecting', server, era, attempt: health.attempt, error: health.error },
          );
          if (health.status === 'connected') resumed.next();
        }),
      );
    // A transport that reconnects on its own (the standalone stream of a 2025 Streamable HTTP session).
    if (transport.health$) follow(transport.health$);

    resources.add(
      session.closed$.subscribe((error) =>
        end(error ?? new McpError('closed', 'The server closed the connection', { code: ErrorCode.ConnectionClosed })),
      ),
    );
    const connection = session.connect();
    resources.add(
      negotiate(session, envelope, {
        mode: negotiation,
        cache,
        ...(remembered !== undefined && { remembered }),
      }).subscribe({
        next: ({ era, server }) => {
          if (ended) return;
          remembered = era;
          if (era === 'modern') transport.info?.setProtocolVersion?.(server.protocolVersion);
          let calls: Session = session;
          const answer = inputAnswerer(handlerEntries, session);
          if (era === 'modern') {
            resources.add(session.notifications$.subscribe((notification) => cache.notice(notification)));
            // Subscribed before the live streams, so they refetch past a cleared cache on resume.
            resources.add(resumed.subscribe(() => cache.clear()));
            calls = modernCalls(session, answer, cache);
          }
          const listens =
            era === 'modern' ? new Listens(session, sessionOptions.scheduler, envelope.capabilities) : undefined;
          if (listens) {
            // A stateless connection's only standing stream: its failures are the connection's.
            follow(listens.health$);
            resources.add(() => listens.close());
          }
          current = { session, server, era, calls, envelope, listens, answer, resumed$: resumed.asObservable() };
          state.next({ status: 'ready', server, era });
          subscriber.next(current);
        },
        error: (error: unknown) => end(asMcpError(error, 'Initialization failed')),
      }),
    );

    return () => {
      const released = !ended;
      ended = true;
      current = undefined;
      // Stop listening for the close before causing it, so a release is not reported as a failure.
      resources.unsubscribe();
      connection.unsubscribe();
      if (released) state.next({ status: 'closed' });
    };
  });

  return {
    connection$: open.pipe(shareLatest()),
    state$: state.asObservable(),
    get state() {
      return state.getValue();
    },
    get current() {
      return current;
    },
  };
}

/**
 * Runs `project` on the shared connection and holds the connection until the projected
 * Observable settles: its completion completes the result (and releases the connection),
 * its error or the connection's error errors it. Unsubscribing tears the projected Observable
 * down before releasing the connection, so a cancelled request is still announced to the
 * server (`notifications/cancelled`) before a transport it alone held closes. What
 * `connection$.pipe(exhaustMap((c) => project(c).pipe(materialize())), dematerialize())` does,
 * except for that order (which releases first), without the operator chain.
 *
 * ```
 * connection$: -c------------
 * project(c):   --r|
 * result:      ---(r|)          (connection released at |)
 * ```
 *
 * @example
 * withConnection(connection$, ({ session }) => session.request('ping'))
 */
export function withConnection<T>(
  connection$: Observable<Connection>,
  project: (connection: Connection) => Observable<T>,
): Observable<T> {
  return onConnection(connection$, project, true);
}

/**
 * Like {@link withConnection}, but the projected Observable completing does not complete the
 * result: it keeps holding the connection until unsubscribed (live streams); the plain form is
 * `connection$.pipe(exhaustMap((c) => concat(project(c), NEVER)))`, torn down in the same order as withConnection.
 *
 * @example
 * holdConnection(connection$, ({ session }) => session.notifications$)
 */
export function holdConnection<T>(
  connection$: Observable<Connection>,
  project: (connection: Connection) => Observable<T>,
): Observable<T> {
  return onConnection(connection$, project, false);
}

function onConnection<T>(
  connection$: Observable<Connection>,
  project: (connection: Connection) => Observable<T>,
  completeWithInner: boolean,
): Observable<T> {
  // Observers with methods, not arrow-valued properties: this runs for every call.
  return new Observable<T>((subscriber) => {
    let inner: Subscription | undefined;
    const outer = connection$.subscribe({
      next(connection) {
        // A connection emits once; a new one only follows an error, which ends this subscriber.
        if (inner) return;
        let projected: Observable<T>;
        try {
          projected = project(connection);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        inner = projected.subscribe({
          next(value) {
            subscriber.next(value);
          },
          error(error: unknown) {
            subscriber.error(error);
          },
          complete() {
            if (completeWithInner) subscriber.complete();
          },
        });
      },
      error(error: unknown) {
        subscriber.error(error);
      },
      complete() {
        // Once projecting, the projection decides (as `exhaustMap` waits for its inner).
        if (!inner) subscriber.complete();
      },
    });
    return () => {
      inner?.unsubscribe();
      outer.unsubscribe();
    };
  });
}
