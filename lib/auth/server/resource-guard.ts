/**
 * @module
 * The resource server's check, web-standard: given a request's method, URL and headers, the
 * verified identity, or the 401 / 403 answer with its `WWW-Authenticate` challenge; and the
 * Protected Resource Metadata document (RFC 9728) at its well-known URLs. Any host (Node, a
 * fetch handler) makes one call per request.
 */
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { AuthInfo } from './auth-info.js';
import { checkDpopProof, createJtiMemory, DEFAULT_DPOP_ALGORITHMS } from './dpop-proof.js';
import {
  isProtectedResourceMetadataPath,
  protectedResourceMetadataUrl,
  type ProtectedResourceMetadata,
} from './protected-resource-metadata.js';
import { isTokenRefusal, type TokenVerifier } from './token-verifier.js';
import { wwwAuthenticate, type BearerErrorCode } from './www-authenticate.js';

/** Options of {@link createResourceGuard}. */
export interface ResourceGuardOptions {
  /** Turns a token into an identity: `jwtVerifier`, `introspectionVerifier` or your own. */
  verify: TokenVerifier;
  /** The issuers clients get tokens from (`authorization_servers` of the metadata). */
  authorizationServers: readonly string[];
  /**
   * The resource identifier (RFC 8707, RFC 9728 `resource`): the canonical URL of the MCP endpoint.
   * @defaultValue the request's origin + `resourcePath`
   */
  resource?: string;
  /** The MCP endpoint's path, for the default `resource`. @defaultValue '/mcp' */
  resourcePath?: string;
  /** The audiences a token must name. @defaultValue the resource */
  audience?: string | readonly string[];
  /** Scopes every request needs. @defaultValue none */
  requiredScopes?: readonly string[];
  /** `scopes_supported` of the metadata, and the `scope` of a 401 when no scope is required. */
  scopesSupported?: readonly string[];
  /** `resource_name` of the metadata. */
  resourceName?: string;
  /** More metadata fields (e.g. `resource_documentation`). */
  metadata?: Readonly<Record<string, unknown>>;
  /**
   * DPoP-bound tokens (RFC 9449): accepted with a valid proof unless `false`; with
   * `required: true`, bearer tokens are refused.
   *
   * @defaultValue `{ required: false, algorithms: DEFAULT_DPOP_ALGORITHMS, maxAge: 300 }`
   */
  dpop?: false | { required?: boolean; algorithms?: readonly string[]; maxAge?: number };
  /** Where "now" comes from (expiry, proof freshness). @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
}

/** What the guard reads of a request. */
export interface GuardRequest {
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  readonly headers: Headers;
}

/** A refusal, ready to send: status, headers (`WWW-Authenticate`), and an OAuth error body. */
export interface GuardDenial {
  readonly type: 'deny';
  readonly status: 400 | 401 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error: string; readonly error_description: string };
}

/** The guard's answer to a request. */
export type GuardOutcome = { readonly type: 'allow'; readonly auth: AuthInfo } | GuardDenial;

/** A resource server's check. Create with {@link createResourceGuard}. */
export interface ResourceGuard {
  /** Checks a request's token, requiring `scopes` on top of `requiredScopes` (a tool's, for instance). */
  check(request: GuardRequest, scopes?: readonly string[]): Promise<GuardOutcome>;
  /** The metadata document when `request` asks for it (GET at a well-known URL), else `undefined`. */
  metadataFor(request: Pick<GuardRequest, 'method' | 'url'>): ProtectedResourceMetadata | undefined;
  /** The resource identifier for a request URL. */
  resourceOf(url: string): string;
}

/**
 * Creates the check of a protected MCP server.
 *
 * @example
 * const guard = createResourceGuard({ authorizationServers: [issuer], verify: jwtVerifier({ issuer }) });
 * const outcome = await guard.check({ method: request.method, url: request.url, headers: request.headers });
 * if (outcome.type === 'deny') return denialResponse(outcome);
 */
