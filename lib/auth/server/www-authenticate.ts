/**
 * @module
 * The `WWW-Authenticate` challenge of a refused request (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1):
 * where the protected resource metadata is, the scopes needed, and why the token was refused.
 */

/** The error codes of a bearer-token challenge (RFC 6750 §3.1). */
export type BearerErrorCode =
  'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'invalid_dpop_proof' | 'use_dpop_nonce';

/** The parameters of one challenge. */
export interface ChallengeParams {
  /** The URL of the protected resource metadata document (RFC 9728). */
  readonly resourceMetadata?: string;
  /** The scopes needed (space-joined into `scope`). */
  readonly scopes?: readonly string[];
  readonly error?: BearerErrorCode;
  readonly errorDescription?: string;
  /** DPoP only: the proof algorithms accepted (`algs`). */
  readonly algs?: readonly string[];
}

/**
 * One challenge, e.g. `Bearer resource_metadata="…", scope="a b", error="invalid_token"`.
 *
 * @example
 * wwwAuthenticate('Bearer', { resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp', scopes: ['mcp:tools'] });
 */
export function wwwAuthenticate(scheme: 'Bearer' | 'DPoP', params: ChallengeParams): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') parts.push(`${name}="${quoted(value)}"`);
  };
  add('resource_metadata', params.resourceMetadata);
  add('scope', params.scopes?.join(' '));
  add('error', params.error);
  add('error_description', params.errorDescription);
  add('algs', params.algs?.join(' '));
  return parts.length === 0 ? scheme : `${scheme} ${parts.join(', ')}`;
}

/** A quoted-string's content: backslashes and quotes escaped, controls (CR, LF…) dropped. */
function quoted(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/["\\]/g, (c) => `\\${c}`);
}
