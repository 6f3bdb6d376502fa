/**
 * @module
 * Which client to be at an authorization server, in MCP's order: a Client ID Metadata Document
 * (its URL is the `client_id`) when the server supports them, else a pre-registered client,
 * else Dynamic Client Registration (RFC 7591, by `oauth4webapi`).
 */
import {
  allowInsecureRequests,
  type AuthorizationServer,
  customFetch,
  dynamicClientRegistrationRequest,
  type JsonValue,
  processDynamicClientRegistrationResponse,
} from 'oauth4webapi';
import type { FetchLike } from '../../transport/http/fetch-exchange.js';
import type { ClientRegistration } from './credential-store.js';

/** What the client says about itself (RFC 7591 §2), for registration. */
export interface ClientMetadata {
  readonly client_name?: string;
  readonly redirect_uris?: string[];
  /** `native` or `web` (OpenID Connect Registration; MCP SEP-837). @defaultValue `'native'` */
  readonly application_type?: 'native' | 'web';
  /** @defaultValue `['authorization_code', 'refresh_token']` */
  readonly grant_types?: string[];
  readonly token_endpoint_auth_method?: string;
  readonly [field: string]: JsonValue | undefined;
}

/** How the client is known: a metadata document URL, a pre-registration, metadata to register. */
export interface ClientIdentity {
  /** The URL of this client's metadata document (CIMD), used as `client_id` where supported. */
  readonly clientMetadataUrl?: string;
  /** A client registered beforehand, per issuer or for every one. */
  readonly preRegistered?: ClientRegistration | ((issuer: string) => ClientRegistration | undefined);
  /** Metadata for Dynamic Client Registration. */
  readonly metadata?: ClientMetadata;
}

/** Fetch settings passed to every `oauth4webapi` request. */
export interface HttpSettings {
  readonly fetch: FetchLike;
  readonly insecure: boolean;
}

/** `oauth4webapi`'s request options for `settings`. */
export function requestOptions(settings: HttpSettings): { [customFetch]: FetchLike; [allowInsecureRequests]: boolean } {
  return { [customFetch]: settings.fetch, [allowInsecureRequests]: settings.insecure };
}

/**
 * The client to be at `as`: CIMD, pre-registered or freshly registered; an error when there is
 * no way (no CIMD support, no pre-registration, no registration endpoint).
 *
 * @example
 * const client = await chooseClient(as, { clientMetadataUrl: 'https://app.example.com/client.json', metadata }, settings);
 */
export async function chooseClient(
  as: AuthorizationServer,
  identity: ClientIdentity,
  settings: HttpSettings,
): Promise<ClientRegistration> {
  if (identity.clientMetadataUrl && as.client_id_metadata_document_supported === true) {
    return { client_id: identity.clientMetadataUrl, token_endpoint_auth_method: 'none' };
  }
  const preRegistered =
    typeof identity.preRegistered === 'function' ? identity.preRegistered(as.issuer) : identity.preRegistered;
  if (preRegistered) return preRegistered;
  if (!as.registration_endpoint)
    throw new Error(
      `Authorization server ${as.issuer} supports neither client metadata documents nor registration, and no client is pre-registered`,
    );
  const metadata = identity.metadata ?? {};
  const response = await dynamicClientRegistrationRequest(
    as,
    {
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      ...metadata,
    },
    requestOptions(settings),
  );
  // oauth4webapi reads the error of a refusal; a success is read leniently, since servers in the
  // field (the official SDKs' among them) omit `client_secret_expires_at` next to a secret.
  if (!response.ok) return processDynamicClientRegistrationResponse(response);
  const registered = (await response.json().catch(() => undefined)) as ClientRegistration | undefined;
  if (typeof registered?.client_id !== 'string')
    throw new Error(`Registration at ${as.registration_endpoint} returned no client_id`);
  return registered;
}
