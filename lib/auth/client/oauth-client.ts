/**
 * @module
 * `createOAuthClient`: the OAuth 2.1 authorization of an MCP client, as the
 * {@link HttpAuthProvider} the HTTP transports take. On a challenge it discovers the protected
 * resource and its authorization server, becomes a client there (CIMD, pre-registration or
 * DCR), obtains tokens (authorization code + PKCE through a pluggable user-agent step, or a
 * machine grant), and the transport sends the request again. Tokens are refreshed before they
 * expire and on a 401, scopes are stepped up on a 403 `insufficient_scope` (a few times at
 * most), and tokens are DPoP-bound when the authorization server supports it.
 */
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { AuthorizationServer } from 'oauth4webapi';
import { type FetchLike, globalFetch } from '../../transport/http/fetch-exchange.js';
import type { HttpAuthProvider, HttpAuthRequest } from '../../transport/http/http-auth.js';
import { type Authorize, authorizationCodeGrant } from './authorization-code.js';
import { discoverAuthorizationServer, fallbackAuthorizationServer } from './authorization-server.js';
import { authMethodFor, type ClientPrivateKey, clientAuthentication } from './client-authentication.js';
import { chooseClient, type ClientIdentity, type HttpSettings } from './client-registration.js';
import {
  type ClientRegistration,
  clientKey,
  type CredentialStore,
  memoryCredentialStore,
  type StoredTokens,
  tokensKey,
} from './credential-store.js';
import { createDpopSigner, type DpopSigner, isDpopNonceChallenge } from './dpop.js';
import { type MachineGrant, machineGrant } from './machine-grants.js';
import { canonicalResource, discoverProtectedResource, type ProtectedResourceMetadata } from './protected-resource.js';
import { refreshGrant } from './refresh-grant.js';
import { selectScope } from './scope-selection.js';
import { challengeParams } from './www-authenticate.js';

/** Options of {@link createOAuthClient}. */
export interface OAuthClientOptions extends ClientIdentity {
  /** The user-agent step of the authorization code grant (see `browserPopup`, `loopbackRedirect`). */
  readonly authorize?: Authorize;
  /** Where the authorization server redirects back to (one of `metadata.redirect_uris`). */
  readonly redirectUri?: string;
  /** A grant without a user (client credentials, JWT bearer); replaces the authorization code grant. */
  readonly grant?: MachineGrant;
  /** The key for `private_key_jwt` client authentication. @defaultValue none */
  readonly privateKey?: ClientPrivateKey;
  /** Where registrations and tokens are kept. @defaultValue {@link memoryCredentialStore} */
  readonly store?: CredentialStore;
  /** The `fetch` of every metadata, registration and token request. @defaultValue `globalThis.fetch` */
  readonly fetch?: FetchLike;
  /** The clock of token expiry and DPoP proofs. @defaultValue `asyncScheduler` */
  readonly scheduler?: SchedulerLike;
  /** Bind tokens with DPoP: `'auto'` when the authorization server advertises a supported algorithm. @defaultValue `'auto'` */
  readonly dpop?: boolean | 'auto';
  /** Ask for `offline_access` (a refresh token) when the authorization server lists it. @defaultValue true */
  readonly offlineAccess?: boolean;
  /** Re-authorizations for 403 `insufficient_scope` in a row before the 403 is handed on. @defaultValue 2 */
  readonly maxStepUps?: number;
  /** Refresh this many ms before the access token expires. @defaultValue 60_000 */
  readonly refreshMargin?: number;
  /** Allow `http:` authorization servers (always allowed on loopback hosts). @defaultValue false */
  readonly allowInsecureRequests?: boolean;
}

/** What the client learned about the server it authorizes for. */
interface Authority {
  readonly resource: string;
  readonly prm: ProtectedResourceMetadata | undefined;
  readonly as: AuthorizationServer;
  readonly client: ClientRegistration;
  readonly settings: HttpSettings;
}

const DPOP_ALGS = ['ES256', 'ES384', 'ES512', 'EdDSA', 'PS256', 'RS256'];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An OAuth 2.1 client for MCP servers, to hand to a transport as `auth`.
 *
 * @example
 * const auth = createOAuthClient({
 *   metadata: { client_name: 'My app', redirect_uris: ['https://app.example.com/callback'] },
 *   redirectUri: 'https://app.example.com/callback',
 *   authorize: browserPopup(),
 * });
 * const client = new McpClient(() => createStreamableHttpClientTransport(url, { auth }));
 */
