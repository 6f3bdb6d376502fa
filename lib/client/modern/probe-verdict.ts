/**
 * @module
 * What the answer to a `server/discover` probe says about the server's era: modern (at which
 * version), a corrective retry at a version it named (-32022), a 2025 server (fall back to
 * `initialize`), or an error that is no era evidence at all (auth, outage, a closed connection).
 */
import { ErrorCode, isMcpError, McpError } from '../../protocol/errors.js';
import { type DiscoverResult, DiscoverResultSchema, MODERN_PROTOCOL_VERSION } from '../../protocol/modern.js';

/** The verdict on one probe. */
export type ProbeVerdict =
  | { readonly kind: 'modern'; readonly version: string; readonly discover: DiscoverResult }
  | { readonly kind: 'corrective'; readonly version: string }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'error'; readonly error: McpError };

/**
 * The verdict on a probe that answered `result`. A result that is not a `DiscoverResult`, or
 * offers none of `versions`, means a 2025 server (or one to talk to in the 2025 era).
 *
 * @example
 * verdictOnResult({ supportedVersions: ['2026-07-28'], capabilities: {} }, ['2026-07-28']) // modern
 */
export function verdictOnResult(result: unknown, versions: readonly string[]): ProbeVerdict {
  const parsed = DiscoverResultSchema.safeParse(result);
  if (!parsed.success) return { kind: 'legacy' };
  const version = versions.find((candidate) => parsed.data.supportedVersions.includes(candidate));
  return version === undefined ? { kind: 'legacy' } : { kind: 'modern', version, discover: parsed.data };
}

/**
 * The verdict on a probe that failed with `error`. `-32022` naming a version of `versions` is a
 * corrective retry, naming only other modern versions an error; a 401/403, a 5xx, a network
 * failure or a closed connection are errors; any other JSON-RPC error or HTTP 4xx (a 2025 server
 * refusing an unknown method or a request without a session) and a timeout mean a 2025 server.
 *
 * @example
 * verdictOnError(McpError.protocol(-32022, 'Unsupported', { supported: ['2026-07-28'] }), ['2026-07-28']) // corrective
 */
export function verdictOnError(error: unknown, versions: readonly string[]): ProbeVerdict {
  if (!isMcpError(error))
    return {
      kind: 'error',
      error: new McpError('transport', `The version probe failed: ${String(error)}`, { cause: error }),
    };
  const status = (error.data as { status?: unknown } | undefined)?.status;
  if (status === 401 || status === 403 || (typeof status === 'number' && status >= 500))
    return { kind: 'error', error };
  if (error.kind === 'timeout') return { kind: 'legacy' };
  // A 4xx without a JSON-RPC body: a 2025 endpoint that knows no such request.
  if (error.kind === 'transport' && typeof status === 'number') return { kind: 'legacy' };
  if (error.kind !== 'protocol') return { kind: 'error', error };
  if (error.code === ErrorCode.UnsupportedProtocolVersion) {
    // Over HTTP the server's own `data` is nested under the transport's `{ status, data }`.
    const data = error.data as { supported?: unknown; data?: { supported?: unknown } } | undefined;
    const supported = data?.supported ?? data?.data?.supported;
    if (!Array.isArray(supported)) return { kind: 'legacy' };
    const version = versions.find((candidate) => supported.includes(candidate));
    if (version !== undefined) return { kind: 'corrective', version };
    // Revisions are dates: anything from the stateless revision on is of the modern era.
    if (supported.some((offered) => typeof offered === 'string' && offered >= MODERN_PROTOCOL_VERSION))
      return { kind: 'error', error };
    return { kind: 'legacy' };
  }
  return { kind: 'legacy' };
}
