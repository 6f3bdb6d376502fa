/**
 * @module
 * An in-process transport pair: two cross-wired channels, synchronous, marble-testable.
 */
import { Observable, type Observer, type Subscriber } from 'rxjs';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import { messageOf, type OutboundMessage } from './related-request.js';
import type { Transport } from './transport.js';

/**
 * One direction of a memory pair. Messages sent before the receiver subscribes are queued
 * and delivered, in order, on subscription; afterwards delivery is synchronous.
 */
function createChannel(): { readable: Observable<JSONRPCMessage>; writable: Observer<OutboundMessage> } {
  let receiver: Subscriber<JSONRPCMessage> | undefined;
  let queue: JSONRPCMessage[] = [];
  let ended: { error?: unknown } | undefined;

  const finish = (subscriber: Subscriber<JSONRPCMessage>, end: { error?: unknown }) =>
    'error' in end ? subscriber.error(end.error) : subscriber.complete();

  const readable = new Observable<JSONRPCMessage>((subscriber) => {
    if (receiver) {
      subscriber.error(new Error('A memory transport has one receiver at a time'));
      return;
    }
    receiver = subscriber;
    const pending = queue;
    queue = [];
    for (const message of pending) subscriber.next(message);
    if (ended) finish(subscriber, ended);
    return () => {
      if (receiver === subscriber) receiver = undefined;
    };
  });

  const writable: Observer<OutboundMessage> = {
    next: (value) => {
      if (ended) return;
      const message = messageOf(value);
      if (receiver) receiver.next(message);
      else queue.push(message);
    },
    error: (error) => {
      if (ended) return;
      ended = { error };
      if (receiver) finish(receiver, ended);
    },
    complete: () => {
      if (ended) return;
      ended = {};
      if (receiver) finish(receiver, ended);
    },
  };
  return { readable, writable };
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