export function createResourceGuard(options: ResourceGuardOptions): ResourceGuard {
  const scheduler = options.scheduler ?? asyncScheduler;
  const dpop =
    options.dpop === false
      ? undefined
      : { required: false, algorithms: DEFAULT_DPOP_ALGORITHMS, maxAge: 300, ...options.dpop };
  const remember = createJtiMemory(() => scheduler.now());
  const required = options.requiredScopes ?? [];
  const resourceOf = (url: string) => options.resource ?? new URL(options.resourcePath ?? '/mcp', url).href;

  return {
    resourceOf,
    metadataFor(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      const resource = resourceOf(request.url);
      if (!isProtectedResourceMetadataPath(new URL(request.url).pathname, resource)) return undefined;
      const document: Record<string, unknown> = {
        resource,
        authorization_servers: [...options.authorizationServers],
        bearer_methods_supported: ['header'],
      };
      if (options.scopesSupported) document['scopes_supported'] = [...options.scopesSupported];
      if (options.resourceName !== undefined) document['resource_name'] = options.resourceName;
      if (dpop) document['dpop_signing_alg_values_supported'] = [...dpop.algorithms];
      if (dpop?.required) document['dpop_bound_access_tokens_required'] = true;
      return { ...document, ...options.metadata } as ProtectedResourceMetadata;
    },
    async check(request, scopes = []) {
      const resource = resourceOf(request.url);
      const needed = [...new Set([...required, ...scopes])];
      const deny = (
        status: GuardDenial['status'],
        scheme: 'Bearer' | 'DPoP',
        error: BearerErrorCode | undefined,
        description: string,
        scope = needed,
      ): GuardDenial => {
        const www = wwwAuthenticate(scheme, {
          resourceMetadata: protectedResourceMetadataUrl(resource),
          scopes: scope.length > 0 ? scope : options.scopesSupported,
          error,
          errorDescription: error && description,
          algs: scheme === 'DPoP' ? dpop?.algorithms : undefined,
        });
        return {
          type: 'deny',
          status,
          headers: { 'www-authenticate': www },
          body: { error: error ?? 'invalid_token', error_description: description },
        };
      };

      const [scheme, token] = credentialsOf(request.headers.get('authorization'));
      const challengeScheme = dpop?.required ? 'DPoP' : 'Bearer';
      if (scheme === undefined || token === undefined)
        return deny(401, scheme ?? challengeScheme, undefined, 'Authorization required');
      if (scheme === 'DPoP' && !dpop) return deny(401, 'Bearer', 'invalid_token', 'DPoP-bound tokens are not accepted');
      if (scheme === 'Bearer' && dpop?.required)
        return deny(401, 'DPoP', 'invalid_token', 'This resource requires a DPoP-bound token');
      const now = scheduler.now();
      const audience =
        options.audience === undefined
          ? [resource]
          : typeof options.audience === 'string'
            ? [options.audience]
            : options.audience;

      let auth: AuthInfo;
      try {
        auth = await options.verify(token, {
          method: request.method,
          url: request.url,
          headers: request.headers,
          scheme,
          audience,
          now,
        });
      } catch (error) {
        return deny(
          401,
          scheme,
          'invalid_token',
          isTokenRefusal(error) || isJoseError(error)
            ? (error as Error).message
            : 'The access token could not be verified',
        );
      }
      if (auth.expiresAt !== undefined && auth.expiresAt * 1000 <= now)
        return deny(401, scheme, 'invalid_token', 'The access token expired');
      if (
        auth.audience !== undefined &&
        !auth.audience.some((aud) => audience.some((expected) => sameResource(aud, expected)))
      ) {
        return deny(401, scheme, 'invalid_token', `The access token is not for this resource (${audience.join(', ')})`);
      }
      if (scheme === 'Bearer' && auth.jkt !== undefined)
        return deny(401, 'DPoP', 'invalid_token', 'A DPoP-bound token must be presented with the DPoP scheme');
      if (scheme === 'DPoP' && dpop) {
        const proofs = request.headers.get('dpop');
        if (auth.jkt === undefined) return deny(401, 'DPoP', 'invalid_token', 'The access token is not DPoP-bound');
        if (!proofs || proofs.includes(','))
          return deny(401, 'DPoP', 'invalid_dpop_proof', 'Exactly one DPoP proof is required');
        try {
          await checkDpopProof({
            proof: proofs,
            method: request.method,
            url: request.url,
            token,
            jkt: auth.jkt,
            now,
            algorithms: dpop.algorithms,
            maxAge: dpop.maxAge,
            remember,
          });
        } catch (error) {
          return deny(401, 'DPoP', 'invalid_dpop_proof', (error as Error).message);
        }
      }
      const missing = needed.filter((scope) => !auth.scopes.includes(scope));
      if (missing.length > 0) {
        return deny(403, scheme, 'insufficient_scope', `The access token lacks scope ${missing.join(' ')}`, [
          ...new Set([...auth.scopes, ...needed]),
        ]);
      }
      return { type: 'allow', auth: { ...auth, scheme } };
    },
  };
}

/** The scheme and token of an `Authorization` header (`Bearer` or `DPoP`, any case). */
function credentialsOf(header: string | null): [AuthInfo['scheme'] | undefined, string | undefined] {
  const match = header?.trim().match(/^(\S+)\s+(\S+)$/);
  if (!match) return [undefined, undefined];
  const scheme = match[1]!.toLowerCase();
  return scheme === 'bearer' ? ['Bearer', match[2]] : scheme === 'dpop' ? ['DPoP', match[2]] : [undefined, undefined];
}

/** Whether two resource identifiers are the same, ignoring one trailing slash. */
function sameResource(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

/** `jose`'s errors carry a `code` such as `ERR_JWT_EXPIRED`: their message is safe to show. */
function isJoseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_J');
}
