/**
 * @module
 * OAuth on a `ws` WebSocket: the upgrade request carries the provider's `Authorization` (and
 * `DPoP`) headers; an upgrade refused with 401, or 403 `insufficient_scope`, runs the provider's
 * flow and upgrades again; a connection the server closes because its token expired
 * (`TOKEN_EXPIRED_CLOSE_CODE`) is re-authorized and re-opened under the same transport.
 *
 * Browsers cannot do this: their `WebSocket` sends no custom headers, and MCP forbids tokens in
 * the URI, so a browser reaches a protected server over Streamable HTTP instead.
 */
import type { IncomingMessage } from 'node:http';
import type { Observer } from 'rxjs';
import type WebSocket from 'ws';
import { TOKEN_EXPIRED_CLOSE_CODE } from '../../auth/server/token-expiry.js';
import { McpError } from '../../protocol/errors.js';
import { type HttpAuthProvider, type HttpAuthRequest, isAuthChallenge } from '../../transport/http/http-auth.js';
import type { TransportHealth } from '../../transport/transport.js';
import type { WebSocketLike } from '../../transport/websocket/websocket-client.js';

/** What {@link AuthorizedWebSocket} needs. */
export interface AuthorizedWebSocketOptions {
  readonly auth: HttpAuthProvider;
  /** Opens the underlying `ws` socket with these extra upgrade headers. */
  readonly open: (headers: Readonly<Record<string, string>>) => WebSocket;
  /** Told `reconnecting` when an expired token closed the socket, `connected` once it is back. */
  readonly health: Observer<TransportHealth>;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** Challenges answered per upgrade before its refusal is final (a token, then a DPoP nonce), as over HTTP. */
const MAX_CHALLENGES = 2;
/** Expiry closes in a row, with nothing received in between, before the transport gives up. */
const MAX_REAUTHORIZATIONS = 3;

type Listener = (event: never) => void;
type Attempt =
  | { type: 'open' }
  | { type: 'refused'; response: Response; error: Error }
  | { type: 'failed'; error: Error }
  | { type: 'closed' };

/**
 * A {@link WebSocketLike} over successive `ws` sockets, authorized by `options.auth`. It stays
 * `CONNECTING` until an upgrade succeeds; after an expiry close it is `CONNECTING` again (the
 * transport queues what is sent meanwhile), replays the connection's `initialize` and
 * `notifications/initialized` on the new socket (its answer is not passed on: the session
 * already has one), and is `OPEN` again.
 *
 * @example
 * new AuthorizedWebSocket('wss://mcp.example.com/ws', { auth, health, open: (headers) => new WebSocket(url, 'mcp', { headers }) });
 */
export class AuthorizedWebSocket implements WebSocketLike {
  binaryType = 'arraybuffer';
  #state = CONNECTING;
  #socket: WebSocket | undefined;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #request: HttpAuthRequest;
  readonly #options: AuthorizedWebSocketOptions;
  #initialize: Record<string, unknown> | undefined;
  #initialized: string | undefined;
  #replaying: string | undefined;
  #reauthorizations = 0;
  /** The last upgrade refusal: its challenge points at the metadata again after an expiry. */
  #challenge: string | undefined;
  /** The `Authorization` the current socket was opened with. */
  #presented: string | undefined;

  constructor(url: string | URL, options: AuthorizedWebSocketOptions) {
    const http = new URL(url);
    http.protocol = http.protocol === 'wss:' ? 'https:' : 'http:';
    this.#request = { url: http, method: 'GET' };
    this.#options = options;
    void this.#connect();
  }

  get readyState(): number {
    return this.#state;
  }

