/**
 * @module
 * The raw baseline's JSON-RPC: the same message shapes as MCP with no framework at all. The
 * server answers `initialize`, `tools/list`, `tools/call` (echo) and `ping`; the client
 * correlates responses by id in a Map.
 */
import { ECHO_TOOL, MODERN_PROTOCOL_VERSION, RAW_PROTOCOL_VERSION } from './common.js';

export interface RawMessage {
  jsonrpc: '2.0';
  id?: string | number | null;
  method?: string;
  params?: Record<string, any>;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

const ECHO_TOOL_DESCRIPTOR = {
  name: ECHO_TOOL,
  description: 'Echoes text',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

/** The raw server: a response to a request, nothing for a notification or a response. */
export function rawHandle(message: RawMessage): RawMessage | undefined {
  if (message.id === undefined || message.id === null || typeof message.method !== 'string') return undefined;
  const id = message.id;
  switch (message.method) {
    case 'initialize':
      return {
        jsonrpc: '2.0',
        id,
        result: {
          protocolVersion: message.params?.protocolVersion ?? RAW_PROTOCOL_VERSION,
          capabilities: { tools: {} },
          serverInfo: { name: 'raw-bench', version: '1.0.0' },
        },
      };
    case 'tools/call': {
      const text = message.params?.arguments?.text;
      if (message.params?.name !== ECHO_TOOL || typeof text !== 'string') {
        return { jsonrpc: '2.0', id, error: { code: -32602, message: 'Invalid params' } };
      }
      return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }] } };
    }
    case 'tools/list':
      return { jsonrpc: '2.0', id, result: { tools: [ECHO_TOOL_DESCRIPTOR] } };
    case 'ping':
      return { jsonrpc: '2.0', id, result: {} };
    default:
      return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } };
  }
}

/** Parses one frame and answers it; the stringified response, or undefined. */
export function rawHandleText(text: string): string | undefined {
  let message: RawMessage;
  try {
    message = JSON.parse(text) as RawMessage;
  } catch {
    return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  }
  const response = rawHandle(message);
  return response && JSON.stringify(response);
}

/** The `_meta` envelope every 2026-07-28 request carries (this client declares no capabilities). */
export const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'raw-bench-client', version: '1.0.0' },
};

/**
 * The raw client's core: mints ids, keeps one pending entry per request, settles it from the
 * matching response. `send` puts a message on the wire (each transport frames it its own way).
 */
export class RawRpc {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void }>();

  constructor(private readonly send: (message: RawMessage) => void) {}

  request(method: string, params?: Record<string, unknown>): Promise<any> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.send({ jsonrpc: '2.0', method, ...(params ? { params } : {}) });
  }

  /** Feeds a message from the server (parsed). Server→client requests are not expected here. */
  receive(message: RawMessage): void {
    if (message.method !== undefined || typeof message.id !== 'number') return;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if (message.error) entry.reject(new Error(`JSON-RPC error ${message.error.code}: ${message.error.message}`));
    else entry.resolve(message.result);
  }

  /** Fails every pending request (the connection is gone). */
  closeAll(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /** `initialize`, then `notifications/initialized`. */
  async initialize(): Promise<void> {
    await this.request('initialize', {
      protocolVersion: RAW_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'raw-bench-client', version: '1.0.0' },
    });
    this.notify('notifications/initialized');
  }

  /** 2026-07-28 has no handshake: `server/discover` checks the server speaks it. */
  async discover(): Promise<void> {
    const result = await this.request('server/discover', { _meta: MODERN_META });
    if (!result.supportedVersions?.includes(MODERN_PROTOCOL_VERSION))
      throw new Error(`server/discover: ${JSON.stringify(result)}`);
  }

  /** Calls the echo tool and returns the text of its first content block (with the envelope when `modern`). */
  async echo(text: string, modern = false): Promise<string> {
    const result = await this.request(
      'tools/call',
      modern ? { name: ECHO_TOOL, arguments: { text }, _meta: MODERN_META } : { name: ECHO_TOOL, arguments: { text } },
    );
    return result.content[0].text;
  }
}
