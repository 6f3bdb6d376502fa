/**
 * @module
 * Token endpoint client authentication: `none`, `client_secret_basic`, `client_secret_post` or
 * `private_key_jwt` (RFC 7523 §2.2), chosen from the registration and what the authorization
 * server supports; the requests themselves are `oauth4webapi`'s.
 */
import { importPKCS8 } from 'jose';
import { type AuthorizationServer, type ClientAuth, ClientSecretPost, None, PrivateKeyJwt } from 'oauth4webapi';
import type { ClientRegistration } from './credential-store.js';

/** A private key for `private_key_jwt`: PKCS#8 PEM (or a `CryptoKey`) and its algorithm. */
export interface ClientPrivateKey {
  readonly key: string | CryptoKey;
  /** @defaultValue `'ES256'` */
  readonly alg?: string;
  readonly kid?: string;
}

/**
 * The method to authenticate `client` with at `as`: the registration's own, else
 * `private_key_jwt` with a key, else a secret's (`client_secret_basic` unless only `_post` is
 * supported), else `none`.
 */
export function authMethodFor(
  as: AuthorizationServer,
  client: ClientRegistration,
  privateKey?: ClientPrivateKey,
): string {
  if (typeof client.token_endpoint_auth_method === 'string') return client.token_endpoint_auth_method;
  const supported = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (privateKey) return 'private_key_jwt';
  if (typeof client.client_secret !== 'string') return 'none';
  return supported.includes('client_secret_basic') || !supported.includes('client_secret_post')
    ? 'client_secret_basic'
    : 'client_secret_post';
}

/**
 * The `oauth4webapi` client authentication for `method`.
 *
 * @example
 * const auth = await clientAuthentication(authMethodFor(as, client), client);
 */
export async function clientAuthentication(
  method: string,
  client: ClientRegistration,
  privateKey?: ClientPrivateKey,
): Promise<ClientAuth> {
  switch (method) {
    case 'client_secret_basic':
      return secretBasic(requireSecret(client));
    case 'client_secret_post':
      return ClientSecretPost(requireSecret(client));
    case 'private_key_jwt': {
      if (!privateKey) throw new Error('private_key_jwt needs a private key');
      const alg = privateKey.alg ?? 'ES256';
      const key = typeof privateKey.key === 'string' ? await importPKCS8(privateKey.key, alg) : privateKey.key;
      return PrivateKeyJwt({ key, ...(privateKey.kid !== undefined && { kid: privateKey.kid }) });
    }
    case 'none':
      return None();
    default:
      throw new Error(`Unsupported token endpoint auth method ${method}`);
  }
}

function requireSecret(client: ClientRegistration): string {
  if (typeof client.client_secret !== 'string') throw new Error(`Client ${client.client_id} has no secret`);
  return client.client_secret;
}

/**
 * `client_secret_basic` (RFC 6749 §2.3.1) with the id and secret form-encoded the WHATWG way
 * (`-`, `.`, `_`, `*` kept). `oauth4webapi`'s own escapes those too, which servers that do not
 * decode the pair (the conformance suite's among them) refuse.
 */
function secretBasic(secret: string): ClientAuth {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return (_as, client, body, headers) => {
    body.delete('client_id');
    headers.set('authorization', `Basic ${btoa(`${encode(client.client_id)}:${encode(secret)}`)}`);
  };
}
