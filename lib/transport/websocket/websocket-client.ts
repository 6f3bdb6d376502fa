/**
 * @module
 * A WebSocket client transport: one JSON-RPC message per text frame, subprotocol `mcp`.
 */
import type { Observer, Subscriber } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { rootCause } from '../http/http-failures.js';
import { parseMessage } from '../parse-message.js';
import type { InvalidFrame, Transport } from '../transport.js';
import { messageOf, type OutboundMessage } from '../related-request.js';
import { SingleReader } from '../single-reader.js';

/** The slice of the WHATWG `WebSocket` this transport uses (browsers, Deno, Bun, Node 22+, `ws`). */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: never) => void): void;
  removeEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: never) => void): void;
}

/** A `WebSocket` class: `new WebSocket(url, protocols)`. */
export type WebSocketConstructor = new (url: string | URL, protocols?: string | string[]) => WebSocketLike;

/** Options of {@link createWebSocketClientTransport}. */
export interface WebSocketClientTransportOptions {
  /** The `WebSocket` class. @defaultValue `globalThis.WebSocket` */
  WebSocket?: WebSocketConstructor;
  /** Subprotocols offered in the handshake. @defaultValue `['mcp']` */
  protocols?: string | string[];
}

const CONNECTING = 0;
const OPEN = 1;

/**
 * Creates a WebSocket client transport.
 *
 * - **Start.** Subscribing to `inbound$` opens the socket (offering subprotocol `mcp`); messages
 *   sent before it is open are queued and sent, in order, once it is.
 * - **Frames.** Each text frame is one message, parsed with `parseMessage` (binary frames are
 *   decoded as UTF-8); a frame that is not a JSON-RPC message becomes an `InvalidFrame`.
 * - **End.** `inbound$` completes when the socket closes and errors with an `McpError` of kind
 *   `'transport'` on a socket error (a refused connection, a failed handshake), saying the URL
 *   and the root cause. Without `options.WebSocket` and a global one (Node 20), `inbound$`
 *   errors pointing at `createNodeWebSocketClientTransport` (rxmcp/node).
 *   `outbound.complete()`, `outbound.error()` or unsubscribing closes the socket with code 1000
 *   and completes `inbound$` at once. One socket per transport.
 * - **Authorization.** None: a browser `WebSocket` cannot send headers on its handshake, and MCP
 *   forbids access tokens in the URL, so this transport cannot reach an OAuth-protected server
 *   (use Streamable HTTP with `auth` there). On Node, `createNodeWebSocketClientTransport`
 *   (rxmcp/node) takes `auth` and sends `Authorization` on the upgrade.
 *
 * @example
 * const transport = createWebSocketClientTransport('wss://example.com/mcp');
 * const session = createClientSession(transport, { clientInfo: { name: 'app', version: '1.0.0' } });
 */
export function createWebSocketClientTransport(
  url: string | URL,
  options: WebSocketClientTransportOptions = {},
): Transport {
  const protocols = options.protocols ?? ['mcp'];
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let socket: WebSocketLike | undefined;
  let queued: string[] = [];

  const settle = (error?: McpError) => {
    if (state === 'closed') return;
    state = 'closed';
    queued = [];
    const open = socket;
    socket = undefined;
    if (open && (open.readyState === CONNECTING || open.readyState === OPEN)) {
      try {
        open.close(1000);
      } catch {
        // Closing is best effort.
      }
    }
    const subscriber = inbound.take();
    if (error) subscriber?.error(error);
    else subscriber?.complete();
  };

  const write = (text: string) => {
    try {
      socket!.send(text);
    } catch (error) {
      settle(new McpError('transport', `WebSocket send failed: ${(error as Error).message}`, { cause: error }));
    }
  };

  const open = (subscriber: Subscriber<JSONRPCMessage | InvalidFrame>) => {
    const WebSocketClass = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketClass) {
      subscriber.error(
        new McpError(
          'transport',
          'No global WebSocket here (Node 20 has none): pass options.WebSocket, or on Node use createNodeWebSocketClientTransport (rxmcp/node)',
        ),
      );
      return;
    }
    let ws: WebSocketLike;
    try {
      ws = new WebSocketClass(url, protocols);
    } catch (error) {
      subscriber.error(
        new McpError('transport', `Could not open a WebSocket: ${(error as Error).message}`, { cause: error }),
      );
      return;
    }
    socket = ws;
    state = 'open';
    ws.binaryType = 'arraybuffer';
    const mine = () => socket === ws && state === 'open';

    const onOpen = () => {
      if (!mine()) return;
      const pending = queued;
      queued = [];
      for (const text of pending) if (mine()) write(text);
    };
    const onMessage = (event: { data: unknown }) => {
      if (mine()) inbound.current?.next(decodeFrame(event.data));
    };
    const onError = (event: { message?: string; error?: unknown }) => {
      if (!mine()) return;
      const cause = event.error ?? event.message;
      const detail = cause === undefined ? 'the connection failed' : rootCause(cause);
      settle(new McpError('transport', `WebSocket ${String(url)} failed: ${detail}`, { cause: event.error ?? event }));
    };
    const onClose = () => {
      if (mine()) settle();
    };
    ws.addEventListener('open', onOpen);
    ws.addEventListener('message', onMessage as (event: never) => void);
    ws.addEventListener('error', onError as (event: never) => void);
    ws.addEventListener('close', onClose);

    return (wasReader: boolean) => {
      if (wasReader) settle();
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('message', onMessage as (event: never) => void);
      ws.removeEventListener('close', onClose);
      // The error listener stays: an implementation built on an EventEmitter (`ws`) throws on
      // an error event nobody listens to, and closing a connecting socket emits one.
    };
  };
  const inbound = new SingleReader<JSONRPCMessage | InvalidFrame>(
    'A WebSocket transport',
    open,
    () => state === 'closed',
  );

  const outbound: Observer<OutboundMessage> = {
    next: (message) => {
      if (state === 'closed') return;
      const text = JSON.stringify(messageOf(message));
      if (socket && socket.readyState === OPEN) write(text);
      else queued.push(text);
    },
    error: () => settle(),
    complete: () => settle(),
  };

  return { inbound$: inbound.inbound$, outbound };
}

const utf8 = new TextDecoder();

function decodeFrame(data: unknown): JSONRPCMessage | InvalidFrame {
  if (typeof data === 'string') return parseMessage(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return parseMessage(utf8.decode(data));
  return { kind: 'invalid-frame', reason: 'invalid', message: 'Unsupported WebSocket frame', id: null };
}
