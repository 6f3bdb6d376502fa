/**
 * @module
 * Choosing the era of a connection: `'auto'` probes with `server/discover` and falls back to
 * `initialize` on a 2025 answer, `'legacy'` initializes at once, `{ pin }` requires the modern
 * era at exactly that revision. The modern verdict is adopted by the session as if it were an
 * `initialize` result, so capability checks and `client.server` work the same in both eras.
 */
import { defer, map, type Observable, switchMap, throwError, catchError, of } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { InitializeResult } from '../../protocol/lifecycle.js';
import { type DiscoverResult, MetaKey, MODERN_PROTOCOL_VERSIONS } from '../../protocol/modern.js';
import type { ClientSession } from '../../session/client-session.js';
import type { RequestOptions } from '../../session/session-api.js';
import type { CacheView } from './cache-view.js';
import type { Envelope } from './envelope.js';
import { type ProbeVerdict, verdictOnError, verdictOnResult } from './probe-verdict.js';

/**
 * How a client picks the era: `'auto'` (probe, fall back), `'legacy'` (2025 `initialize` only),
 * or `{ pin: '2026-07-28' }` (that modern revision or fail).
 */
export type VersionNegotiation = 'auto' | 'legacy' | { readonly pin: string };

/** The era a connection agreed on. */
export type Era = 'modern' | 'legacy';

/**
 * The era of a session whose server is `server` (its `initialize` result, or the adopted
 * discover result): modern when it names a stateless revision.
 *
 * @example
 * eraOf(session.server); // 'modern' after negotiating 2026-07-28
 */
export function eraOf(server: Pick<InitializeResult, 'protocolVersion'> | undefined): Era {
  return server !== undefined && MODERN_PROTOCOL_VERSIONS.includes(server.protocolVersion) ? 'modern' : 'legacy';
}

/** What negotiation agreed: the era, and the server as an `initialize` result would describe it. */
export interface Agreement {
  readonly era: Era;
  readonly server: InitializeResult;
}

/** What {@link negotiate} needs. */
export interface NegotiationOptions {
  readonly mode: VersionNegotiation;
  /** Modern revisions the client speaks, preferred first. @defaultValue {@link MODERN_PROTOCOL_VERSIONS} */
  readonly modernVersions?: readonly string[];
  /** A verdict remembered from an earlier connection to the same server: `'legacy'` skips the probe. */
  readonly remembered?: Era;
  /** Options of the probe request (its timeout). */
  readonly probe?: Omit<RequestOptions, 'observe'>;
  /**
   * Where a discover result is kept for its `ttlMs`: a fresh one answers the probe without a
   * request. Errors (a version refusal, a failure) are never kept, so they are probed again.
   */
  readonly cache?: CacheView;
}

/**
 * Negotiates on a connected `session` whose requests `envelope` will carry. On a modern verdict
 * the envelope's version is set and the session adopts the discovered server.
 *
 * ```
 * auto, modern server:  discover ─ result            → modern
 * auto, 2025 server:    discover ─ -32601/400 ─ initialize ─ result → legacy
 * request-metadata:     discover ─ -32022 {supported} ─ discover(v) ─ result → modern
 * cached (fresh ttlMs):  (no request) ─ the kept discover result → modern
 * ```
 *
 * @example
 * negotiate(session, envelope, { mode: 'auto' }).subscribe(({ era, server }) => console.log(era, server.serverInfo.name));
 */
export function negotiate(
  session: ClientSession,
  envelope: Envelope,
  options: NegotiationOptions,
): Observable<Agreement> {
  const mode = options.mode;
  if (mode === 'legacy' || (mode === 'auto' && options.remembered === 'legacy')) return initialize(session);
  const versions = typeof mode === 'object' ? [mode.pin] : (options.modernVersions ?? MODERN_PROTOCOL_VERSIONS);
  const pinned = typeof mode === 'object';
  const probe = (version: string): Observable<ProbeVerdict> =>
    defer(() => {
      const params = { _meta: envelope.at(version) };
      const send = () => session.request('server/discover', params, options.probe);
      return options.cache ? options.cache.through('server/discover', params, send) : send();
    }).pipe(
      map((result) => verdictOnResult(result, versions)),
      catchError((error: unknown) => of(verdictOnError(error, versions))),
    );
  const settle = (verdict: ProbeVerdict, corrected: boolean): Observable<Agreement> => {
    switch (verdict.kind) {
      case 'modern':
        return of(adopt(session, envelope, verdict.version, verdict.discover));
      case 'corrective':
        if (corrected)
          return throwError(() =>
            McpError.protocol(
              ErrorCode.UnsupportedProtocolVersion,
              `The server refused protocol version ${verdict.version} twice`,
            ),
          );
        return probe(verdict.version).pipe(switchMap((next) => settle(next, true)));
      case 'legacy':
        if (pinned)
          return throwError(() =>
            McpError.protocol(
              ErrorCode.UnsupportedProtocolVersion,
              `The server does not speak the pinned protocol version ${versions[0]}`,
            ),
          );
        return initialize(session);
      case 'error':
        return throwError(() => verdict.error);
    }
  };
  return probe(versions[0]!).pipe(switchMap((verdict) => settle(verdict, false)));
}

function initialize(session: ClientSession): Observable<Agreement> {
  return session.initialize().pipe(map((server) => ({ era: 'legacy' as const, server })));
}

/** The session takes the discovered server as its `initialize` result; requests get the envelope from now on. */
function adopt(session: ClientSession, envelope: Envelope, version: string, discover: DiscoverResult): Agreement {
  const info = (discover._meta?.[MetaKey.serverInfo] ??
    discover.serverInfo ?? { name: 'unknown', version: '' }) as InitializeResult['serverInfo'];
  const server: InitializeResult = { protocolVersion: version, capabilities: discover.capabilities, serverInfo: info };
  if (discover.instructions !== undefined) server.instructions = discover.instructions;
  envelope.version = version;
  session.adopt(server);
  return { era: 'modern', server };
}
