/**
 * @module
 * Enterprise-Managed Authorization (SEP-990): the user's identity token is exchanged at the
 * enterprise IdP (RFC 8693 token exchange) for an Identity Assertion JWT Authorization Grant
 * (ID-JAG) addressed to the MCP server's authorization server, which the client then presents
 * there with the JWT bearer grant.
 */
import { genericTokenEndpointRequest, None, processGenericTokenEndpointResponse } from 'oauth4webapi';
import { requestOptions } from './client-registration.js';
import type { AssertionContext, MachineGrant } from './machine-grants.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';

/** The enterprise IdP and the user's token there. */
export interface EnterpriseIdp {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  /** This client's id at the IdP. */
  readonly clientId: string;
  /** The user's OpenID Connect ID token (or a function that gets a current one). */
  readonly idToken: string | (() => Promise<string> | string);
}

/**
 * A JWT bearer grant whose assertion is an ID-JAG obtained from `idp` for the authorization
 * server and resource at hand.
 *
 * @example
 * createOAuthClient({ grant: enterpriseManagedGrant({ issuer, tokenEndpoint, clientId: 'app', idToken }), preRegistered });
 */
export function enterpriseManagedGrant(idp: EnterpriseIdp): MachineGrant {
  return {
    type: 'jwt-bearer',
    assertion: async (context: AssertionContext) => {
      const subject = typeof idp.idToken === 'function' ? await idp.idToken() : idp.idToken;
      const as = { issuer: idp.issuer, token_endpoint: idp.tokenEndpoint };
      const client = { client_id: idp.clientId };
      const response = await genericTokenEndpointRequest(
        as,
        client,
        None(),
        TOKEN_EXCHANGE,
        {
          requested_token_type: ID_JAG,
          audience: context.issuer,
          resource: context.resource,
          subject_token: subject,
          subject_token_type: ID_TOKEN,
        },
        requestOptions(context.settings),
      );
      // An ID-JAG is no access token: its token_type is "N_A" (RFC 8693 §2.2.1).
      const result = await processGenericTokenEndpointResponse(as, client, response, {
        recognizedTokenTypes: { n_a: () => undefined },
      });
      return result.access_token;
    },
  };
}
