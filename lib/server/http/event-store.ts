/**
 * @module
 * Where SSE events are kept so a client that lost a stream can resume it with `Last-Event-ID`.
 */
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';

/**
 * Storage of the events sent on Streamable HTTP SSE streams, for resumability.
 *
 * Event ids are chosen by the store and must begin with the id of the stream they belong to
 * (`<streamId>_<n>`, say), so that {@link EventStore.replayEventsAfter} can find the stream from
 * an id alone. Each call may answer at once (the in-memory store does: nothing waits) or with a
 * promise (a store shared by several processes, such as `rxmcp/redis`'s on Redis Streams). The
 * HTTP transport writes an event to its stream only once the store has answered with its id, in
 * the order the events were stored, so what a client saw is always stored; a replay it asks for
 * is queued behind the stream's pending stores, so a resuming client neither misses nor receives
 * twice an event stored while it reconnects.
 *
 * @example
 * const store: EventStore = createInMemoryEventStore({ maxEvents: 5_000 });
 * createMcpRouter(server, { eventStore: store });
 */
export interface EventStore {
  /**
   * Stores one event of `streamId` and returns its id. Called without a message for the priming
   * event that opens a stream: it needs an id (a client may resume right after it) but is never
   * replayed. A rejected promise sends the event without an id (it cannot be resumed after).
   * The priming event of a request's stream names that request in `requests`: kept with the
   * stream, so that {@link EventStore.unansweredRequests} can tell another process which
   * requests the stream was to answer.
   */
  storeEvent(streamId: string, message?: JSONRPCMessage, requests?: readonly RequestId[]): string | Promise<string>;
  /**
   * Calls `send` for every stored message of the stream of `lastEventId` that came after it, in
   * order, and returns that stream's id; returns `undefined` (sending nothing) when the id is
   * unknown or events after it were evicted, so the stream cannot be resumed exactly.
   */
  replayEventsAfter(
    lastEventId: string,
    send: (eventId: string, message: JSONRPCMessage) => void,
  ): string | undefined | Promise<string | undefined>;
  /** Forgets a stream's events (called when its session ends). Optional. */
  deleteStream?(streamId: string): void | Promise<void>;
  /**
   * The requests named by the priming event of `streamId` whose responses the stream has not
   * stored; `undefined` when the stream or its requests are unknown (expired, trimmed). A
   * process replaying the stream of a process that died answers each of them with an error,
   * so the client's calls settle. Optional: without it, such a stream just ends.
   */
  unansweredRequests?(streamId: string): readonly RequestId[] | undefined | Promise<readonly RequestId[] | undefined>;
}

/**
 * An {@link EventStore} that answers every call at once (the in-memory one): nothing waits.
 *
 * @example
 * const store: SynchronousEventStore = createInMemoryEventStore();
 * const id = store.storeEvent('s1'); // a string, no promise
 */
export interface SynchronousEventStore extends EventStore {
  storeEvent(streamId: string, message?: JSONRPCMessage, requests?: readonly RequestId[]): string;
  replayEventsAfter(lastEventId: string, send: (eventId: string, message: JSONRPCMessage) => void): string | undefined;
  deleteStream(streamId: string): void;
  unansweredRequests(streamId: string): readonly RequestId[] | undefined;
}
