import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { VirtualTimeScheduler } from 'rxjs';
import {
  wwwAuthenticate,
  createResourceGuard,
  introspectionVerifier,
  jwtVerifier,
  refuseToken,
  type GuardOutcome,
  type ResourceGuardOptions,
} from '../../../lib/auth/server/index.js';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';
const METADATA = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const NOW = Date.UTC(2026, 0, 1);

interface Keys {
  privateKey: CryptoKey;
  jwk: JWK;
}

async function keyPair(kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** A fetch serving the issuer's metadata and a key set that can change. */
function authServer(keys: () => JWK[], metadata: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL) => {
    const url = String(input);
    calls.push(url);
    if (url === `${ISSUER}/.well-known/oauth-authorization-server`) {
      return Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/jwks`, ...metadata });
    }
    if (url === `${ISSUER}/jwks`) return Response.json({ keys: keys() });
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const clock = () => {
  const scheduler = new VirtualTimeScheduler();
  scheduler.frame = NOW;
  return scheduler;
};

function sign(keys: Keys, claims: Record<string, unknown>, options: { iss?: string; exp?: number } = {}) {
  return new SignJWT({ scope: 'mcp:tools', client_id: 'app', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: keys.jwk.kid, typ: 'at+jwt' })
    .setIssuer(options.iss ?? ISSUER)
    .setSubject('alice')
    .setIssuedAt(Math.floor(NOW / 1000) - 10)
    .setExpirationTime(options.exp ?? Math.floor(NOW / 1000) + 3600)
    .sign(keys.privateKey);
}

const request = (headers: Record<string, string> = {}, method = 'POST', url = RESOURCE) => ({
  method,
  url,
  headers: new Headers(headers),
});

function denied(outcome: GuardOutcome) {
  if (outcome.type !== 'deny') throw new Error(`expected a denial, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('createResourceGuard with jwtVerifier', () => {
  let keys: Keys;
  let guardOptions: (more?: Partial<ResourceGuardOptions>) => ResourceGuardOptions;

  beforeAll(async () => {
    keys = await keyPair('k1');
  });
  beforeEach(() => {
    const { fetchImpl } = authServer(() => [keys.jwk]);
    guardOptions = (more = {}) => ({
      authorizationServers: [ISSUER],
      verify: jwtVerifier({ issuer: ISSUER, fetch: fetchImpl }),
      resource: RESOURCE,
      scheduler: clock(),
      ...more,
    });
  });

  it('answers a request without a token with 401 and a challenge naming the metadata, no error code', async () => {
    const outcome = denied(await createResourceGuard(guardOptions()).check(request()));
    expect(outcome.status).toBe(401);
    expect(outcome.headers['www-authenticate']).toBe(`Bearer resource_metadata="${METADATA}"`);
  });

  it('names the required scopes (or the supported ones) in the 401 challenge', async () => {
    const required = denied(
      await createResourceGuard(guardOptions({ requiredScopes: ['mcp:tools'] })).check(request()),
    );
    expect(required.headers['www-authenticate']).toBe(`Bearer resource_metadata="${METADATA}", scope="mcp:tools"`);
    const supported = denied(
      await createResourceGuard(guardOptions({ scopesSupported: ['a', 'b'] })).check(
        request({ authorization: 'Basic eDp5' }),
      ),
    );
    expect(supported.headers['www-authenticate']).toBe(`Bearer resource_metadata="${METADATA}", scope="a b"`);
  });

  it('lets a valid token through with its identity', async () => {
    const token = await sign(keys, { aud: RESOURCE, scope: 'mcp:tools files:read' });
    const outcome = await createResourceGuard(guardOptions()).check(request({ authorization: `Bearer ${token}` }));
    expect(outcome).toEqual({
      type: 'allow',
      auth: expect.objectContaining({
        token,
        scheme: 'Bearer',
        subject: 'alice',
        clientId: 'app',
        scopes: ['mcp:tools', 'files:read'],
        issuer: ISSUER,
        audience: [RESOURCE],
      }),
    });
  });

  it('refuses an expired token with 401 invalid_token', async () => {
    const token = await sign(keys, { aud: RESOURCE }, { exp: Math.floor(NOW / 1000) - 60 });
    const outcome = denied(
      await createResourceGuard(guardOptions()).check(request({ authorization: `Bearer ${token}` })),
    );
    expect(outcome.status).toBe(401);
    expect(outcome.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${METADATA}", error="invalid_token", error_description="\\"exp\\" claim timestamp check failed"`,
    );
  });

  it('refuses a token from another issuer', async () => {
    const token = await sign(keys, { aud: RESOURCE }, { iss: 'https://evil.example.com' });
    const outcome = denied(
      await createResourceGuard(guardOptions()).check(request({ authorization: `Bearer ${token}` })),
    );
    expect(outcome.status).toBe(401);
    expect(outcome.body).toEqual({ error: 'invalid_token', error_description: expect.stringContaining('iss') });
  });

  it('refuses a token for another resource (RFC 8707), and one without an audience', async () => {
    const guard = createResourceGuard(guardOptions());
    const other = denied(
      await guard.check(
        request({ authorization: `Bearer ${await sign(keys, { aud: 'https://other.example.com/mcp' })}` }),
      ),
    );
    expect(other.status).toBe(401);
    expect(other.body.error_description).toMatch(/aud/);
    const none = denied(await guard.check(request({ authorization: `Bearer ${await sign(keys, {})}` })));
    expect(none.status).toBe(401);
  });

  it('derives the resource from the request URL and resourcePath when none is configured', async () => {
    const guard = createResourceGuard(guardOptions({ resource: undefined, resourcePath: '/api/mcp' }));
    const token = await sign(keys, { aud: 'http://127.0.0.1:4000/api/mcp' });
    expect(
      (await guard.check(request({ authorization: `Bearer ${token}` }, 'GET', 'http://127.0.0.1:4000/sse'))).type,
    ).toBe('allow');
    const outcome = denied(await guard.check(request({}, 'GET', 'http://127.0.0.1:4000/sse')));
    expect(outcome.headers['www-authenticate']).toBe(
      'Bearer resource_metadata="http://127.0.0.1:4000/.well-known/oauth-protected-resource/api/mcp"',
    );
  });

  it('answers a token lacking a needed scope with 403 insufficient_scope naming what to ask for', async () => {
    const token = await sign(keys, { aud: RESOURCE, scope: 'mcp:tools' });
    const outcome = denied(
      await createResourceGuard(guardOptions()).check(request({ authorization: `Bearer ${token}` }), ['files:write']),
    );
    expect(outcome.status).toBe(403);
    expect(outcome.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${METADATA}", scope="mcp:tools files:write", error="insufficient_scope", error_description="The access token lacks scope files:write"`,
    );
  });

  it('refuses a malformed token', async () => {
    const outcome = denied(
      await createResourceGuard(guardOptions()).check(request({ authorization: 'Bearer not.a.jwt' })),
    );
    expect(outcome.status).toBe(401);
    expect(outcome.body.error).toBe('invalid_token');
  });

  it('follows a key rotation: a token signed with a new key refetches the key set', async () => {
    let current = [keys.jwk];
    const { fetchImpl, calls } = authServer(() => current);
    const guard = createResourceGuard({
      authorizationServers: [ISSUER],
      verify: jwtVerifier({ issuer: ISSUER, fetch: fetchImpl, jwks: { cooldownDuration: 0 } }),
      resource: RESOURCE,
      scheduler: clock(),
    });
    expect((await guard.check(request({ authorization: `Bearer ${await sign(keys, { aud: RESOURCE })}` }))).type).toBe(
      'allow',
    );
    expect((await guard.check(request({ authorization: `Bearer ${await sign(keys, { aud: RESOURCE })}` }))).type).toBe(
      'allow',
    );
    expect(calls.filter((url) => url.endsWith('/jwks'))).toHaveLength(1);
    const next = await keyPair('k2');
    current = [keys.jwk, next.jwk];
    expect((await guard.check(request({ authorization: `Bearer ${await sign(next, { aud: RESOURCE })}` }))).type).toBe(
      'allow',
    );
    expect(calls.filter((url) => url.endsWith('/jwks'))).toHaveLength(2);
    expect(calls.filter((url) => url.includes('.well-known'))).toHaveLength(1);
  });

  it('refuses every token when the issuer metadata names another issuer', async () => {
    const { fetchImpl } = authServer(() => [keys.jwk], { issuer: 'https://evil.example.com' });
    const guard = createResourceGuard({
      authorizationServers: [ISSUER],
      verify: jwtVerifier({ issuer: ISSUER, fetch: fetchImpl }),
      resource: RESOURCE,
      scheduler: clock(),
    });
    const outcome = denied(
      await guard.check(request({ authorization: `Bearer ${await sign(keys, { aud: RESOURCE })}` })),
    );
    expect(outcome.status).toBe(401);
    expect(outcome.body.error_description).toBe('The access token could not be verified');
  });
});

describe('createResourceGuard with DPoP-bound tokens', () => {
  let keys: Keys;
  let holder: Keys;
  let jkt: string;
  let guard: ReturnType<typeof createResourceGuard>;

  beforeAll(async () => {
    keys = await keyPair('k1');
    holder = await keyPair('holder');
    jkt = await calculateJwkThumbprint(holder.jwk, 'sha256');
  });
  beforeEach(() => {
    const { fetchImpl } = authServer(() => [keys.jwk]);
    guard = createResourceGuard({
      authorizationServers: [ISSUER],
      verify: jwtVerifier({ issuer: ISSUER, fetch: fetchImpl }),
      resource: RESOURCE,
      scheduler: clock(),
    });
  });

  async function proof(key: Keys, token: string, claims: Record<string, unknown> = {}) {
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))).toString(
      'base64url',
    );
    const { kid: _kid, use: _use, ...publicJwk } = key.jwk;
    return new SignJWT({ htm: 'POST', htu: RESOURCE, ath, jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk })
      .setIssuedAt(Math.floor(NOW / 1000))
      .sign(key.privateKey);
  }

  it('accepts a bound token with a valid proof', async () => {
    const token = await sign(keys, { aud: RESOURCE, cnf: { jkt } });
    const outcome = await guard.check(request({ authorization: `DPoP ${token}`, dpop: await proof(holder, token) }));
    expect(outcome).toEqual({
      type: 'allow',
      auth: expect.objectContaining({ scheme: 'DPoP', jkt, subject: 'alice' }),
    });
  });

  it('refuses a bound token presented as a bearer token', async () => {
    const token = await sign(keys, { aud: RESOURCE, cnf: { jkt } });
    const outcome = denied(await guard.check(request({ authorization: `Bearer ${token}` })));
    expect(outcome.status).toBe(401);
    expect(outcome.headers['www-authenticate']).toMatch(
      /^DPoP resource_metadata="[^"]+", error="invalid_token", .*algs="ES256/,
    );
  });

  it('refuses a proof signed by another key, for another method, or replayed', async () => {
    const token = await sign(keys, { aud: RESOURCE, cnf: { jkt } });
    const other = await keyPair('other');
    const wrongKey = denied(
      await guard.check(request({ authorization: `DPoP ${token}`, dpop: await proof(other, token) })),
    );
    expect(wrongKey.body).toEqual({
      error: 'invalid_dpop_proof',
      error_description: expect.stringContaining('not the one'),
    });
    const wrongMethod = denied(
      await guard.check(request({ authorization: `DPoP ${token}`, dpop: await proof(holder, token, { htm: 'GET' }) })),
    );
    expect(wrongMethod.body.error_description).toMatch(/htm/);
    const once = await proof(holder, token);
    expect((await guard.check(request({ authorization: `DPoP ${token}`, dpop: once }))).type).toBe('allow');
    const replay = denied(await guard.check(request({ authorization: `DPoP ${token}`, dpop: once })));
    expect(replay.body.error_description).toMatch(/replayed/);
  });

  it('refuses the DPoP scheme without a proof, and with an unbound token', async () => {
    const bound = await sign(keys, { aud: RESOURCE, cnf: { jkt } });
    expect(denied(await guard.check(request({ authorization: `DPoP ${bound}` }))).body.error).toBe(
      'invalid_dpop_proof',
    );
    const unbound = await sign(keys, { aud: RESOURCE });
    expect(
      denied(await guard.check(request({ authorization: `DPoP ${unbound}`, dpop: await proof(holder, unbound) }))).body
        .error_description,
    ).toMatch(/not DPoP-bound/);
  });
});

