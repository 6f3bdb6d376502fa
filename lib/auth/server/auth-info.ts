/**
 * @module
 * What a verified access token says: who, for which client, with which scopes, until when.
 */

/**
 * The identity a resource server verified from a request's access token; handlers read it as
 * `ctx.auth`.
 *
 * @example
 * server.tool('whoami', {}, (_args, ctx) => `${ctx.auth?.subject} via ${ctx.auth?.clientId}`);
 */
export interface AuthInfo {
  /** The access token as presented. */
  readonly token: string;
  /** How it was presented: `Bearer`, or `DPoP` (RFC 9449, proof verified). */
  readonly scheme: 'Bearer' | 'DPoP';
  /** The resource owner (`sub`), absent for a client acting on its own behalf without one. */
  readonly subject?: string;
  /** The client the token was issued to (`client_id`, else `azp`). */
  readonly clientId?: string;
  /** The scopes granted (`scope`, space-separated, or `scp`). */
  readonly scopes: readonly string[];
  /** The token's expiry, in seconds since the epoch (`exp`). */
  readonly expiresAt?: number;
  /** The audiences the token is for (`aud`); checked against the resource (RFC 8707) when present. */
  readonly audience?: readonly string[];
  /** The issuer (`iss`). */
  readonly issuer?: string;
  /** The thumbprint of the key the token is bound to (`cnf.jkt`, RFC 9449). */
  readonly jkt?: string;
  /** Every claim of the token (JWT payload or introspection response). */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The {@link AuthInfo} of a token's claims (a JWT payload or an RFC 7662 introspection response).
 *
 * @example
 * authInfoFromClaims(token, 'Bearer', { sub: 'alice', scope: 'mcp:tools', aud: 'https://mcp.example.com/mcp' });
 */
export function authInfoFromClaims(
  token: string,
  scheme: AuthInfo['scheme'],
  claims: Record<string, unknown>,
): AuthInfo {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const scopes =
    typeof claims['scope'] === 'string'
      ? claims['scope'].split(' ').filter(Boolean)
      : Array.isArray(claims['scp'])
        ? claims['scp'].filter((s) => typeof s === 'string')
        : [];
  const aud = claims['aud'];
  const cnf = claims['cnf'] as { jkt?: unknown } | undefined;
  return {
    token,
    scheme,
    subject: text(claims['sub']),
    clientId: text(claims['client_id']) ?? text(claims['azp']),
    scopes,
    expiresAt: typeof claims['exp'] === 'number' ? claims['exp'] : undefined,
    audience:
      typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : undefined,
    issuer: text(claims['iss']),
    jkt: typeof cnf === 'object' && cnf !== null ? text(cnf.jkt) : undefined,
    claims,
  };
}
