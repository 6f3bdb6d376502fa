/**
 * rxmcp's own authorizing client for the real-provider specs: an {@link McpClient} whose OAuth
 * client (`createOAuthClient`) opens authorization URLs with the scripted user agent, over
 * Streamable HTTP or WebSocket, with what it did on record (URLs opened, HTTP statuses seen).
 */
import { firstValueFrom, Subscription } from 'rxjs';
import {
  type Authorize,
  createOAuthClient,
  memoryCredentialStore,
  type OAuthClientOptions,
  type StoredTokens,
} from '../../../lib/auth/client/index.js';
import { tokensKey } from '../../../lib/auth/client/credential-store.js';
import { McpClient } from '../../../lib/client/index.js';
import { createNodeWebSocketClientTransport } from '../../../lib/node/clients/index.js';
import type { FetchLike } from '../../../lib/transport/http/fetch-exchange.js';
import { createStreamableHttpClientTransport } from '../../../lib/transport/http/index.js';
import type { ServingChild } from '../../support/serving-child.js';
import { authorizeAsUser, REDIRECT_URI, startProvider } from './oauth-user-agent.js';
import { serveProtected, type ProtectedServing } from './protected-server.js';

/** A client under test and its record. */
export interface AuthorizingClient {
  readonly client: McpClient;
  /** Every authorization URL the client asked the user agent to open. */
  readonly opened: URL[];
  /** The status of every HTTP exchange with the MCP endpoint, in order. */
  readonly statuses: number[];
  /** The tokens the client holds for `resource`. */
  tokens(): Promise<StoredTokens | undefined>;
  /** Calls `name` (no arguments) and resolves with its text. */
  call(name: string): Promise<string>;
  /** Holds one connection open across calls (`client.connect()`) until {@link close}. */
  hold(): void;
  /** Releases what {@link hold} held. */
  close(): void;
}

/** What differs between the specs' clients. */
export interface AuthorizingClientOptions extends Partial<OAuthClientOptions> {
  readonly issuer: string;
  readonly resource: string;
  /** Where the client connects: `mcp` (Streamable HTTP) or the WebSocket URL. */
  readonly url: string;
  readonly transport?: 'http' | 'websocket';
}

/** The scripted user agent as an {@link Authorize} step: consents as alice, hands back the callback. */
export function scriptedConsent(opened: URL[]): Authorize {
  return async (url) => {
    opened.push(url);
    return `${REDIRECT_URI}?${await authorizeAsUser(url.href)}`;
  };
}

/** An McpClient authorizing at `options.issuer` as the public client `app` unless told otherwise. */
export function authorizingClient(options: AuthorizingClientOptions): AuthorizingClient {
  const { issuer, resource, url, transport = 'http', ...oauth } = options;
  const opened: URL[] = [];
  const statuses: number[] = [];
  const store = oauth.store ?? memoryCredentialStore();
  const auth = createOAuthClient({
    preRegistered: { client_id: 'app', token_endpoint_auth_method: 'none' },
    redirectUri: REDIRECT_URI,
    authorize: scriptedConsent(opened),
    ...oauth,
    store,
  });
  const fetch: FetchLike = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const client = new McpClient(() =>
    transport === 'http'
      ? createStreamableHttpClientTransport(url, { auth, fetch })
      : createNodeWebSocketClientTransport(url, { auth }),
  );
  const held = new Subscription();
  return {
    client,
    hold: () => void held.add(client.connect()),
    close: () => held.unsubscribe(),
    opened,
    statuses,
    tokens: async () => (await store.get(tokensKey(issuer, resource))) as StoredTokens | undefined,
    async call(name) {
      const result = await firstValueFrom(client.callTool({ name, arguments: {} }));
      const [first] = result.content;
      if (result.isError || first?.type !== 'text') throw new Error(`${name} failed: ${JSON.stringify(result)}`);
      return first.text;
    },
  };
}

/** A real provider and a protected server for one `describe`, and the clients its specs make. */
export interface ProviderBench {
  readonly issuer: string;
  readonly serving: ProtectedServing;
  /** A client for `serving` (Streamable HTTP unless told), closed after the spec. */
  client(options?: Partial<AuthorizingClientOptions>): AuthorizingClient;
}

/**
 * Starts the provider and {@link serveProtected} in `beforeAll` (the verifier's `exp` leeway
 * `clockTolerance`), closes clients after each spec and both servers after all.
 */
export function useProviderBench(root: string, clockTolerance?: number): ProviderBench {
  let provider: ServingChild | undefined;
  let serving: ProtectedServing | undefined;
  const clients: AuthorizingClient[] = [];
  beforeAll(async () => {
    provider = await startProvider(root);
    serving = await serveProtected(provider.url, clockTolerance);
  }, 60_000);
  afterEach(() => {
    for (const made of clients.splice(0)) made.close();
  });
  afterAll(async () => {
    await serving?.close();
    await provider?.stop();
  });
  return {
    get issuer() {
      return provider!.url;
    },
    get serving() {
      return serving!;
    },
    client(options = {}) {
      const made = authorizingClient({
        issuer: provider!.url,
        resource: serving!.mcp,
        url: serving!.mcp,
        dpop: false,
        ...options,
      });
      clients.push(made);
      return made;
    },
  };
}