describe('createResourceGuard with other verifiers', () => {
  const base = { authorizationServers: [ISSUER], resource: RESOURCE, scheduler: clock() };

  it('reports a refusal of a custom verifier, and hides other errors', async () => {
    const refusing = createResourceGuard({ ...base, verify: () => Promise.reject(refuseToken('revoked')) });
    expect(denied(await refusing.check(request({ authorization: 'Bearer t' }))).body).toEqual({
      error: 'invalid_token',
      error_description: 'revoked',
    });
    const failing = createResourceGuard({ ...base, verify: () => Promise.reject(new Error('db password wrong')) });
    expect(denied(await failing.check(request({ authorization: 'Bearer t' }))).body.error_description).toBe(
      'The access token could not be verified',
    );
  });

  it('checks the expiry a custom verifier reports, against the scheduler', async () => {
    const guard = createResourceGuard({
      ...base,
      verify: (token) => ({ token, scheme: 'Bearer', scopes: [], expiresAt: NOW / 1000 - 1, claims: {} }),
    });
    expect(denied(await guard.check(request({ authorization: 'Bearer t' }))).body.error_description).toBe(
      'The access token expired',
    );
  });

  it('introspects opaque tokens (RFC 7662): inactive ones and ones for other audiences are refused', async () => {
    const answers: Record<string, Record<string, unknown>> = {
      good: { active: true, sub: 'bob', scope: 'mcp:tools', client_id: 'app', aud: RESOURCE, exp: NOW / 1000 + 60 },
      gone: { active: false },
      elsewhere: { active: true, aud: 'https://other.example.com' },
    };
    const seen: string[] = [];
    const fetchImpl = (async (_url: string | URL, init?: RequestInit) => {
      seen.push(String(new Headers(init?.headers).get('authorization')));
      return Response.json(answers[new URLSearchParams(String(init?.body)).get('token')!]);
    }) as typeof fetch;
    const guard = createResourceGuard({
      ...base,
      verify: introspectionVerifier({
        endpoint: `${ISSUER}/introspect`,
        clientId: 'rs',
        clientSecret: 's3cret',
        fetch: fetchImpl,
      }),
    });
    expect(await guard.check(request({ authorization: 'Bearer good' }))).toEqual({
      type: 'allow',
      auth: expect.objectContaining({ subject: 'bob', scopes: ['mcp:tools'], clientId: 'app' }),
    });
    expect(denied(await guard.check(request({ authorization: 'Bearer gone' }))).body.error_description).toBe(
      'The access token is not active',
    );
    expect(denied(await guard.check(request({ authorization: 'Bearer elsewhere' }))).body.error_description).toMatch(
      /not for this resource/,
    );
    expect(seen[0]).toBe(`Basic ${Buffer.from('rs:s3cret').toString('base64')}`);
  });
});

