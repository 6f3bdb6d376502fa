import { createResourceGuard, denialResponse, metadataResponse, refuseToken } from '../../../lib/auth/server/index.js';

/** A fetch handler protected by one guard call per request, as a web-standard host would do it. */
function protectedFetchHandler() {
  const guard = createResourceGuard({
    authorizationServers: ['https://auth.example.com'],
    verify: (token) => {
      if (token !== 'good') throw refuseToken('unknown token');
      return { token, scheme: 'Bearer', subject: 'carol', scopes: ['mcp:tools'], claims: {} };
    },
  });
  return async (request: Request): Promise<Response> => {
    const metadata = guard.metadataFor(request);
    if (metadata) return metadataResponse(metadata);
    const outcome = await guard.check(request);
    if (outcome.type === 'deny') return denialResponse(outcome);
    return Response.json({ hello: outcome.auth.subject });
  };
}

describe('the guard in a fetch handler', () => {
  const handle = protectedFetchHandler();

  it('serves the metadata, refuses without a token, and lets a good token through', async () => {
    const metadata = await handle(new Request('https://mcp.example.com/.well-known/oauth-protected-resource/mcp'));
    expect(metadata.headers.get('access-control-allow-origin')).toBe('*');
    expect(await metadata.json()).toMatchObject({
      resource: 'https://mcp.example.com/mcp',
      authorization_servers: ['https://auth.example.com'],
    });

    const refused = await handle(
      new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { authorization: 'Bearer bad' } }),
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", error="invalid_token", error_description="unknown token"',
    );
    expect(await refused.json()).toEqual({ error: 'invalid_token', error_description: 'unknown token' });

    const allowed = await handle(
      new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { authorization: 'bearer good' } }),
    );
    expect(await allowed.json()).toEqual({ hello: 'carol' });
  });
});
