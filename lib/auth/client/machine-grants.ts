/**
 * @module
 * Grants without a user: client credentials (OAuth 2.1 §4.2; MCP's client-credentials
 * extension) and the JWT bearer grant (RFC 7523 §2.1) with an assertion the caller supplies — a
 * workload identity token (WIF, SEP-1933) or an identity assertion grant from an enterprise IdP
 * ({@link enterpriseAssertion}, SEP-990). Failures are surfaced, never retried with another grant.
 */
import {
  type AuthorizationServer,
  type ClientAuth,
  clientCredentialsGrantRequest,
  genericTokenEndpointRequest,
  processClientCredentialsResponse,
  processGenericTokenEndpointResponse,
} from 'oauth4webapi';
import type { ClientRegistration, StoredTokens } from './credential-store.js';
import type { DpopSigner } from './dpop.js';
import { type HttpSettings, requestOptions } from './client-registration.js';
import { tokenRequest } from './token-request.js';

/** The JWT bearer grant type (RFC 7523). */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What an assertion source is told: whom the assertion is for. */
export interface AssertionContext {
  /** The authorization server's issuer (the assertion's audience). */
  readonly issuer: string;
  /** The resource the token is for. */
  readonly resource: string;
  readonly settings: HttpSettings;
}

/**
 * A grant the client performs on its own when challenged.
 *
 * @example
 * const grant: MachineGrant = { type: 'jwt-bearer', assertion: () => readFile('/var/run/secrets/token', 'utf8') };
 */
export type MachineGrant =
  | { readonly type: 'client_credentials' }
  | { readonly type: 'jwt-bearer'; readonly assertion: (context: AssertionContext) => Promise<string> | string };

/** Inputs of {@link machineGrant}. */
export interface MachineGrantFlow {
  readonly grant: MachineGrant;
  readonly as: AuthorizationServer;
  readonly client: ClientRegistration;
  readonly clientAuth: ClientAuth;
  readonly resource: string;
  readonly scope: string | undefined;
  readonly dpop: DpopSigner | undefined;
  readonly settings: HttpSettings;
  readonly now: () => number;
}

/**
 * Performs `flow.grant` at the token endpoint and resolves with the tokens.
 *
 * @example
 * const tokens = await machineGrant({ grant: { type: 'client_credentials' }, as, client, clientAuth, resource, scope, dpop, settings, now });
 */
export async function machineGrant(flow: MachineGrantFlow): Promise<StoredTokens> {
  const { as, client, grant } = flow;
  const parameters: Record<string, string> = { resource: flow.resource };
  if (flow.scope !== undefined) parameters['scope'] = flow.scope;
  const options = requestOptions(flow.settings);
  const endpoint = new URL(as.token_endpoint!);
  if (grant.type === 'client_credentials') {
    return tokenRequest(
      endpoint,
      flow.dpop,
      flow.now(),
      flow.scope,
      (headers) => clientCredentialsGrantRequest(as, client, flow.clientAuth, parameters, { ...options, headers }),
      (response) => processClientCredentialsResponse(as, client, response),
    );
  }
  const assertion = await grant.assertion({ issuer: as.issuer, resource: flow.resource, settings: flow.settings });
  return tokenRequest(
    endpoint,
    flow.dpop,
    flow.now(),
    flow.scope,
    (headers) =>
      genericTokenEndpointRequest(
        as,
        client,
        flow.clientAuth,
        JWT_BEARER_GRANT,
        { ...parameters, assertion },
        { ...options, headers },
      ),
    (response) => processGenericTokenEndpointResponse(as, client, response),
  );
}
