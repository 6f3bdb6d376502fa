/**
 * @module
 * Where SSE events are kept so a client that lost a stream can resume it with `Last-Event-ID`.
 */
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';

/**
 * Storage of the events sent on Streamable HTTP SSE streams, for resumability.
 *
 * Event ids are chosen by the store and must encode the stream they belong to, so that
 * {@link EventStore.replayEventsAfter} can find the stream from an id alone. Calls are
 * synchronous: the HTTP transport stores an event and writes it in the same tick, so a resuming
 * client can never miss or receive twice an event stored while it reconnects. A persistent store
 * can keep a synchronous write-through cache in front of its backend.
 *
 * @example
 * const store: EventStore = createInMemoryEventStore({ maxEvents: 5_000 });
 * createMcpRouter(server, { eventStore: store });
 */
export interface EventStore {
  /**
   * Stores one event of `streamId` and returns its id. Called without a message for the priming
   * event that opens a stream: it needs an id (a client may resume right after it) but is never
   * replayed.
   */
  storeEvent(streamId: string, message?: JSONRPCMessage): string;
  /**
   * Calls `send` for every stored message of the stream of `lastEventId` that came after it, in
   * order, and returns that stream's id; returns `undefined` (sending nothing) when the id is
   * unknown or events after it were evicted, so the stream cannot be resumed exactly.
   */
  replayEventsAfter(lastEventId: string, send: (eventId: string, message: JSONRPCMessage) => void): string | undefined;
  /** Forgets a stream's events (called when its session ends). Optional. */
  deleteStream?(streamId: string): void;
}
