/**
 * @module
 * The `_meta` envelope every 2026-07-28 request carries (protocol version, client capabilities,
 * client info, the log level asked for), and the transport wrapper that puts it on each request
 * once the connection has agreed on the modern era.
 */
import type { Implementation } from '../../protocol/common.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import type { LoggingLevel } from '../../protocol/logging.js';
import { MetaKey } from '../../protocol/modern.js';
import { isRelatedMessage, type OutboundMessage } from '../../transport/related-request.js';
import type { Transport } from '../../transport/transport.js';

/**
 * What one connection's envelope says. `version` is set once the modern era is agreed (it stays
 * unset on a 2025 session, whose requests carry no envelope); `logLevel` by `setLoggingLevel`.
 */
export class Envelope {
  version: string | undefined;
  logLevel: LoggingLevel | undefined;

  constructor(
    readonly clientInfo: Implementation,
    readonly capabilities: ClientCapabilities,
  ) {}

  /**
   * The envelope's `_meta` keys at `version` (the agreed one by default).
   * @example
   * new Envelope({ name: 'app', version: '1' }, {}).at('2026-07-28')
   */
  at(version: string): Record<string, unknown> {
    const meta: Record<string, unknown> = {
      [MetaKey.protocolVersion]: version,
      [MetaKey.clientCapabilities]: this.capabilities,
      [MetaKey.clientInfo]: this.clientInfo,
    };
    if (this.logLevel !== undefined) meta[MetaKey.logLevel] = this.logLevel;
    return meta;
  }
}

/**
 * `message` with the envelope's keys added to its `_meta` (keys it already has win, so a probe
 * at another version keeps its own). Only requests are enveloped.
 *
 * @example
 * withEnvelope({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, envelope.at('2026-07-28'))
 */
export function withEnvelope(message: JSONRPCMessage, meta: Record<string, unknown>): JSONRPCMessage {
  if (!('method' in message) || !('id' in message) || message.id === undefined) return message;
  const params = message.params;
  return { ...message, params: { ...params, _meta: { ...meta, ...(params?.['_meta'] as object | undefined) } } };
}

/**
 * Wraps `transport` so every request it sends carries `envelope`'s `_meta` while a version is
 * agreed; before that (the probe, `initialize`) and on a 2025 session it sends as is.
 *
 * @example
 * const session = createClientSession(envelopedTransport(transport, envelope), options);
 */
export function envelopedTransport(transport: Transport, envelope: Envelope): Transport {
  const outbound = transport.outbound;
  return {
    ...transport,
    outbound: {
      next(value: OutboundMessage) {
        const version = envelope.version;
        outbound.next(
          version === undefined || isRelatedMessage(value) ? value : withEnvelope(value, envelope.at(version)),
        );
      },
      error(error: unknown) {
        outbound.error(error);
      },
      complete() {
        outbound.complete();
      },
    },
  };
}