export function createOAuthClient(options: OAuthClientOptions): HttpAuthProvider {
  const fetch = options.fetch ?? globalFetch;
  const scheduler = options.scheduler ?? asyncScheduler;
  const store = options.store ?? memoryCredentialStore();
  const margin = options.refreshMargin ?? 60_000;
  const maxStepUps = options.maxStepUps ?? 2;
  const signers = new Map<string, DpopSigner>();
  /** What was learned per origin: a token is only ever sent back to the origin it was obtained for. */
  const authorities = new Map<string, Authority>();
  let stepUps = 0;
  let running: Promise<boolean> | undefined;

  const dpopFor = (as: AuthorizationServer): DpopSigner | undefined => {
    if (options.dpop === false) return undefined;
    const alg =
      as.dpop_signing_alg_values_supported?.find((candidate) => DPOP_ALGS.includes(candidate)) ??
      (options.dpop === true ? 'ES256' : undefined);
    if (!alg) return undefined;
    let signer = signers.get(alg);
    if (!signer) signers.set(alg, (signer = createDpopSigner(() => scheduler.now(), alg)));
    return signer;
  };

  const discover = async (server: URL, resourceMetadata: string | undefined): Promise<Authority> => {
    const prm = await discoverProtectedResource(fetch, server, resourceMetadata);
    const resource = prm ? prm.resource : canonicalResource(server);
    const issuer = new URL(prm?.authorization_servers?.[0] ?? server.origin);
    const settings: HttpSettings = { fetch, insecure: options.allowInsecureRequests ?? LOOPBACK.has(issuer.hostname) };
    const as =
      (await discoverAuthorizationServer(fetch, issuer)) ?? (prm ? undefined : fallbackAuthorizationServer(server));
    if (!as) throw new Error(`No authorization server metadata found for ${issuer.href}`);
    let client = (await store.get(clientKey(as.issuer))) as ClientRegistration | undefined;
    if (!client) {
      client = await chooseClient(as, options, settings);
      await store.set(clientKey(as.issuer), client);
    }
    return { resource, prm, as, client, settings };
  };

  const clientAuth = (at: Authority) =>
    clientAuthentication(authMethodFor(at.as, at.client, options.privateKey), at.client, options.privateKey);

  const refresh = async (at: Authority, tokens: StoredTokens): Promise<StoredTokens | undefined> => {
    if (tokens.refresh_token === undefined) return undefined;
    const key = tokensKey(at.as.issuer, at.resource);
    try {
      const fresh = await refreshGrant(
        at.as,
        at.client,
        await clientAuth(at),
        at.resource,
        { ...tokens, refresh_token: tokens.refresh_token },
        dpopFor(at.as),
        at.settings,
        scheduler.now(),
      );
      await store.set(key, fresh);
      return fresh;
    } catch {
      await store.set(key, undefined);
      return undefined;
    }
  };

  const obtain = async (
    at: Authority,
    challenged: string | undefined,
    previous: string | undefined,
  ): Promise<StoredTokens> => {
    const scope = selectScope({
      challenged,
      resourceScopes: at.prm?.scopes_supported,
      serverScopes: at.as.scopes_supported,
      previous,
      offlineAccess: options.offlineAccess !== false && !options.grant,
    });
    const common = {
      as: at.as,
      client: at.client,
      clientAuth: await clientAuth(at),
      resource: at.resource,
      scope,
      dpop: dpopFor(at.as),
      settings: at.settings,
      now: () => scheduler.now(),
    };
    if (options.grant) return machineGrant({ ...common, grant: options.grant });
    if (!options.authorize || !options.redirectUri)
      throw new Error('Authorization needed, but no authorize step and redirectUri were given');
    return authorizationCodeGrant({ ...common, authorize: options.authorize, redirectUri: options.redirectUri });
  };

  const answer = async (
    status: number,
    params: Readonly<Record<string, string>>,
    request: HttpAuthRequest,
  ): Promise<boolean> => {
    if (status === 403 && ++stepUps > maxStepUps) return false;
    const at = await discover(request.url, params['resource_metadata']);
    authorities.set(request.url.origin, at);
    const key = tokensKey(at.as.issuer, at.resource);
    const held = (await store.get(key)) as StoredTokens | undefined;
    if (status === 401 && held && (await refresh(at, held))) return true;
    await store.set(key, await obtain(at, params['scope'], status === 403 ? held?.scope : undefined));
    return true;
  };

  const current = async (at: Authority): Promise<StoredTokens | undefined> => {
    const tokens = (await store.get(tokensKey(at.as.issuer, at.resource))) as StoredTokens | undefined;
    if (tokens?.expires_at !== undefined && scheduler.now() >= tokens.expires_at - margin) return refresh(at, tokens);
    return tokens;
  };

  return {
    async headers(request): Promise<Record<string, string>> {
      await running?.catch(() => undefined);
      const at = authorities.get(request.url.origin);
      const tokens = at && (await current(at));
      if (!at || !tokens) return {};
      const dpop = tokens.token_type === 'dpop' ? dpopFor(at.as) : undefined;
      if (!dpop) return { authorization: `Bearer ${tokens.access_token}` };
      return {
        authorization: `DPoP ${tokens.access_token}`,
        dpop: await dpop.proof(request.method, request.url, tokens.access_token),
      };
    },
    async challenged(response, request) {
      const params = challengeParams(response);
      const known = authorities.get(request.url.origin);
      if (known && isDpopNonceChallenge(response, params['error'])) {
        dpopFor(known.as)?.remember(request.url, response);
        return true;
      }
      if (running)
        return running.then(
          () => true,
          () => false,
        );
      const flow = answer(response.status, params, request);
      running = flow;
      try {
        return await flow;
      } finally {
        running = undefined;
      }
    },
    responded(response, request) {
      const known = authorities.get(request.url.origin);
      if (known) dpopFor(known.as)?.remember(request.url, response);
      if (response.ok) stepUps = 0;
    },
  };
}
