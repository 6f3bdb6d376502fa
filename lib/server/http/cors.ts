/**
 * @module
 * CORS for browser apps talking to an MCP endpoint: a pure decision from a request's method and
 * CORS headers to a preflight answer, a refusal, or the headers to add to the actual response.
 * No Node types: the same function serves a web-standard `(Request) => Response` handler.
 */
import { originMatches } from './dns-rebinding.js';

/**
 * The browser origins allowed to call the server: one origin or a list, each `scheme://host`
 * (any port) or `scheme://host:port`; `'*'` allows every origin.
 */
export type CorsOrigins = string | readonly string[];

/** A validated set of CORS origins. Make one with {@link corsPolicy}. */
export interface CorsPolicy {
  /** The named origins (without `'*'`). */
  readonly origins: readonly string[];
  /** Whether `'*'` was given: any origin, answered with `Access-Control-Allow-Origin: *`. */
  readonly anyOrigin: boolean;
}

/** What {@link decideCors} reads from a request. */
export interface CorsRequest {
  readonly method: string;
  readonly origin?: string | null;
  /** `Access-Control-Request-Method`. */
  readonly requestMethod?: string | null;
  /** `Access-Control-Request-Headers`. */
  readonly requestHeaders?: string | null;
}

/**
 * The outcome of {@link decideCors}: answer a preflight at once (`'preflight'`, 204), refuse it
 * (`'refused'`, 403, with the reason), or go on and add `headers` to the response (`'actual'`;
 * none for a request without `Origin` or from an origin not allowed).
 */
export type CorsDecision =
  | { readonly type: 'preflight'; readonly status: 204; readonly headers: Readonly<Record<string, string>> }
  | {
      readonly type: 'refused';
      readonly status: 403;
      readonly reason: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly type: 'actual'; readonly headers: Readonly<Record<string, string>> };

/** The methods of the MCP endpoints. */
export const CORS_ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'DELETE', 'OPTIONS'];

/**
 * The request headers an MCP client sends (2025-11-25 and 2026-07-28); `Mcp-Param-*` headers
 * (2026-07-28, named by tools) are allowed as well.
 */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'content-type',
  'accept',
  'authorization',
  // The proof of a DPoP-bound token (RFC 9449), sent with `Authorization: DPoP …`.
  'dpop',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
  'mcp-method',
  'mcp-name',
];

/** The response headers a client reads, exposed to the page. */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  'Mcp-Session-Id',
  'Mcp-Protocol-Version',
  'WWW-Authenticate',
  'DPoP-Nonce',
];

/** How long, in seconds, a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * Validates CORS origins; throws a `TypeError` naming an entry that is not `'*'` or an
 * `http(s)://host[:port]` origin.
 *
 * @example
 * corsPolicy(['http://localhost:5173', 'https://app.example.com'])
 * corsPolicy('*') // { origins: [], anyOrigin: true }
 */
export function corsPolicy(cors: CorsOrigins): CorsPolicy {
  const entries = typeof cors === 'string' ? [cors] : [...cors];
  const origins: string[] = [];
  let anyOrigin = false;
  for (const entry of entries) {
    if (entry === '*') {
      anyOrigin = true;
      continue;
    }
    if (!isOrigin(entry))
      throw new TypeError(`Invalid CORS origin: '${entry}' (expected '*' or http(s)://host[:port])`);
    origins.push(entry.replace(/\/$/, ''));
  }
  return { origins, anyOrigin };
}

/** Whether `origin` (an `Origin` header) is allowed by `policy`. */
export function corsAllows(policy: CorsPolicy, origin: string): boolean {
  return policy.anyOrigin || originMatches(origin, policy.origins);
}

/**
 * Decides how to answer `request` under `policy`.
 *
 * @example
 * decideCors({ method: 'OPTIONS', origin: 'http://localhost:5173', requestMethod: 'POST', requestHeaders: 'content-type' }, corsPolicy('http://localhost:5173'))
 * // { type: 'preflight', status: 204, headers: { 'access-control-allow-origin': 'http://localhost:5173', … } }
 */
export function decideCors(request: CorsRequest, policy: CorsPolicy): CorsDecision {
  const origin = request.origin ?? undefined;
  const vary: Record<string, string> = policy.anyOrigin ? {} : { vary: 'Origin' };
  const isPreflight = request.method === 'OPTIONS' && origin !== undefined && request.requestMethod;
  if (!isPreflight) {
    if (origin === undefined || !corsAllows(policy, origin)) return { type: 'actual', headers: vary };
    return {
      type: 'actual',
      headers: {
        ...vary,
        ...allowOrigin(policy, origin),
        'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
      },
    };
  }
  const preflightVary = {
    vary: [
      ...(policy.anyOrigin ? [] : ['Origin']),
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
    ].join(', '),
  };
  const refuse = (reason: string): CorsDecision => ({ type: 'refused', status: 403, reason, headers: preflightVary });
  if (!corsAllows(policy, origin)) return refuse(`origin ${origin} is not among the CORS origins`);
  const method = request.requestMethod!.toUpperCase();
  if (!CORS_ALLOWED_METHODS.includes(method)) return refuse(`method ${method} is not allowed`);
  const requested = (request.requestHeaders ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const refused = requested.find((name) => !CORS_ALLOWED_HEADERS.includes(name) && !name.startsWith('mcp-param-'));
  if (refused) return refuse(`request header ${refused} is not allowed`);
  const params = requested.filter((name) => name.startsWith('mcp-param-'));
  return {
    type: 'preflight',
    status: 204,
    headers: {
      ...preflightVary,
      ...allowOrigin(policy, origin),
      'access-control-allow-methods': CORS_ALLOWED_METHODS.join(', '),
      'access-control-allow-headers': [...CORS_ALLOWED_HEADERS, ...params].join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    },
  };
}

function allowOrigin(policy: CorsPolicy, origin: string): Record<string, string> {
  return { 'access-control-allow-origin': policy.anyOrigin ? '*' : origin };
}

function isOrigin(entry: string): boolean {
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(entry)) return false;
  try {
    const url = new URL(entry);
    return url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}
