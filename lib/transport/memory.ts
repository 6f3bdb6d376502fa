/**
 * @module
 * An in-process transport pair: two cross-wired channels, synchronous, marble-testable.
 */
import type { Observable, Observer, Subscriber } from 'rxjs';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import { messageOf, type OutboundMessage } from './related-request.js';
import { SingleReader } from './single-reader.js';
import type { Transport } from './transport.js';

/**
 * One direction of a memory pair. Messages sent before the receiver subscribes are queued
 * and delivered, in order, on subscription; afterwards delivery is synchronous.
 */
function createChannel(): { readable: Observable<JSONRPCMessage>; writable: Observer<OutboundMessage> } {
  let queue: JSONRPCMessage[] = [];
  let ended: { error?: unknown } | undefined;

  const finish = (subscriber: Subscriber<JSONRPCMessage>, end: { error?: unknown }) =>
    'error' in end ? subscriber.error(end.error) : subscriber.complete();

  const reader = new SingleReader<JSONRPCMessage>('A memory transport', (subscriber) => {
    const pending = queue;
    queue = [];
    for (const message of pending) subscriber.next(message);
    if (ended) finish(subscriber, ended);
  });

  const writable: Observer<OutboundMessage> = {
    next: (value) => {
      if (ended) return;
      const message = messageOf(value);
      const receiver = reader.current;
      if (receiver) receiver.next(message);
      else queue.push(message);
    },
    error: (error) => {
      if (ended) return;
      ended = { error };
      const receiver = reader.current;
      if (receiver) finish(receiver, ended);
    },
    complete: () => {
      if (ended) return;
      ended = {};
      const receiver = reader.current;
      if (receiver) finish(receiver, ended);
    },
  };
  return { readable: reader.inbound$, writable };
}

/**
 * Creates two connected in-memory transports. What one side's `outbound` sends, the other
 * side's `inbound$` emits; `outbound.complete()` completes the peer's `inbound$`.
 *
 * @example
 * const [clientTransport, serverTransport] = createMemoryTransportPair();
 * server.connect(serverTransport);
 * const client = new McpClient(() => clientTransport);
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const toServer = createChannel();
  const toClient = createChannel();
  return [
    { inbound$: toClient.readable, outbound: toServer.writable },
    { inbound$: toServer.readable, outbound: toClient.writable },
  ];
}
