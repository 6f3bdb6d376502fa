/**
 * @module
 * A transport for tests that records what is sent and lets the test play the peer.
 */
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import { createMemoryTransportPair } from '../transport/memory.js';
import type { OutboundMessage } from '../transport/related-request.js';
import type { InvalidFrame, RequestFailure, Transport } from '../transport/transport.js';

/** The test's handle on a {@link createFakeTransport}. */
export interface FakeTransport {
  /** Give this to the code under test. */
  readonly transport: Transport;
  /** Everything the code under test has sent, in order. */
  readonly sent: JSONRPCMessage[];
  /**
   * The same, as handed to the transport: a message related to an incoming request is a
   * `RelatedMessage` (read it with `relatedRequestId`).
   */
  readonly outbound: OutboundMessage[];
  /** True once the code under test has completed (closed) its outbound side. */
  readonly closed: boolean;
  /** Delivers a message from the peer (or what a transport emits instead: an invalid frame, a request failure). */
  receive(message: JSONRPCMessage | InvalidFrame | RequestFailure): void;
  /** The peer closes: `inbound$` completes. */
  close(): void;
  /** The connection fails: `inbound$` errors. */
  fail(error: unknown): void;
}

/**
 * Creates a fake transport. Messages delivered before the code under test subscribes are queued.
 *
 * @example
 * const fake = createFakeTransport();
 * const session = createSession(fake.transport);
 * session.connect();
 * fake.receive(request(1, 'ping'));
 * expect(fake.sent).toEqual([result(1)]);
 */
export function createFakeTransport(): FakeTransport {
  const [local, peer] = createMemoryTransportPair();
  const sent: JSONRPCMessage[] = [];
  const outbound: OutboundMessage[] = [];
  let closed = false;
  peer.inbound$.subscribe({ next: (message) => sent.push(message as JSONRPCMessage), complete: () => (closed = true) });
  const recording = {
    next: (message: OutboundMessage) => {
      outbound.push(message);
      local.outbound.next(message);
    },
    error: (error: unknown) => local.outbound.error(error),
    complete: () => local.outbound.complete(),
  };
  return {
    transport: { inbound$: local.inbound$, outbound: recording },
    sent,
    outbound,
    get closed() {
      return closed;
    },
    receive: (message) => peer.outbound.next(message as JSONRPCMessage),
    close: () => peer.outbound.complete(),
    fail: (error) => peer.outbound.error(error),
  };
}
