/**
 * @module
 * The parameters of a `WWW-Authenticate` challenge (RFC 9110 §11.6.1; RFC 6750 §3; RFC 9728 §5.1;
 * RFC 9449 §7.1): `resource_metadata`, `scope`, `error`, whatever the scheme (`Bearer`, `DPoP`).
 */

/** One challenge: its scheme (lower case) and its auth-params (names lower case). */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const PARAM = new RegExp(`^\\s*(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}))\\s*,?`);
const SCHEME = new RegExp(`^\\s*,?\\s*(${TOKEN})(?:\\s+|$)`);

/**
 * Every challenge of a `WWW-Authenticate` header value, in order.
 *
 * @example
 * parseWwwAuthenticate('Bearer scope="a b", resource_metadata="https://x/.well-known/oauth-protected-resource"')
 * // [{ scheme: 'bearer', params: { scope: 'a b', resource_metadata: 'https://x/…' } }]
 */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let rest = header ?? '';
  while (rest.trim()) {
    const scheme = SCHEME.exec(rest);
    if (!scheme) break;
    rest = rest.slice(scheme[0].length);
    const params: Record<string, string> = {};
    for (let match = PARAM.exec(rest); match; match = PARAM.exec(rest)) {
      params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
      rest = rest.slice(match[0].length);
    }
    challenges.push({ scheme: scheme[1]!.toLowerCase(), params });
  }
  return challenges;
}

/** The parameters of the first challenge of `response` (any scheme), `{}` when there is none. */
export function challengeParams(response: Response): Readonly<Record<string, string>> {
  return parseWwwAuthenticate(response.headers.get('www-authenticate'))[0]?.params ?? {};
}