  send(data: string): void {
    if (this.#state !== OPEN || !this.#socket) throw new Error('The WebSocket is not open');
    this.#remember(data);
    this.#socket.send(data);
  }

  close(code?: number, reason?: string): void {
    if (this.#state >= CLOSING) return;
    this.#state = CLOSING;
    const socket = this.#socket;
    if (socket && socket.readyState === OPEN) socket.close(code, reason);
    else if (socket && socket.readyState === CONNECTING) socket.terminate();
    else this.#finish();
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.#listeners.get(type)?.delete(listener);
  }

  #dispatch(type: string, event: object = {}): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as (event: object) => void)(event);
  }

  /** Upgrades until it succeeds, answering the provider's challenges; fails the socket otherwise. */
  async #connect(): Promise<void> {
    const { auth } = this.#options;
    for (let challenges = 0; ; challenges++) {
      let headers: Record<string, string>;
      try {
        headers = await auth.headers(this.#request);
      } catch (error) {
        return this.#fail(error as Error);
      }
      if (this.#state !== CONNECTING) return this.#finish();
      this.#presented = headers['authorization'];
      const attempt = await this.#attempt(headers);
      if (attempt.type === 'open') return;
      if (attempt.type === 'closed' || this.#state !== CONNECTING) return this.#finish();
      if (attempt.type === 'refused' && isAuthChallenge(attempt.response) && challenges < MAX_CHALLENGES) {
        this.#challenge = attempt.response.headers.get('www-authenticate') ?? undefined;
        let again: boolean;
        try {
          again = await auth.challenged(attempt.response, this.#request);
        } catch (error) {
          return this.#fail(error as Error);
        }
        if (again) continue;
      }
      return this.#fail(attempt.error);
    }
  }

  /** One upgrade: resolves once it is open (handshake replayed), refused, or failed. */
  #attempt(headers: Record<string, string>): Promise<Attempt> {
    return new Promise((resolve) => {
      const ws = this.#options.open(headers);
      this.#socket = ws;
      let refusal: Response | undefined;
      let failure: Error | undefined;
      let opened = false;
      const becomeOpen = () => {
        this.#state = OPEN;
        resolve({ type: 'open' });
        this.#dispatch('open');
      };
      ws.on('unexpected-response', (_req, res: IncomingMessage) => {
        refusal = responseOf(res);
        res.resume();
        ws.terminate();
      });
      ws.on('error', (error: Error) => (failure ??= error));
      ws.on('open', () => {
        opened = true;
        if (this.#state !== CONNECTING) return void ws.close(1000);
        if (!this.#initialize) return becomeOpen();
        this.#replaying = `rxmcp-reauthorized-${this.#reauthorizations}`;
        ws.send(JSON.stringify({ ...this.#initialize, id: this.#replaying }));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const text = isBinary ? undefined : data.toString();
        if (this.#replaying !== undefined && text !== undefined && text.includes(this.#replaying)) {
          const answer = JSON.parse(text) as { id?: unknown; error?: { message?: string } };
          if (answer.id === this.#replaying) {
            this.#replaying = undefined;
            if (answer.error) return void ws.close(1000, 'initialize failed');
            if (this.#initialized) ws.send(this.#initialized);
            becomeOpen();
            this.#options.health.next({ status: 'connected' });
            return;
          }
        }
        this.#reauthorizations = 0;
        this.#dispatch('message', { data: text ?? data });
      });
      ws.on('close', (code: number, reason: Buffer) => {
        if (ws !== this.#socket) return;
        if (!opened || this.#state === CONNECTING) {
          if (this.#state !== CONNECTING) return resolve({ type: 'closed' });
          if (refusal)
            return resolve({
              type: 'refused',
              response: refusal,
              error: new Error(`The upgrade was refused: HTTP ${refusal.status}`),
            });
          return resolve({
            type: 'failed',
            error: failure ?? new Error(`The connection closed (${code} ${reason.toString()})`.trim()),
          });
        }
        if (code === TOKEN_EXPIRED_CLOSE_CODE && this.#state === OPEN) return void this.#reauthorize(reason.toString());
        this.#finish(code, reason.toString());
      });
    });
  }

  /** The server closed the socket because its token expired: a fresh token, then a new socket. */
  async #reauthorize(reason: string): Promise<void> {
    this.#state = CONNECTING;
    const error = new McpError('transport', `The server closed the WebSocket: ${reason || 'the access token expired'}`);
    this.#options.health.next({ status: 'reconnecting', attempt: this.#reauthorizations, error });
    if (++this.#reauthorizations > MAX_REAUTHORIZATIONS) return this.#fail(error);
    try {
      const { auth } = this.#options;
      const headers = await auth.headers(this.#request);
      // Still the token the server just let go: ask the provider for another (a refresh).
      if (headers['authorization'] === this.#presented) {
        const challenge = this.#challenge
          ? `${this.#challenge}, error="invalid_token"`
          : 'Bearer error="invalid_token"';
        const expired = new Response(null, { status: 401, headers: { 'www-authenticate': challenge } });
        await auth.challenged(expired, this.#request);
      }
    } catch (failure) {
      return this.#fail(failure as Error);
    }
    await this.#connect();
  }

  /** Keeps the handshake the session made, to replay it on a new socket. */
  #remember(text: string): void {
    if (this.#initialized !== undefined) return;
    if (!this.#initialize && text.includes('"initialize"')) {
      const message = JSON.parse(text) as Record<string, unknown>;
      if (message['method'] === 'initialize') this.#initialize = message;
    } else if (this.#initialize && text.includes('notifications/initialized')) this.#initialized = text;
  }

  #fail(error: Error): void {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#dispatch('error', { error, message: error.message });
    this.#dispatch('close', { code: 1006, reason: error.message });
  }

  #finish(code = 1000, reason = ''): void {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#dispatch('close', { code, reason });
  }
}

/** The web `Response` of a refused upgrade (status and headers; the body is not read). */
function responseOf(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return new Response(null, { status: res.statusCode ?? 500, headers });
}
