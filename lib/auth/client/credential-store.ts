/**
 * @module
 * Where the OAuth client keeps what it obtained: client registrations (per authorization
 * server) and tokens (per authorization server and resource). Pluggable: anything with an
 * asynchronous `get`/`set` of JSON values (`localStorage`, a file, a keychain, a database).
 */

import type { Client } from 'oauth4webapi';

/**
 * A registered (or pre-registered, or CIMD) client at one authorization server: `client_id`,
 * and `client_secret`, `token_endpoint_auth_method` when it has them (`oauth4webapi`'s `Client`).
 */
export type ClientRegistration = Client;

/** The tokens held for one resource at one authorization server. */
export interface StoredTokens {
  readonly access_token: string;
  /** `bearer` or `dpop` (lower case). */
  readonly token_type: string;
  readonly refresh_token?: string;
  /** When the access token expires, in ms since the epoch (of the client's scheduler). */
  readonly expires_at?: number;
  /** The scopes asked for (space-separated), kept for step-up. */
  readonly scope?: string;
}

/**
 * A key-value store of JSON values; `set(key, undefined)` deletes.
 *
 * @example
 * const store: CredentialStore = {
 *   get: async (key) => JSON.parse(localStorage.getItem(key) ?? 'null') ?? undefined,
 *   set: async (key, value) => (value === undefined ? localStorage.removeItem(key) : localStorage.setItem(key, JSON.stringify(value))),
 * };
 */
export interface CredentialStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** A store in memory (the default): nothing outlives the process or page. */
export function memoryCredentialStore(): CredentialStore {
  const values = new Map<string, unknown>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
}

/** The key of the client registered at `issuer`. */
export const clientKey = (issuer: string) => `client ${issuer}`;
/** The key of the tokens for `resource` from `issuer`. */
export const tokensKey = (issuer: string, resource: string) => `tokens ${issuer} ${resource}`;
