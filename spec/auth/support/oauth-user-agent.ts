/**
 * The test's side of OAuth against the real provider (spec/auth/support/oidc-provider-child.ts):
 * a scripted user agent that follows the authorization redirects with a cookie jar and answers the
 * login and consent prompts, PKCE, token requests, and DPoP proofs — the parts a browser and a
 * person would do, so the specs need neither.
 */
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { spawnServing, type ServingChild } from '../../support/serving-child.js';

export const REDIRECT_URI = 'http://127.0.0.1/callback';

/** Starts the provider; resolves with its issuer URL and a way to stop it. */
export function startProvider(root: string, options: { browserOrigin?: string } = {}): Promise<ServingChild> {
  const extra = options.browserOrigin ? ['--browser-origin', options.browserOrigin] : [];
  return spawnServing(
    process.execPath,
    ['--import', 'tsx', 'spec/auth/support/oidc-provider-child.ts', ...extra],
    root,
  );
}

/** A PKCE verifier and its S256 challenge. */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  return { verifier, challenge };
}

/**
 * Opens `authorizationUrl` as a user would: follows redirects, signs in as `account` and consents
 * to what is asked, until the redirect to `redirectUri`; resolves with that redirect's query.
 */
export async function authorizeAsUser(
  authorizationUrl: string,
  redirectUri = REDIRECT_URI,
  account = 'alice',
): Promise<URLSearchParams> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url).href;
      await response.arrayBuffer();
      if (next.startsWith(redirectUri)) return new URL(next).searchParams;
      url = next;
      continue;
    }
    if (!new URL(url).pathname.startsWith('/interaction/'))
      throw new Error(`Unexpected ${response.status} at ${url}: ${await response.text()}`);
    const { prompt } = (await response.json()) as { prompt: string };
    const answer = await send(`${url}/${prompt === 'login' ? 'login' : 'consent'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account }).toString(),
    });
    if (answer.status < 300 || answer.status >= 400)
      throw new Error(`The ${prompt} prompt answered ${answer.status}: ${await answer.text()}`);
    url = new URL(answer.headers.get('location')!, url).href;
    await answer.arrayBuffer();
  }
  throw new Error('Too many redirects');
}

/** The authorization URL of a code + PKCE request for `resource`. */
export function authorizationUrl(
  issuer: string,
  params: { scope: string; resource: string; challenge: string; clientId?: string },
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId ?? 'app',
    redirect_uri: REDIRECT_URI,
    scope: params.scope,
    resource: params.resource,
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
    state: base64url.encode(crypto.getRandomValues(new Uint8Array(8))),
  });
  return `${issuer}/auth?${query}`;
}

/** A token endpoint answer. */
export interface TokenAnswer {
  access_token: string;
  token_type: string;
  refresh_token?: string;
  scope?: string;
  expires_in?: number;
}

/** POSTs a token request (form `params`, extra `headers` such as `authorization` or `dpop`). */
export async function tokenRequest(
  issuer: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenAnswer> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await response.json()) as TokenAnswer & { error?: string };
  if (!response.ok) throw new Error(`Token request failed (${response.status}): ${JSON.stringify(body)}`);
  return body;
}

/** HTTP Basic credentials. */
export const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

/** A DPoP key pair and a maker of proofs (RFC 9449 §4.2). */
export async function dpopKey(): Promise<{
  jkt: string;
  proof(method: string, url: string, accessToken?: string): Promise<string>;
}> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const key: CryptoKey = privateKey;
  return {
    jkt: await calculateJwkThumbprint(jwk, 'sha256'),
    async proof(method, url, accessToken) {
      const claims: Record<string, unknown> = { htm: method, htu: url, jti: crypto.randomUUID() };
      if (accessToken)
        claims['ath'] = base64url.encode(
          new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))),
        );
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk }).setIssuedAt().sign(key);
    },
  };
}