describe('Protected Resource Metadata', () => {
  const guard = createResourceGuard({
    authorizationServers: [ISSUER],
    verify: () => Promise.reject(new Error('unused')),
    scopesSupported: ['mcp:tools'],
    resourceName: 'Demo',
  });

  it('is served at the path-suffixed and the root well-known URLs, for GET only', () => {
    const expected = {
      resource: 'http://h:1/mcp',
      authorization_servers: [ISSUER],
      bearer_methods_supported: ['header'],
      scopes_supported: ['mcp:tools'],
      resource_name: 'Demo',
      dpop_signing_alg_values_supported: expect.arrayContaining(['ES256']),
    };
    expect(guard.metadataFor({ method: 'GET', url: 'http://h:1/.well-known/oauth-protected-resource/mcp' })).toEqual(
      expected,
    );
    expect(guard.metadataFor({ method: 'GET', url: 'http://h:1/.well-known/oauth-protected-resource' })).toEqual(
      expected,
    );
    expect(
      guard.metadataFor({ method: 'GET', url: 'http://h:1/.well-known/oauth-protected-resource/other' }),
    ).toBeUndefined();
    expect(
      guard.metadataFor({ method: 'POST', url: 'http://h:1/.well-known/oauth-protected-resource' }),
    ).toBeUndefined();
  });
});

describe('wwwAuthenticate', () => {
  it('escapes quotes and backslashes and drops control characters', () => {
    expect(wwwAuthenticate('Bearer', { error: 'invalid_token', errorDescription: 'bad "x"\\\r\ny' })).toBe(
      'Bearer error="invalid_token", error_description="bad \\"x\\"\\\\  y"',
    );
  });
});
