import { authorizationServerMetadataUrls } from '../../../lib/auth/client/authorization-server.js';
import {
  canonicalResource,
  discoverProtectedResource,
  protectedResourceMetadataUrls,
  resourceCovers,
} from '../../../lib/auth/client/protected-resource.js';
import { selectScope } from '../../../lib/auth/client/scope-selection.js';
import { parseWwwAuthenticate } from '../../../lib/auth/client/www-authenticate.js';

const hrefs = (urls: URL[]) => urls.map((url) => url.href);

describe('parseWwwAuthenticate', () => {
  it('reads every challenge, quoted and token params, with escapes', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x/y", DPoP algs=ES256 error=use_dpop_nonce',
      ),
    ).toEqual([
      { scheme: 'bearer', params: { error: 'insufficient_scope', scope: 'a b', resource_metadata: 'https://x/y' } },
      { scheme: 'dpop', params: { algs: 'ES256', error: 'use_dpop_nonce' } },
    ]);
    expect(parseWwwAuthenticate('Bearer realm="say \\"hi\\""')[0]!.params).toEqual({ realm: 'say "hi"' });
    expect(parseWwwAuthenticate(null)).toEqual([]);
  });
});

describe('protected resource metadata', () => {
  it('tries the challenge URL, then the path-suffixed well-known URL, then the root one', () => {
    expect(hrefs(protectedResourceMetadataUrls(new URL('https://a.example/mcp'), '/custom.json'))).toEqual([
      'https://a.example/custom.json',
      'https://a.example/.well-known/oauth-protected-resource/mcp',
      'https://a.example/.well-known/oauth-protected-resource',
    ]);
    expect(hrefs(protectedResourceMetadataUrls(new URL('https://a.example/')))).toEqual([
      'https://a.example/.well-known/oauth-protected-resource',
    ]);
  });

  it('accepts a resource that is the server or a parent path of it, nothing else', () => {
    const server = new URL('https://a.example/tenant/mcp');
    expect(resourceCovers('https://a.example/tenant/mcp', server)).toBe(true);
    expect(resourceCovers('https://a.example', server)).toBe(true);
    expect(resourceCovers('https://a.example/tenant', server)).toBe(true);
    expect(resourceCovers('https://a.example/ten', server)).toBe(false);
    expect(resourceCovers('https://evil.example/tenant/mcp', server)).toBe(false);
    expect(resourceCovers('http://a.example/tenant/mcp', server)).toBe(false);
    expect(resourceCovers('not a url', server)).toBe(false);
    expect(canonicalResource(new URL('https://a.example/mcp#x'))).toBe('https://a.example/mcp');
  });

  describe('a document naming another path of the server', () => {
    const served = (resource: string) => async (input: string | URL) =>
      String(input).includes('oauth-protected-resource')
        ? Response.json({ resource, authorization_servers: ['https://as.example'] })
        : new Response(null, { status: 404 });
    const ws = new URL('https://a.example/ws');

    it("is accepted from the server's own challenge when on the same origin (one resource for /mcp, /sse and /ws)", async () => {
      const challenged = 'https://a.example/.well-known/oauth-protected-resource/mcp';
      await expect(discoverProtectedResource(served('https://a.example/mcp'), ws, challenged)).resolves.toMatchObject({
        resource: 'https://a.example/mcp',
      });
    });

    it('is refused from the well-known fallback, and from a challenge when on another origin', async () => {
      await expect(discoverProtectedResource(served('https://a.example/mcp'), ws)).rejects.toThrow(
        /names https:\/\/a.example\/mcp/,
      );
      const challenged = 'https://a.example/.well-known/oauth-protected-resource/mcp';
      await expect(discoverProtectedResource(served('https://evil.example/mcp'), ws, challenged)).rejects.toThrow(
        /evil/,
      );
    });
  });
});

describe('authorization server metadata URLs', () => {
  it('inserts the well-known segments before the path, then appends the OpenID one', () => {
    expect(hrefs(authorizationServerMetadataUrls(new URL('https://as.example/tenant1')))).toEqual([
      'https://as.example/.well-known/oauth-authorization-server/tenant1',
      'https://as.example/.well-known/openid-configuration/tenant1',
      'https://as.example/tenant1/.well-known/openid-configuration',
    ]);
    expect(hrefs(authorizationServerMetadataUrls(new URL('https://as.example')))).toEqual([
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ]);
  });
});

describe('selectScope', () => {
  it('takes the challenge, else scopes_supported, else nothing; keeps previous scopes on step-up', () => {
    expect(selectScope({ challenged: 'x', resourceScopes: ['a', 'b'], offlineAccess: true })).toBe('x');
    expect(selectScope({ resourceScopes: ['a', 'b'], offlineAccess: false })).toBe('a b');
    expect(selectScope({ offlineAccess: true, serverScopes: ['offline_access'] })).toBeUndefined();
    expect(selectScope({ challenged: 'write', previous: 'read write', offlineAccess: false })).toBe('read write');
    expect(selectScope({ challenged: 'a', serverScopes: ['a', 'offline_access'], offlineAccess: true })).toBe(
      'a offline_access',
    );
  });
});
