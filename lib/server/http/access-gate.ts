/**
 * @module
 * The gate in front of the MCP endpoints (HTTP and WebSocket upgrade): DNS-rebinding protection
 * (`Host`, `Origin`), CORS for the named browser origins, and one line on the log per refused
 * origin so a developer sees why a page fails. A pure function of method, URL and headers.
 */
import { corsPolicy, decideCors, type CorsOrigins } from './cors.js';
import { checkDnsRebinding, defaultAllowedOrigins, type DnsRebindingOptions } from './dns-rebinding.js';
import { headerOf, type HeaderSource } from './http-utils.js';

/** Options of {@link createAccessGate}. */
export interface AccessGateOptions extends DnsRebindingOptions {
  /**
   * Refuse (403) requests whose `Host`, or `Origin` when present, is not allowed (see
   * `allowedHosts` and `allowedOrigins`). Turn it off only behind a proxy that checks them.
   *
   * @defaultValue true
   */
  dnsRebindingProtection?: boolean;
  /**
   * Browser origins allowed to call the server (see {@link CorsOrigins}): preflights are
   * answered, responses carry `Access-Control-Allow-Origin` and expose `Mcp-Session-Id`, and these
   * origins pass the `Origin` check. `'*'` lets any web page call the server (the `Host` check
   * stays). Without it, no CORS headers are sent.
   */
  cors?: CorsOrigins;
  /**
   * Where refusals (403, and CORS preflights the server does not answer) are reported, once per
   * origin (or host). @defaultValue `console.error`
   */
  logger?: (message: string) => void;
}

/** What the gate reads from a request. */
export interface GateRequest {
  readonly method: string;
  /** The request target; only its path is logged. */
  readonly url: string;
  /** A web `Headers`, or a record of lower-case names such as Node's `IncomingHttpHeaders`. */
  readonly headers: HeaderSource;
}

/**
 * The gate's answer: refuse with 403, answer a CORS preflight with 204, or go on to the endpoint
 * adding `headers` to its response.
 */
export type GateDecision =
  | {
      readonly type: 'refuse';
      readonly status: 403;
      readonly reason: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly type: 'preflight'; readonly status: 204; readonly headers: Readonly<Record<string, string>> }
  | { readonly type: 'proceed'; readonly headers: Readonly<Record<string, string>> };

/** How many distinct origins are logged before the gate stops logging. */
const LOGGED_ORIGINS_LIMIT = 100;

/**
 * Creates the gate; throws a `TypeError` for an invalid `cors` origin.
 *
 * @example
 * const gate = createAccessGate({ cors: ['http://localhost:5173'] });
 * const decision = gate({ method: req.method, url: req.url, headers: req.headers });
 * if (decision.type === 'refuse') return sendJsonRpcError(res, 403, -32000, `Forbidden: ${decision.reason}`);
 */
export function createAccessGate(options: AccessGateOptions = {}): (request: GateRequest) => GateDecision {
  const policy = options.cors === undefined ? undefined : corsPolicy(options.cors);
  const dnsOptions: DnsRebindingOptions = {
    allowedHosts: options.allowedHosts,
    allowedOrigins: policy
      ? [
          ...(options.allowedOrigins ?? defaultAllowedOrigins(options.allowedHosts)),
          ...policy.origins,
          ...(policy.anyOrigin ? ['*'] : []),
        ]
      : options.allowedOrigins,
  };
  const log = oncePerKey(options.logger ?? ((message) => console.error(message)));

  return (request) => {
    const origin = headerOf(request.headers, 'origin');
    const where = `${request.method} ${request.url.split('?')[0]}`;
    const from = origin === undefined ? '' : ` from origin ${origin}`;
    const logKey = origin ?? `host ${headerOf(request.headers, 'host') ?? '(none)'}`;
    const dnsRefusal =
      options.dnsRebindingProtection === false ? undefined : checkDnsRebinding(request.headers, dnsOptions);
    if (dnsRefusal) {
      const hint = dnsRefusal.startsWith('Invalid Origin')
        ? `; to let a browser app there call this server, add it to the cors option (rxmcp run --cors ${origin})`
        : '; if this host is yours, add it to allowedHosts';
      log(logKey, `rxmcp: refused ${where}${from} (403 ${dnsRefusal})${hint}`);
      return { type: 'refuse', status: 403, reason: dnsRefusal, headers: {} };
    }
    const cors = {
      method: request.method,
      origin,
      requestMethod: headerOf(request.headers, 'access-control-request-method'),
      requestHeaders: headerOf(request.headers, 'access-control-request-headers'),
    };
    if (!policy) {
      if (cors.method === 'OPTIONS' && origin !== undefined && cors.requestMethod !== undefined) {
        log(
          logKey,
          `rxmcp: refused a CORS preflight for ${where}${from}: CORS is off; enable it with the cors option (rxmcp run --cors ${origin})`,
        );
      }
      return { type: 'proceed', headers: {} };
    }
    const decision = decideCors(cors, policy);
    if (decision.type === 'refused') {
      log(logKey, `rxmcp: refused a CORS preflight for ${where}${from} (403 ${decision.reason})`);
      return {
        type: 'refuse',
        status: 403,
        reason: `CORS preflight refused: ${decision.reason}`,
        headers: decision.headers,
      };
    }
    return decision.type === 'preflight' ? decision : { type: 'proceed', headers: decision.headers };
  };
}

/** A log that writes once per key, and stops after {@link LOGGED_ORIGINS_LIMIT} keys. */
function oncePerKey(logger: (message: string) => void): (key: string, message: string) => void {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key) || seen.size > LOGGED_ORIGINS_LIMIT) return;
    seen.add(key);
    logger(seen.size > LOGGED_ORIGINS_LIMIT ? 'rxmcp: refusals from further origins are not logged' : message);
  };
}
